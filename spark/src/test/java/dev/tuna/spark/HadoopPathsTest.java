package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.BadImagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input and output as Hadoop URIs: {@code file:} and a file system of another scheme ({@link TunaTestFileSystem}),
 * which only Hadoop's {@code FileSystem} can reach. The checks, the hidden directory, the files and the final rename
 * all go through it.
 */
class HadoopPathsTest {
  @TempDir
  static Path tmp;

  static Path input;

  @BeforeAll
  static void data() throws Exception {
    input = LocalSpark.classFolders(tmp.resolve("in"), 2, 3, 14, 12, 5);
  }

  private static SparkSession spark() {
    SparkSession spark = LocalSpark.session("local[2]");
    spark.sparkContext().hadoopConfiguration().set("fs." + TunaTestFileSystem.SCHEME + ".impl",
        TunaTestFileSystem.class.getName());
    return spark;
  }

  private static String uri(Path p) {
    return TunaTestFileSystem.SCHEME + "://" + p.toAbsolutePath();
  }

  private static SparkJob.Builder augment(String in, String out) {
    return SparkJob.builder(SparkJob.Kind.AUGMENT).input(in).output(out).master("local[2]").partitions(3).copies(2)
        .seed(3).targetSize(10, 11).option("--rotation-range", "30").option("--horizontal-flip", "true");
  }

  @Test
  void augmentReadsAndWritesThroughHadoopFileSystems() throws Exception {
    spark();
    SparkJob.Summary other = augment(uri(input), uri(tmp.resolve("out/other"))).build().run();
    SparkJob.Summary file = augment(input.toUri().toString(), "file:" + tmp.resolve("out/file")).build().run();
    assertThat(other.images()).isEqualTo(6);
    assertThat(other.written()).isEqualTo(12);
    assertThat(other.output()).isEqualTo(uri(tmp.resolve("out/other")));
    assertThat(file.written()).isEqualTo(12);

    Map<String, byte[]> a = tree(tmp.resolve("out/other"));
    Map<String, byte[]> b = tree(tmp.resolve("out/file"));
    assertThat(a).hasSize(12).containsKey("class1/img2_1.png");
    assertThat(b.keySet()).isEqualTo(a.keySet());
    Augmentation single = Augmentation.builder().copies(2).seed(3).targetSize(10, 11).option("rotationRange", "30")
        .option("horizontalFlip", "true").build();
    for (String cls : new String[] {"class0", "class1"}) {
      for (int i = 0; i < 3; i++) {
        String name = "img" + i + (i % 2 == 0 ? ".png" : ".jpg");
        var copies = single.augment(input, input.resolve(cls).resolve(name));
        for (int k = 0; k < 2; k++) {
          String out = cls + "/img" + i + "_" + k + ".png";
          assertThat(a.get(out)).as(out).isEqualTo(Png.encode(copies.get(k)));
          assertThat(b.get(out)).as(out).isEqualTo(a.get(out));
        }
      }
    }
    // only the output itself: no hidden directory and no checksum files left next to it or inside it
    try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("other", "file");
    }
  }

  @Test
  void existingOutputAndFailuresOnAnotherSchemeLeaveNothingBehind() throws Exception {
    spark();
    Path exists = Files.createDirectories(tmp.resolve("fail/exists"));
    Files.writeString(exists.resolve("keep.txt"), "keep");
    assertThatThrownBy(() -> augment(uri(input), uri(exists)).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--output " + uri(exists))
        .hasMessageContaining("already exists").hasMessageContaining("--overwrite");
    assertThat(exists.resolve("keep.txt")).hasContent("keep");
    assertThatThrownBy(() -> augment(uri(tmp.resolve("nope")), uri(tmp.resolve("fail/o"))).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--input " + uri(tmp.resolve("nope")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> augment(uri(input), uri(input.resolve("class0/x"))).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be inside --input");

    Path broken = LocalSpark.classFolders(tmp.resolve("broken"), 1, 2, 6, 6, 1);
    Files.write(broken.resolve("class0/bad.png"), new byte[] {9, 9, 9});
    assertThatThrownBy(() -> augment(uri(broken), uri(tmp.resolve("fail/broken"))).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot decode image")
        .hasMessageContaining("bad.png");
    try (Stream<Path> s = Files.list(tmp.resolve("fail"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("exists");
    }

    SparkJob.Summary skipped = augment(uri(broken), uri(tmp.resolve("fail/broken")))
        .onBadImage(BadImagePolicy.SKIP).build().run();
    assertThat(skipped.skipped()).isEqualTo(1);
    assertThat(tree(tmp.resolve("fail/broken"))).hasSize(4);
    SparkJob.Summary replaced = augment(uri(input), uri(exists)).overwrite(true).build().run();
    assertThat(tree(exists)).hasSize((int) replaced.written()).doesNotContainKey("keep.txt");
  }

  @Test
  void parquetOutputGoesThroughTheOtherScheme() throws Exception {
    SparkSession spark = spark();
    Path out = tmp.resolve("parquet/preds");
    SparkJob.Summary s = SparkJob.builder(SparkJob.Kind.CLASSIFY).input(uri(input)).output(uri(out))
        .master("local[2]").model(ModelTransformersTest.CLASSIFIER).batchSize(2).build().run();
    assertThat(s.images()).isEqualTo(6);
    assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(6);
    try (Stream<Path> l = Files.list(out.getParent())) {
      assertThat(l.map(p -> p.getFileName().toString())).containsExactly("preds");
    }
  }

  @Test
  void modelOnTheOtherSchemeIsCopiedToTheDriver() throws Exception {
    SparkSession spark = spark();
    Path local = tmp.resolve("parquet/local");
    Path remote = tmp.resolve("parquet/remote");
    SparkJob.builder(SparkJob.Kind.CLASSIFY).input(uri(input)).output(uri(local)).master("local[2]")
        .model(ModelTransformersTest.CLASSIFIER).batchSize(2).build().run();
    SparkJob.Summary s = SparkJob.builder(SparkJob.Kind.CLASSIFY).input(uri(input)).output(uri(remote))
        .master("local[2]").model(uri(ModelTransformersTest.CLASSIFIER)).batchSize(2).build().run();
    assertThat(s.images()).isEqualTo(6);
    var want = spark.read().parquet(local.toString()).orderBy("path").collectAsList();
    var got = spark.read().parquet(remote.toString()).orderBy("path").collectAsList();
    assertThat(got).hasSize(6).isEqualTo(want);
    String missing = uri(tmp.resolve("no-model"));
    assertThatThrownBy(() -> SparkJob.builder(SparkJob.Kind.CLASSIFY).input(uri(input))
        .output(uri(tmp.resolve("parquet/none"))).master("local[2]").model(missing).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--model " + missing + " does not exist");
    assertThat(tmp.resolve("parquet/none")).doesNotExist();
  }

  @Test
  void trainHeadReadsFeaturesAndModelThroughTheOtherScheme() throws Exception {
    SparkSession spark = spark();
    Path features = tmp.resolve("head/features");
    new FeatureExtractor().setModelPath(ModelTransformersTest.MINI_VGG.toString()).setInputSize(32, 32)
        .setPreprocessing("rescale").setBatchSize(4).setBaseDir(input.toString())
        .transform(LocalSpark.images(spark, input, 2)).write().parquet(features.toUri().toString());
    HeadJob.Summary local = head().features(features).validation(features).model(ModelTransformersTest.MINI_VGG)
        .output(tmp.resolve("head/local")).build().run();
    HeadJob.Summary other = head().features(uri(features)).validation(uri(features))
        .model(uri(ModelTransformersTest.MINI_VGG)).output(uri(tmp.resolve("head/other"))).build().run();
    assertThat(other.samples()).isEqualTo(6).isEqualTo(local.samples());
    assertThat(other.validationSamples()).isEqualTo(6);
    assertThat(other.history().get("loss")).isEqualTo(local.history().get("loss"));
    assertThat(other.history().get("val_loss")).isEqualTo(local.history().get("val_loss"));
    assertThat(other.output()).isEqualTo(uri(tmp.resolve("head/other")));
    assertThat(tree(tmp.resolve("head/other")).keySet()).isEqualTo(tree(tmp.resolve("head/local")).keySet())
        .contains("history.json", "history.csv");
    assertThat(tree(tmp.resolve("head/other")).get("history.csv")).isEqualTo(
        tree(tmp.resolve("head/local")).get("history.csv"));
    try (Stream<Path> l = Files.list(tmp.resolve("head"))) {
      assertThat(l.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("features", "local", "other");
    }
    assertThatThrownBy(() -> head().features(features).model(ModelTransformersTest.MINI_VGG)
        .output(uri(tmp.resolve("head/other"))).build().run()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
    String missing = uri(tmp.resolve("head/none"));
    assertThatThrownBy(() -> head().features(missing).model(ModelTransformersTest.MINI_VGG)
        .output(tmp.resolve("head/x")).build().run()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--features " + missing + " does not exist");
    assertThatThrownBy(() -> head().features(features).model(missing).output(tmp.resolve("head/x")).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--model " + missing + " does not exist");
    assertThat(tmp.resolve("head/x")).doesNotExist();
  }

  private static HeadJob.Builder head() {
    return HeadJob.builder().master("local[2]").targetSize(32, 32).preprocessing("rescale").epochs(2).batchSize(3)
        .seed(4);
  }

  private static Map<String, byte[]> tree(Path root) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(Augmentation.key(root, p), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
