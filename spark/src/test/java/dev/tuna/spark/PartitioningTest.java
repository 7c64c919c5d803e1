package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three jobs on local[1] with one partition and on local[2] with seven: the same output, byte for byte. */
class PartitioningTest {
  @TempDir
  static Path tmp;

  static Path input;

  @BeforeAll
  static void data() throws Exception {
    input = LocalSpark.classFolders(tmp.resolve("in"), 3, 3, 14, 12, 21);
  }

  private static SparkJob.Builder augment(String master, int partitions, Path out) {
    return SparkJob.builder(SparkJob.Kind.AUGMENT).input(input).output(out).master(master).partitions(partitions)
        .copies(2).seed(7).targetSize(10, 11).option("--rotation-range", "40").option("--zoom-range", "0.2")
        .option("--horizontal-flip", "true").option("--channel-shift-range", "20");
  }

  private static SparkJob.Builder classify(String master, int partitions, Path out) {
    return SparkJob.builder(SparkJob.Kind.CLASSIFY).input(input).output(out).master(master).partitions(partitions)
        .model(ModelTransformersTest.CLASSIFIER).batchSize(2);
  }

  private static SparkJob.Builder features(String master, int partitions, Path out) {
    return SparkJob.builder(SparkJob.Kind.FEATURES).input(input).output(out).master(master).partitions(partitions)
        .model(ModelTransformersTest.MINI_VGG).targetSize(32, 32).preprocessing("caffe").batchSize(3);
  }

  @Test
  void oneWorkerAndOnePartitionEqualsTwoWorkersAndSevenPartitions() throws Exception {
    LocalSpark.session("local[1]");
    SparkJob.Summary a1 = augment("local[1]", 1, tmp.resolve("a1")).build().run();
    classify("local[1]", 1, tmp.resolve("c1")).build().run();
    features("local[1]", 1, tmp.resolve("f1")).build().run();
    LocalSpark.session("local[2]");
    SparkJob.Summary a2 = augment("local[2]", 7, tmp.resolve("a2")).build().run();
    classify("local[2]", 7, tmp.resolve("c2")).build().run();
    features("local[2]", 7, tmp.resolve("f2")).build().run();

    assertThat(a1.images()).isEqualTo(9);
    assertThat(a1.written()).isEqualTo(18);
    assertThat(a2.written()).isEqualTo(18);
    Map<String, byte[]> t1 = tree(tmp.resolve("a1"));
    Map<String, byte[]> t2 = tree(tmp.resolve("a2"));
    assertThat(t1).hasSize(18).containsKey("class2/img1_1.png");
    assertThat(t2.keySet()).isEqualTo(t1.keySet());
    for (String name : t1.keySet()) {
      assertThat(t2.get(name)).as(name).isEqualTo(t1.get(name));
    }
    // each file is the PNG of the single-machine augmentation
    Augmentation single = Augmentation.builder().copies(2).seed(7).targetSize(10, 11).option("rotationRange", "40")
        .option("zoomRange", "0.2").option("horizontalFlip", "true").option("channelShiftRange", "20").build();
    assertThat(t1.get("class2/img1_1.png"))
        .isEqualTo(Png.encode(single.augment(input, input.resolve("class2/img1.jpg")).get(1)));

    assertThat(rows(tmp.resolve("c2"))).hasSize(9).isEqualTo(rows(tmp.resolve("c1")));
    assertThat(rows(tmp.resolve("f2"))).hasSize(9).isEqualTo(rows(tmp.resolve("f1")));
  }

  @Test
  void withLayersOneWorkerAndOnePartitionEqualsTwoWorkersAndSevenPartitions() throws Exception {
    LocalSpark.session("local[1]");
    augment("local[1]", 1, tmp.resolve("l1")).layers(ImageAugmenterTest.spec(3)).build().run();
    LocalSpark.session("local[2]");
    SparkJob.Summary s2 = augment("local[2]", 7, tmp.resolve("l2")).layers(ImageAugmenterTest.spec(3)).build().run();
    assertThat(s2.written()).isEqualTo(18);
    Map<String, byte[]> t1 = tree(tmp.resolve("l1"));
    Map<String, byte[]> t2 = tree(tmp.resolve("l2"));
    assertThat(t1).hasSize(18);
    assertThat(t2.keySet()).isEqualTo(t1.keySet());
    for (String name : t1.keySet()) {
      assertThat(t2.get(name)).as(name).isEqualTo(t1.get(name));
    }
    // each file is the PNG of the generator's copy passed through the pipeline with the derived seeds
    dev.tuna.augment.ImageDataGenerator gen = dev.tuna.augment.ImageDataGenerator.builder().rotationRange(40)
        .zoomRange(0.2).horizontalFlip(true).channelShiftRange(20).build();
    dev.tuna.core.image.Image loaded = dev.tuna.core.io.ImageLoader.builder().targetSize(10, 11).build()
        .load(input.resolve("class1/img2.png"));
    for (int k = 0; k < 2; k++) {
      assertThat(t1.get("class1/img2_" + k + ".png")).isEqualTo(Png.encode(ImageAugmenterTest.singleMachine(gen,
          loaded, 7, "class1/img2.png", k)));
    }
    Augmentation withoutLayers = Augmentation.builder().copies(2).seed(7).targetSize(10, 11)
        .option("rotationRange", "40").option("zoomRange", "0.2").option("horizontalFlip", "true")
        .option("channelShiftRange", "20").build();
    assertThat(t1.get("class1/img2_0.png"))
        .isNotEqualTo(Png.encode(withoutLayers.augment(input, input.resolve("class1/img2.png")).get(0)));
  }

  @Test
  void existingOutputIsRefusedAndAFailedRunLeavesNoOutput() throws Exception {
    LocalSpark.session("local[2]");
    Path out = Files.createDirectories(tmp.resolve("exists"));
    assertThatThrownBy(() -> augment("local[2]", 2, out).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists")
        .hasMessageContaining("--overwrite");
    assertThatThrownBy(() -> SparkJob.builder(SparkJob.Kind.AUGMENT).input(tmp.resolve("nope"))
        .output(tmp.resolve("o")).master("local[2]").build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--input").hasMessageContaining("nope");

    Path broken = LocalSpark.classFolders(tmp.resolve("broken"), 1, 2, 6, 6, 1);
    Files.write(broken.resolve("class0/bad.png"), new byte[] {9, 9, 9});
    Path failed = tmp.resolve("failed");
    assertThatThrownBy(() -> SparkJob.builder(SparkJob.Kind.AUGMENT).input(broken).output(failed)
        .master("local[2]").targetSize(6, 6).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot decode image")
        .hasMessageContaining("bad.png");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("failed")
          || n.startsWith(".failed"));
    }
    SparkJob.Summary skipped = SparkJob.builder(SparkJob.Kind.AUGMENT).input(broken).output(failed)
        .master("local[2]").targetSize(6, 6).onBadImage(dev.tuna.augment.BadImagePolicy.SKIP).build().run();
    assertThat(skipped.skipped()).isEqualTo(1);
    assertThat(skipped.written()).isEqualTo(2);
    assertThat(tree(failed)).hasSize(2);

    SparkJob.Summary again = augment("local[2]", 2, out).overwrite(true).build().run();
    assertThat(tree(out)).hasSize((int) again.written());
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

  private static List<String> rows(Path parquet) {
    return LocalSpark.session("local[2]").read().parquet(parquet.toString()).orderBy("path").collectAsList()
        .stream().map(Row::toString).toList();
  }
}
