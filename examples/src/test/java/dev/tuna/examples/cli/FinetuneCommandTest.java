package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FinetuneCommandTest {
  static final Path DATA = Path.of("src/main/resources/dev/tuna/examples/demo/data");

  @TempDir
  Path tmp;

  private CliRun finetune(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("finetune", "--model",
        InspectCommandTest.BACKBONE.toString(), "--train", DATA.resolve("train").toString(), "--validation",
        DATA.resolve("test").toString(), "--output", tmp.resolve("run").toString(), "--image-size", "64"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void finetune_twoEpochs_writesModelHistoryAndCurves() throws Exception {
    CliRun run = finetune("--epochs", "2", "--lecture-augmentation", "--seed", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Found 40 training and 40 validation images of 2 classes [ankle_boot, sandal]")
        .contains("Epoch 2/2").contains("2/2 ━━━━").contains("val_accuracy").contains("Best epoch");
    Path out = tmp.resolve("run");
    assertThat(out.resolve("model/saved_model.pb")).isRegularFile();
    JsonObject h = JsonParser.parseString(Files.readString(out.resolve("history.json"))).getAsJsonObject();
    assertThat(h.keySet()).containsExactlyInAnyOrder("loss", "accuracy", "val_loss", "val_accuracy");
    assertThat(h.getAsJsonArray("val_loss")).hasSize(2);
    List<String> csv = Files.readAllLines(out.resolve("history.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).isEqualTo("epoch,accuracy,loss,val_accuracy,val_loss");
    assertThat(csv.get(1)).startsWith("0,");
    for (String png : List.of("loss.png", "accuracy.png")) {
      assertThat(javax.imageio.ImageIO.read(out.resolve(png).toFile()).getWidth()).isEqualTo(640);
    }
    CliRun classify = CliRun.of("classify", "--model", out.resolve("model").toString(),
        DATA.resolve("test/sandal/sandal_00.png").toString());
    assertThat(classify.exitCode()).as(classify.err()).isZero();
    assertThat(classify.out()).contains("sandal_00.png: ").contains("ankle_boot 0.").contains("sandal 0.");
  }

  @Test
  void finetune_missingTrainDirectory_namesIt() {
    CliRun run = CliRun.of("finetune", "--model", InspectCommandTest.BACKBONE.toString(), "--train",
        tmp.resolve("cats-and-dogs").toString(), "--validation", DATA.resolve("test").toString(), "--output",
        tmp.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--train").contains("cats-and-dogs").contains("does not exist");
  }

  @Test
  void finetune_unknownOptimizer_listsChoices() {
    CliRun run = finetune("--optimizer", "adagrad");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--optimizer must be sgd, adam or rmsprop but was adagrad");
  }

  @Test
  void finetune_rescaleWithPreprocess_isRejected() {
    CliRun run = finetune("--rescale", "1/255");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("conflicts with --preprocess rescale");
  }

  @Test
  void finetune_nonVggModel_isRejected() {
    CliRun run = CliRun.of("finetune", "--model", Path.of("../finetune/src/test/resources/non-vgg.weights.h5")
        .toString(), "--train", DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(),
        "--output", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).containsIgnoringCase("vgg");
  }

  @Test
  void finetune_zeroEpochs_namesOption() {
    CliRun run = finetune("--epochs", "0");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--epochs must be >= 1 but was 0");
  }

  @Test
  void finetune_withoutOutput_isAUsageError() {
    CliRun run = CliRun.of("finetune", "--model", "m", "--train", "t", "--validation", "v");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--output=<output>'");
  }

  private static com.google.gson.JsonArray history(Path dir, String key) throws java.io.IOException {
    return JsonParser.parseString(Files.readString(dir.resolve("history.json"))).getAsJsonObject()
        .getAsJsonArray(key);
  }

  @Test
  void finetune_twoPhases_historyListsEveryEpochInOrder() throws Exception {
    CliRun run = finetune("--epochs", "1", "--unfreeze-from", "block4_conv1", "--fine-tune-epochs", "2",
        "--fine-tune-learning-rate", "0.0001");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Epoch 1/3").contains("Epoch 3/3");
    assertThat(history(tmp.resolve("run"), "val_loss")).hasSize(3);
    assertThat(Files.readAllLines(tmp.resolve("run/history.csv"))).hasSize(4).element(3).asString().startsWith("2,");
    assertThat(tmp.resolve("run/checkpoint/tuna-checkpoint.json")).isRegularFile();
  }

  @Test
  void finetune_resume_continuesToEpochsInTotal_likeOneRun() throws Exception {
    List<String> common = List.of("finetune", "--model", InspectCommandTest.BACKBONE.toString(), "--train",
        DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--image-size", "64",
        "--lecture-augmentation", "--seed", "5", "--batch-size", "16");
    Path straight = tmp.resolve("straight");
    Path resumed = tmp.resolve("resumed");
    List<String> a = new java.util.ArrayList<>(common);
    a.addAll(List.of("--output", straight.toString(), "--epochs", "3"));
    CliRun first = CliRun.of(a.toArray(String[]::new));
    assertThat(first.exitCode()).isZero();
    List<String> b = new java.util.ArrayList<>(common);
    b.addAll(List.of("--output", resumed.toString(), "--epochs", "1"));
    assertThat(CliRun.of(b.toArray(String[]::new)).exitCode()).isZero();
    List<String> c = new java.util.ArrayList<>(common);
    c.addAll(List.of("--resume", resumed.toString(), "--epochs", "3"));
    CliRun run = CliRun.of(c.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Resuming " + resumed + " after epoch 1").doesNotContain("Epoch 1/3")
        .contains("Epoch 2/3").contains("Epoch 3/3");
    for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      var want = history(straight, key);
      var got = history(resumed, key);
      assertThat(got).as(key).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(got.get(i).getAsDouble()).as(key + " " + i).isCloseTo(want.get(i).getAsDouble(),
            org.assertj.core.data.Offset.offset(1e-6));
      }
    }
    assertThat(bestLine(run)).as("the best epoch and val_loss of the whole run").isEqualTo(bestLine(first));
  }

  @Test
  void finetune_noShuffle_changesTheRun_andAResumeMustKeepIt() throws Exception {
    List<String> common = List.of("finetune", "--model", InspectCommandTest.BACKBONE.toString(), "--train",
        DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--image-size", "64",
        "--seed", "5", "--batch-size", "8");
    Path shuffled = tmp.resolve("shuffled");
    Path ordered = tmp.resolve("ordered");
    List<String> a = new java.util.ArrayList<>(common);
    a.addAll(List.of("--output", shuffled.toString(), "--epochs", "1"));
    assertThat(CliRun.of(a.toArray(String[]::new)).exitCode()).isZero();
    List<String> b = new java.util.ArrayList<>(common);
    b.addAll(List.of("--output", ordered.toString(), "--epochs", "1", "--no-shuffle"));
    CliRun run = CliRun.of(b.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(history(ordered, "loss").get(0).getAsDouble()).as("index order trains on other batches")
        .isNotCloseTo(history(shuffled, "loss").get(0).getAsDouble(), org.assertj.core.data.Offset.offset(1e-7));
    List<String> c = new java.util.ArrayList<>(common);
    c.addAll(List.of("--resume", shuffled.toString(), "--epochs", "2", "--no-shuffle"));
    CliRun resume = CliRun.of(c.toArray(String[]::new));
    assertThat(resume.exitCode()).isEqualTo(1);
    assertThat(resume.err()).contains("batches in index order");
  }

  private static String bestLine(CliRun run) {
    return run.out().lines().filter(l -> l.startsWith("Best epoch")).findFirst().orElseThrow()
        .replaceAll(" \\(\\d+ s\\)", "");
  }

  @Test
  void finetune_resume_ofADirectoryThatIsNoRun_namesIt() throws Exception {
    Path photos = tmp.resolve("photos");
    Files.createDirectories(photos);
    CliRun run = CliRun.of("finetune", "--model", InspectCommandTest.BACKBONE.toString(), "--train",
        DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--resume",
        photos.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--resume " + photos).contains("is not a tuna finetune run")
        .contains("tuna-checkpoint.json");
  }

  @Test
  void finetune_secondPhaseOptions_needEachOther() {
    assertThat(finetune("--fine-tune-epochs", "2").err()).contains("--fine-tune-epochs")
        .contains("need --unfreeze-from");
    assertThat(finetune("--unfreeze-from", "block5_conv1").err()).contains("--fine-tune-epochs N");
    CliRun unknown = finetune("--unfreeze-from", "block9_conv1", "--fine-tune-epochs", "1");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("--unfreeze-from").contains("block9_conv1").contains("block5_pool");
    assertThat(finetune("--head", "conv").err()).contains("--head must be flatten-dense or gap but was conv");
  }

  @Test
  void finetune_head_eitherHeadOnEitherKindOfModel_thenClassifyAndInspect() throws Exception {
    CliRun gap = finetune("--epochs", "1", "--head", "gap");
    assertThat(gap.exitCode()).as(gap.err()).isZero();
    assertThat(gap.out()).contains("global_average_pooling2d").doesNotContain("flatten");
    Path vgg = tmp.resolve("run");
    CliRun inspect = CliRun.of("inspect", "--model", vgg.resolve("model").toString());
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("global_average_pooling2d").contains("dense");
    Path out = tmp.resolve("mobilenet");
    CliRun flatten = CliRun.of("finetune", "--model", AnyModelCommandTest.MOBILENET.toString(), "--train",
        DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--output",
        out.toString(), "--epochs", "1", "--head", "flatten-dense");
    assertThat(flatten.exitCode()).as(flatten.err()).isZero();
    assertThat(history(out, "val_accuracy")).hasSize(1);
    for (Path model : List.of(vgg.resolve("model"), out.resolve("model"))) {
      CliRun classify = CliRun.of("classify", "--model", model.toString(),
          DATA.resolve("test/sandal/sandal_00.png").toString());
      assertThat(classify.exitCode()).as(classify.err()).isZero();
      assertThat(classify.out()).contains("ankle_boot 0.").contains("sandal 0.");
    }
  }

  @Test
  void finetune_batchNormalization_badValueOrVgg_namesOption() {
    assertThat(finetune("--batch-normalization", "moving").err())
        .contains("--batch-normalization must be keras3-fit, frozen or call-arguments but was moving");
    assertThat(finetune("--batch-normalization", "frozen").err()).contains("--batch-normalization")
        .contains("VGG backbones have no BatchNormalization");
  }

  @Test
  void finetune_anyConfigModel_twoPhases_thenClassify() throws Exception {
    Path out = tmp.resolve("mobilenet");
    CliRun run = CliRun.of("finetune", "--model", AnyModelCommandTest.MOBILENET.toString(), "--train",
        DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--output",
        out.toString(), "--epochs", "1", "--unfreeze-from", "block_16_expand", "--fine-tune-epochs", "1",
        "--optimizer", "adam");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Epoch 2/2");
    assertThat(history(out, "val_accuracy")).hasSize(2);
    CliRun classify = CliRun.of("classify", "--model", out.resolve("model").toString(),
        DATA.resolve("test/sandal/sandal_00.png").toString());
    assertThat(classify.exitCode()).as(classify.err()).isZero();
    assertThat(classify.out()).contains("ankle_boot 0.").contains("sandal 0.");
  }

  @Test
  void finetune_configModel_batchNormalizationFrozen_changesOnlyTheSecondPhase() throws Exception {
    List<Path> outs = new java.util.ArrayList<>();
    for (String mode : new String[] {"keras3-fit", "frozen"}) {
      Path out = tmp.resolve("bn-" + mode);
      CliRun run = CliRun.of("finetune", "--model", AnyModelCommandTest.MOBILENET.toString(), "--train",
          DATA.resolve("train").toString(), "--validation", DATA.resolve("test").toString(), "--output",
          out.toString(), "--epochs", "1", "--unfreeze-from", "block_16_expand", "--fine-tune-epochs", "1",
          "--optimizer", "adam", "--batch-normalization", mode);
      assertThat(run.exitCode()).as(run.err()).isZero();
      outs.add(out);
    }
    var fit = history(outs.get(0), "loss");
    var frozen = history(outs.get(1), "loss");
    // phase 1 trains the head only: the same in both modes; phase 2 trains block_16's BatchNormalization or not
    assertThat(frozen.get(0).getAsDouble()).isEqualTo(fit.get(0).getAsDouble());
    assertThat(frozen.get(1).getAsDouble()).isNotEqualTo(fit.get(1).getAsDouble());
  }
}
