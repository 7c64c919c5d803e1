package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuna flow} against Keras' {@code flow_from_directory} batches, and its bad-argument handling. */
final class FlowCommandTest {
  @TempDir
  Path tmp;

  private static JsonObject directoryCase(int id) throws Exception {
    JsonObject root = JsonParser.parseString(Files.readString(CliRun.fixtures("directory/cases.json")))
        .getAsJsonObject();
    return root.getAsJsonArray("cases").get(id).getAsJsonObject();
  }

  @Test
  void flow_lectureAugmentation_matchesKeras() throws Exception {
    JsonObject c = directoryCase(1);
    assertThat(c.get("label").getAsString()).isEqualTo("(ii) lecture augmentation");
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(),
        "--output", tmp.toString(), "--target-size", "20,24", "--batch-size", "4", "--seed", "3", "--batches", "4",
        "--rotation-range", "30", "--width-shift-range", "0.2", "--height-shift-range", "0.2", "--shear-range",
        "10", "--zoom-range", "0.2", "--horizontal-flip", "--fill-mode", "nearest", "--rescale", "1/255",
        "--workers", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    int i = 0;
    for (JsonElement e : c.getAsJsonArray("calls")) {
      JsonObject call = e.getAsJsonObject();
      float[] got = Npy.read(tmp.resolve(String.format("batch_%03d_x.npy", i))).floats();
      float[] want = Npy.read(CliRun.fixtures("directory/" + call.get("x").getAsString())).floats();
      assertThat(got).hasSameSizeAs(want);
      for (int k = 0; k < want.length; k++) {
        assertThat(Math.abs(got[k] - want[k])).isLessThanOrEqualTo(1e-3f / 255);
      }
      assertThat(Npy.read(tmp.resolve(String.format("batch_%03d_y.npy", i))).floats())
          .containsExactly(Npy.read(CliRun.fixtures("directory/" + call.get("y").getAsString())).floats());
      i++;
    }
    JsonObject classes = JsonParser.parseString(Files.readString(tmp.resolve("classes.json"))).getAsJsonObject();
    assertThat(classes.get("class_indices")).isEqualTo(c.get("class_indices"));
    assertThat(classes.get("filenames")).isEqualTo(c.get("filenames"));
  }

  @Test
  void flow_sparseGrayscaleBilinear_matchesKeras() throws Exception {
    JsonObject c = directoryCase(2);
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(),
        "--output", tmp.toString(), "--target-size", "12,10", "--batch-size", "6", "--shuffle", "false",
        "--class-mode", "sparse", "--color-mode", "grayscale", "--interpolation", "bilinear");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> files = new ArrayList<>();
    try (var s = Files.list(tmp)) {
      s.forEach(p -> files.add(p.getFileName().toString()));
    }
    assertThat(files).contains("batch_000_x.npy", "batch_002_y.npy", "classes.json");
    JsonObject first = c.getAsJsonArray("calls").get(0).getAsJsonObject();
    assertThat(Npy.read(tmp.resolve("batch_000_x.npy")).floats())
        .containsExactly(Npy.read(CliRun.fixtures("directory/" + first.get("x").getAsString())).floats());
  }

  @Test
  void flow_missingDirectory_namesIt() {
    CliRun run = CliRun.of("flow", "--directory", tmp.resolve("absent").toString(), "--output", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--directory").contains("absent");
  }

  @Test
  void flow_badTargetSize_namesOption() {
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(), "--output",
        tmp.toString(), "--target-size", "20");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--target-size must be H,W but was 20");
  }

  @Test
  void flow_badClassMode_namesValue() {
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(), "--output",
        tmp.toString(), "--class-mode", "multi");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Invalid class_mode: multi");
  }

  @Test
  void flow_validationSplitOutOfRange_namesOption() {
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(), "--output",
        tmp.toString(), "--validation-split", "1.5");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("validationSplit must be strictly between 0 and 1 but was 1.5");
  }

  @Test
  void flow_subsetWithoutSplit_isRejected() {
    CliRun run = CliRun.of("flow", "--directory", CliRun.fixtures("directory/tree").toString(), "--output",
        tmp.toString(), "--subset", "validation");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("subset validation needs a generator with validationSplit > 0");
  }

  @Test
  void help_listsSubcommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("transform").contains("flow").contains("augment").contains("inspect")
        .contains("features").contains("finetune").contains("classify").contains("demo");
  }
}
