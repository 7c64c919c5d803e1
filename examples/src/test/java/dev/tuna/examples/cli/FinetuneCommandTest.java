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
}
