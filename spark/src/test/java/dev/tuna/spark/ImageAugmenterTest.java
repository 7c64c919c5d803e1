package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.core.image.Image;
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

  private static float[] floats(List<Object> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) list.get(i);
    }
    return out;
  }
}
