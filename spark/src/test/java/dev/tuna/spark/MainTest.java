package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.finetune.export.Classifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark-submit's entry point in local mode: features, then the head trained on them. */
class MainTest {
  @TempDir
  static Path tmp;

  static Path input;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.session("local[2]");
    input = LocalSpark.classFolders(tmp.resolve("in"), 2, 3, 20, 18, 5);
  }

  /** Exit code, stdout and stderr of one {@link Main#run}. */
  private record Result(int code, String out, String err) {}

  private static Result main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void trainHeadOnFeaturesExportsBackboneAndHead() throws Exception {
    String vgg = ModelTransformersTest.MINI_VGG.toString();
    Path features = tmp.resolve("features");
    Result f = main("features", "--input", input.toString(), "--output", features.toString(), "--master",
        "local[2]", "--model", vgg, "--target-size", "32,32", "--preprocess", "rescale", "--partitions", "3");
    assertThat(f.code()).as(f.err()).isZero();
    assertThat(f.out()).contains("6 input images, 6 rows written, 0 skipped");

    Path head = tmp.resolve("head");
    Result t = main("train-head", "--features", features.toString(), "--validation", features.toString(),
        "--model", vgg, "--output", head.toString(), "--master", "local[2]", "--target-size", "32,32",
        "--preprocess", "rescale", "--epochs", "2", "--batch-size", "4", "--optimizer", "adam",
        "--learning-rate", "0.01", "--seed", "3");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("Epoch 2/2").contains("tuna spark train-head: 6 training and 6 validation samples "
        + "of 2 classes [class0, class1], 2 epochs");
    try (Classifier c = Classifier.load(head.resolve("model"))) {
      assertThat(c.classNames()).containsExactly("class0", "class1");
      assertThat(c.height()).isEqualTo(32);
      assertThat(c.width()).isEqualTo(32);
    }
    assertThat(head.resolve("history.json")).exists();
    assertThat(head.resolve("history.csv")).exists();

    // the same options and seed give the same history as the HeadJob the options describe
    Path again = tmp.resolve("head-api");
    HeadJob.Summary s = HeadJob.builder().features(features).validation(features)
        .model(ModelTransformersTest.MINI_VGG).output(again).targetSize(32, 32).preprocessing("rescale").epochs(2)
        .batchSize(4).optimizer(dev.tuna.finetune.train.Optimizer.adam().withLearningRate(0.01)).seed(3).build()
        .run();
    assertThat(Files.readString(again.resolve("history.csv"))).isEqualTo(Files.readString(head.resolve(
        "history.csv")));
    assertThat(s.samples()).isEqualTo(6);

    Result exists = main("train-head", "--features", features.toString(), "--model", vgg, "--output",
        head.toString());
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err()).contains("--output " + head).contains("already exists");
  }

  @Test
  void trainHeadRejectsBadUsageWithExitTwo() {
    Result missing = main("train-head", "--model", ModelTransformersTest.MINI_VGG.toString(), "--output",
        tmp.resolve("x").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("features must be set");
    Result unknown = main("train-head", "--features", "f", "--copies", "2");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option --copies for train-head");
    Result momentum = main("train-head", "--features", "f", "--model", "m", "--output", "o", "--optimizer", "adam",
        "--momentum", "0.5");
    assertThat(momentum.code()).isEqualTo(2);
    assertThat(momentum.err()).contains("--momentum does not apply to --optimizer adam");
    Result job = main("fit");
    assertThat(job.code()).isEqualTo(2);
    assertThat(job.err()).contains("augment, features, classify or train-head").contains("fit");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}
