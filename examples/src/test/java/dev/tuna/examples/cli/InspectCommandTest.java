package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuna inspect} against Keras' own parameter counts for the demo backbone (gen_demo.py), and on a model tuna
 * itself exported from that backbone.
 */
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
  void inspect_flushesTheTableIntoABufferedStream() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintWriter out = new java.io.PrintWriter(
        new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8)); // no auto-flush
    int code = TunaCommand.run(out, new java.io.PrintWriter(new java.io.StringWriter()), "inspect", "--model",
        BACKBONE.toString(), "--image-size", "64");
    assertThat(code).isZero();
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("block5_pool")
        .contains("Non-trainable params:");
  }

  @Test
  void inspect_withHead_addsDenseRows() {
    CliRun run = CliRun.of("inspect", "--model", BACKBONE.toString(), "--image-size", "64", "--classes", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Flatten 2*2*64 = 256 -> Dense(256): 256*256 + 256; Dense(2): 256*2 + 2.
    assertThat(run.out()).containsPattern("dense\\s+\\[256]\\s+65792").containsPattern("dense_1\\s+\\[2]\\s+514");
  }

  /** Exports the demo backbone with a fresh {@code units}-wide head for ankle_boot / sandal at 64x64. */
  private Path export(int units) {
    Path dir = tmp.resolve("model");
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(BACKBONE)).inputShape(64, 64)
        .head(Head.of(2).withUnits(units)).classNames(List.of("ankle_boot", "sandal"))
        .preprocessing(Preprocessing.RESCALE).seed(3).build()) {
      tuner.export(dir);
    }
    return dir;
  }

  private static JsonObject kerasSummary() throws Exception {
    return JsonParser.parseString(Files.readString(Path.of("src/test/resources/demo/summary.json")))
        .getAsJsonObject();
  }

  @Test
  void inspect_tunaExport_showsBackboneHeadClassesAndPreprocessing() throws Exception {
    JsonObject keras = kerasSummary();
    Path dir = export(32);
    CliRun run = CliRun.of("inspect", "--model", dir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("tuna export").contains("64x64x3").contains("preprocessing RESCALE")
        .contains("Classes (2): ankle_boot, sandal").contains("frozen: layers[:15]");
    for (JsonElement e : keras.getAsJsonArray("layers")) {
      JsonObject layer = e.getAsJsonObject();
      String shape = layer.get("output_shape").toString().replace(",", ", ");
      assertThat(run.out()).as(layer.get("name").getAsString()).containsPattern(layer.get("name").getAsString()
          + "\\s+" + java.util.regex.Pattern.quote(shape) + "\\s+" + layer.get("params").getAsLong() + "\\b");
    }
    // Keras' backbone counts plus the head read from the export: Flatten 2*2*64 = 256 -> Dense(32) -> Dense(2).
    long head = 256 * 32 + 32 + 32 * 2 + 2;
    assertThat(run.out()).containsPattern("dense\\s+\\[32]\\s+8224").containsPattern("dense_1\\s+\\[2]\\s+66");
    assertThat(run.out()).contains(String.format(Locale.ROOT, "Total params: %,d",
        keras.get("total_params").getAsLong() + head));
    assertThat(run.out()).contains(String.format(Locale.ROOT, "Non-trainable params: %,d",
        keras.get("non_trainable_params").getAsLong()));
  }

  @Test
  void inspect_tunaExport_tableEqualsTheBackboneWithTheSameHead() {
    Path dir = export(Head.DEFAULT_UNITS);
    CliRun exported = CliRun.of("inspect", "--model", dir.toString(), "--freeze", "7");
    CliRun backbone = CliRun.of("inspect", "--model", BACKBONE.toString(), "--image-size", "64", "--classes", "2",
        "--freeze", "7");
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(backbone.exitCode()).as(backbone.err()).isZero();
    String table = backbone.out().substring(backbone.out().indexOf("  #"));
    assertThat(exported.out()).endsWith(table).contains("frozen: layers[:7]");
  }

  @Test
  void inspect_tunaExport_rejectsAnotherSizeOrHead() {
    Path dir = export(16);
    CliRun size = CliRun.of("inspect", "--model", dir.toString(), "--image-size", "150");
    assertThat(size.exitCode()).isEqualTo(1);
    assertThat(size.err()).contains("--image-size 150").contains("64x64");
    CliRun classes = CliRun.of("inspect", "--model", dir.toString(), "--classes", "3");
    assertThat(classes.exitCode()).isEqualTo(1);
    assertThat(classes.err()).contains("--classes").contains("own head");
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
