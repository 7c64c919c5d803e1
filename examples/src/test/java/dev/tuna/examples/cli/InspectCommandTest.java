package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuna inspect} against Keras' own parameter counts for the demo backbone (gen_demo.py). */
final class InspectCommandTest {
  static final Path BACKBONE = Path.of("src/main/resources/dev/tuna/examples/demo/backbone");

  @TempDir
  Path tmp;

  @Test
  void inspect_demoBackbone_matchesKerasCounts() throws Exception {
    JsonObject keras = JsonParser.parseString(Files.readString(Path.of("src/test/resources/demo/summary.json")))
        .getAsJsonObject();
    CliRun run = CliRun.of("inspect", "--model", BACKBONE.toString(), "--image-size", "64", "--freeze", "15");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(String.format(Locale.ROOT, "Total params: %,d",
        keras.get("total_params").getAsLong()));
    assertThat(run.out()).contains(String.format(Locale.ROOT, "Trainable params: %,d",
        keras.get("trainable_params").getAsLong()));
    assertThat(run.out()).contains(String.format(Locale.ROOT, "Non-trainable params: %,d",
        keras.get("non_trainable_params").getAsLong()));
    for (JsonElement e : keras.getAsJsonArray("layers")) {
      JsonObject layer = e.getAsJsonObject();
      String shape = layer.get("output_shape").toString().replace(",", ", ");
      assertThat(run.out()).as(layer.get("name").getAsString()).containsPattern(layer.get("name").getAsString()
          + "\\s+" + java.util.regex.Pattern.quote(shape) + "\\s+" + layer.get("params").getAsLong() + "\\b");
    }
    assertThat(run.out()).contains("block5_pool").contains("[2, 2, 64]");
  }

  @Test
  void inspect_withHead_addsDenseRows() {
    CliRun run = CliRun.of("inspect", "--model", BACKBONE.toString(), "--image-size", "64", "--classes", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Flatten 2*2*64 = 256 -> Dense(256): 256*256 + 256; Dense(2): 256*2 + 2.
    assertThat(run.out()).containsPattern("dense\\s+\\[256]\\s+65792").containsPattern("dense_1\\s+\\[2]\\s+514");
  }

  @Test
  void inspect_missingModel_namesThePath() {
    CliRun run = CliRun.of("inspect", "--model", tmp.resolve("vgg16_notop").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("vgg16_notop").contains("does not exist");
  }

  @Test
  void inspect_notAModel_isRejected() throws Exception {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "hello");
    CliRun run = CliRun.of("inspect", "--model", notes.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read").contains("notes.txt");
  }

  @Test
  void inspect_freezeBeyondLayers_namesOption() {
    CliRun run = CliRun.of("inspect", "--model", BACKBONE.toString(), "--freeze", "40");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--freeze").contains("40");
  }

  @Test
  void inspect_withoutModel_isAUsageError() {
    CliRun run = CliRun.of("inspect");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--model=<model>'");
  }
}
