package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DemoCommandTest {
  @TempDir
  Path tmp;

  @Test
  void demo_shortRun_writesEveryArtefactAndSaysWhere() throws Exception {
    CliRun run = CliRun.of("demo", "--output", tmp.toString(), "--epochs", "2", "--contrast", "false");
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String slide : List.of("1-flips", "2-rotation", "3-zoom", "4-shift", "5-shear", "6-lecture",
        "7-fill-modes")) {
      Path png = tmp.resolve("augmentation/" + slide + ".png");
      assertThat(png).isRegularFile();
      assertThat(run.out()).contains(png.toString());
    }
    for (String f : List.of("model/saved_model.pb", "history.json", "history.csv", "loss.png", "accuracy.png")) {
      assertThat(tmp.resolve("finetune/" + f)).isRegularFile();
    }
    assertThat(run.out()).contains("== (c) Classifying").contains("sandal_07.png: ").contains("wall time");
    JsonObject summary = JsonParser.parseString(Files.readString(tmp.resolve("demo-summary.json")))
        .getAsJsonObject();
    double accuracy = summary.getAsJsonObject("pretrained").get("best_val_accuracy").getAsDouble();
    assertThat(accuracy).isBetween(0.0, 1.0);
    assertThat(summary.has("random_backbone")).isFalse();
  }

  @Test
  void demo_fileAsOutput_isRejected() throws Exception {
    Path file = Files.writeString(tmp.resolve("out.txt"), "x");
    CliRun run = CliRun.of("demo", "--output", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--output").contains("out.txt").contains("is not a directory");
  }

  @Test
  void demo_help_describesTheThreeParts() {
    CliRun run = CliRun.of("demo", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("(a) augmentation").contains("(b) fine-tuning").contains("(c) classification");
  }
}
