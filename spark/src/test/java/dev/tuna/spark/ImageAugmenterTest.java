package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.LayerSpec;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.random.NumpyRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAugmenterTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path input;

  @BeforeAll
  static void start() throws Exception {
    spark = LocalSpark.session("local[2]");
    input = LocalSpark.classFolders(tmp.resolve("in"), 2, 3, 12, 10, 7);
  }

  private static ImageAugmenter augmenter() {
    return new ImageAugmenter().setCopies(3).setSeed(42).setTargetSize(8, 9).setBaseDir(input.toString())
        .setOption("--rotation-range", "30").setOption("--width-shift-range", "0.2").setOption("zoomRange", "0.1")
        .setOption("--horizontal-flip", "true").setOption("--brightness-range", "0.8,1.2");
  }

  @Test
  void everyCopyEqualsTheSingleMachineAugmentation() throws Exception {
    ImageAugmenter aug = augmenter().setOutputFormat("floats");
    List<Row> rows = aug.transform(LocalSpark.images(spark, input, 3)).collectAsList();
    assertThat(rows).hasSize(6 * 3);
    Augmentation single = aug.augmentation();
    int checked = 0;
    try (Stream<Path> files = Files.walk(input)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = Augmentation.key(input, f);
        List<Image> expected = single.augment(input, f);
        for (int k = 0; k < 3; k++) {
          final int copy = k;
          Row row = rows.stream().filter(r -> r.getString(1).equals(key) && r.getInt(3) == copy).findFirst()
              .orElseThrow();
          assertThat(row.getString(2)).isEqualTo(key.substring(0, key.indexOf('/')));
          assertThat(row.getInt(4)).isEqualTo(8);
          assertThat(row.getInt(5)).isEqualTo(9);
          float[] actual = floats(row.getList(7));
          assertThat(actual).containsExactly(expected.get(k).data());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(18);
    // copies differ from each other (the seed derivation reaches the transform)
    assertThat(floats(rows.get(0).getList(7))).isNotEqualTo(floats(rows.get(1).getList(7)));
  }

  @Test
  void pngOutputIsThePngOfTheSingleMachineImage() throws Exception {
    List<Row> rows = augmenter().transform(LocalSpark.images(spark, input, 2)).collectAsList();
    Augmentation single = augmenter().augmentation();
    Path f = input.resolve("class1/img0.png");
    byte[] expected = Png.encode(single.augment(input, f).get(2));
    Row row = rows.stream().filter(r -> r.getString(1).equals("class1/img0.png") && r.getInt(3) == 2)
        .findFirst().orElseThrow();
    assertThat((byte[]) row.get(7)).isEqualTo(expected);
  }

  @Test
  void seedDerivationDependsOnSeedKeyAndCopyOnly() {
    long s = Augmentation.seedFor(42, "a/b.png", 0);
    assertThat(s).isBetween(0L, 0xFFFF_FFFFL).isEqualTo(Augmentation.seedFor(42, "a/b.png", 0));
    assertThat(Augmentation.seedFor(43, "a/b.png", 0)).isNotEqualTo(s);
    assertThat(Augmentation.seedFor(42, "a/c.png", 0)).isNotEqualTo(s);
    assertThat(Augmentation.seedFor(42, "a/b.png", 1)).isNotEqualTo(s);
  }

  @Test
  void corruptFileFailsNamingItOrIsSkippedAndCounted() throws Exception {
    Path in = LocalSpark.classFolders(tmp.resolve("corrupt"), 1, 2, 6, 6, 3);
    Files.write(in.resolve("class0/broken.png"), new byte[] {1, 2, 3, 4});
    Dataset<Row> df = LocalSpark.images(spark, in, 2);
    assertThatThrownBy(() -> augmenter().setBaseDir(in.toString()).transform(df).collectAsList())
        .hasStackTraceContaining("cannot decode image").hasStackTraceContaining("broken.png");
    List<Row> rows = augmenter().setBaseDir(in.toString()).setOnBadImage(BadImagePolicy.SKIP).transform(df)
        .collectAsList();
    assertThat(rows.stream().filter(r -> r.get(8) != null).map(r -> r.getString(1)))
        .containsExactly("class0/broken.png");
    assertThat(rows.stream().filter(r -> r.get(8) == null)).hasSize(2 * 3);
  }

  @Test
  void badParamsAndColumnsAreRejected() {
    assertThatThrownBy(() -> new ImageAugmenter().setOption("--featurewise-center", "true"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--featurewise-center").hasMessageContaining("not supported on Spark");
    assertThatThrownBy(() -> new ImageAugmenter().setOption("--rotation-range", "x").augmentation())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotationRange");
    Dataset<Row> wrong = spark.range(3).toDF("path");
    assertThatThrownBy(() -> augmenter().transform(wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path must be string");
  }

  @Test
  void savedAndLoadedAugmenterKeepsItsParams() throws Exception {
    ImageAugmenter a = augmenter();
    String dir = tmp.resolve("saved").toString();
    a.write().save(dir);
    ImageAugmenter b = ImageAugmenter.load(dir);
    assertThat(b.uid()).isEqualTo(a.uid());
    assertThat(b.augmentation().options()).isEqualTo(a.augmentation().options()).containsKey("rotationRange");
    assertThat(b.augmentation().copies()).isEqualTo(3);
    assertThat(b.augmentation().targetWidth()).isEqualTo(9);
  }

  /** A spec with seeds, as Keras writes it: the seeds are not used on Spark. */
  static String spec(int flipSeed) {
    return "[{\"class_name\": \"RandomFlip\", \"config\": {\"mode\": \"horizontal_and_vertical\", \"seed\": "
        + flipSeed + "}}, {\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.2, \"seed\": 5}},"
        + " {\"class_name\": \"Pipeline\", \"config\": {\"layers\": [{\"class_name\": \"RandomContrast\", "
        + "\"config\": {\"factor\": 0.5, \"seed\": 6}}]}},"
        + " {\"class_name\": \"RandomCrop\", \"config\": {\"height\": 6, \"width\": 7, \"seed\": 7}}]";
  }

  /**
   * Copy k of key p on one machine, written out: the generator's copy, then the spec's pipeline built after
   * set_random_seed(seedFor(seed, p, k)) with null seeds, called once on that image.
   */
  static Image singleMachine(ImageDataGenerator gen, Image loaded, long seed, String key, int copy) {
    long s = Augmentation.seedFor(seed, key, copy);
    Image x = gen.standardize(gen.applyTransform(loaded, gen.getRandomTransform(loaded, new NumpyRandom(s))));
    String unseeded = spec(0).replaceAll("\"seed\": \\d+", "\"seed\": null");
    LayerBatch out = LayerSpec.parse(unseeded, null, s).pipeline()
        .apply(LayerBatch.of(x.data().clone(), 1, x.height(), x.width(), x.channels()));
    return Image.wrap(out.height(), out.width(), out.channels(), out.images());
  }

  @Test
  void layersAfterTheGeneratorEqualTheSingleMachinePipelineWithTheDerivedSeeds() throws Exception {
    ImageAugmenter aug = augmenter().setLayers(spec(1)).setOutputFormat("floats");
    List<Row> rows = aug.transform(LocalSpark.images(spark, input, 4)).collectAsList();
    assertThat(rows).hasSize(6 * 3);
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(30).widthShiftRange(0.2).zoomRange(0.1)
        .horizontalFlip(true).brightnessRange(List.of(0.8, 1.2)).build();
    ImageLoader loader = ImageLoader.builder().targetSize(8, 9).build();
    int checked = 0;
    try (Stream<Path> files = Files.walk(input)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = Augmentation.key(input, f);
        Image loaded = loader.load(f);
        for (int k = 0; k < 3; k++) {
          final int copy = k;
          Row row = rows.stream().filter(r -> r.getString(1).equals(key) && r.getInt(3) == copy).findFirst()
              .orElseThrow();
          Image expected = singleMachine(gen, loaded, 42, key, k);
          assertThat(row.getInt(4)).isEqualTo(6);
          assertThat(row.getInt(5)).isEqualTo(7);
          assertThat(floats(row.getList(7))).as("%s copy %d", key, k).containsExactly(expected.data());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(18);
    // the layers change the generator's output, copies differ, and the spec's own seeds play no part
    List<Row> plain = augmenter().setOutputFormat("floats").transform(LocalSpark.images(spark, input, 1))
        .collectAsList();
    assertThat(plain.get(0).getInt(4)).isEqualTo(8);
    List<Row> otherSeeds = augmenter().setLayers(spec(99)).setOutputFormat("floats")
        .transform(LocalSpark.images(spark, input, 2)).orderBy("key", "copy").collectAsList();
    List<Row> sorted = rows.stream().sorted(java.util.Comparator.comparing((Row r) -> r.getString(1))
        .thenComparing(r -> r.getInt(3))).toList();
    assertThat(otherSeeds).isEqualTo(sorted);
    assertThat(floats(sorted.get(0).getList(7))).isNotEqualTo(floats(sorted.get(1).getList(7)));
  }

  @Test
  void layersPersistWithTheAugmenterAndBadSpecsAreNamed() throws Exception {
    ImageAugmenter a = augmenter().setLayers(spec(1));
    String dir = tmp.resolve("saved-layers").toString();
    a.write().save(dir);
    ImageAugmenter b = ImageAugmenter.load(dir);
    assertThat(b.getOrDefault(b.layers())).isEqualTo(spec(1));
    assertThat(b.augmentation().layers()).contains(spec(1));
    Dataset<Row> df = LocalSpark.images(spark, input, 2);
    assertThat(b.transform(df).orderBy("key", "copy").collectAsList())
        .isEqualTo(a.transform(df).orderBy("key", "copy").collectAsList());
    assertThat(augmenter().augmentation().layers()).isEmpty();

    assertThatThrownBy(() -> augmenter().setLayers("[{\"class_name\": \"RandomWobble\", \"config\": {}}]")
        .augmentation()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RandomWobble");
    assertThatThrownBy(() -> augmenter().setLayers("[{\"class_name\": \"RandomFlip\", \"config\": "
        + "{\"data_format\": \"channels_first\"}}]").augmentation())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels_last");
    assertThatThrownBy(() -> augmenter().setLayers("[{").augmentation())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Augmentation.builder().layers(spec(1)).layers(spec(2)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("layers was already set");
  }

  private static float[] floats(List<Object> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) list.get(i);
    }
    return out;
  }
}
