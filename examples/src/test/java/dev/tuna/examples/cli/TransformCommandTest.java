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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tuna transform} against Keras' {@code apply_transform} outputs, and its bad-argument handling. */
final class TransformCommandTest {
  @TempDir
  Path tmp;

  static Stream<JsonObject> cases() throws Exception {
    JsonObject root = JsonParser.parseString(Files.readString(CliRun.fixtures("apply_transform/cases.json")))
        .getAsJsonObject();
    List<JsonObject> out = new ArrayList<>();
    int i = 0;
    for (JsonElement e : root.getAsJsonArray("cases")) {
      if (i++ % 20 == 0) { // one case in 20 covers every fill mode and order; the library test runs them all
        out.add(e.getAsJsonObject());
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void transform_matchesKeras(JsonObject c) throws Exception {
    Path output = tmp.resolve("out.npy");
    CliRun run = CliRun.of("transform",
        "--input", CliRun.fixtures("images/" + c.get("image").getAsString()).toString(),
        "--output", output.toString(),
        "--params", c.getAsJsonObject("params").toString(),
        "--fill-mode", c.get("fill_mode").getAsString(),
        "--cval", c.get("cval").getAsString(),
        "--interpolation-order", c.get("interpolation_order").getAsString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    float[] got = Npy.read(output).floats();
    float[] want = Npy.read(CliRun.fixtures("apply_transform/" + c.get("output").getAsString())).floats();
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      assertThat(Math.abs(got[i] - want[i])).isLessThanOrEqualTo(1e-3f);
    }
    assertThat(Npy.read(output).shape()).containsExactly(
        Npy.read(CliRun.fixtures("apply_transform/" + c.get("output").getAsString())).shape());
  }

  @Test
  void transform_missingInput_namesTheFile() {
    CliRun run = CliRun.of("transform", "--input", tmp.resolve("nope.png").toString(), "--output",
        tmp.resolve("o.npy").toString(), "--params", "{}");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--input").contains("nope.png");
  }

  @Test
  void transform_unknownParameter_namesIt() {
    CliRun run = CliRun.of("transform", "--input", CliRun.fixtures("images/img_12x12x3.npy").toString(),
        "--output", tmp.resolve("o.npy").toString(), "--params", "{\"rotation\": 3}");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown transform parameter rotation");
  }

  @Test
  void transform_badJson_saysSo() {
    CliRun run = CliRun.of("transform", "--input", CliRun.fixtures("images/img_12x12x3.npy").toString(),
        "--output", tmp.resolve("o.npy").toString(), "--params", "{\"theta\": ");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--params is not valid JSON");
  }

  @Test
  void transform_badFillMode_namesOptionAndValue() {
    CliRun run = CliRun.of("transform", "--input", CliRun.fixtures("images/img_12x12x3.npy").toString(),
        "--output", tmp.resolve("o.npy").toString(), "--params", "{}", "--fill-mode", "bogus");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("fillMode").contains("bogus");
  }

  @Test
  void transform_unknownOption_isAUsageError() {
    CliRun run = CliRun.of("transform", "--input", "x.npy", "--output", "o.npy", "--params", "{}", "--bogus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--bogus'");
  }

  @Test
  void transform_corruptImage_namesTheFile() throws Exception {
    Path bad = tmp.resolve("broken.jpg");
    Files.writeString(bad, "not an image");
    CliRun run = CliRun.of("transform", "--input", bad.toString(), "--output", tmp.resolve("o.npy").toString(),
        "--params", "{}");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("broken.jpg");
    assertThat(tmp.resolve("o.npy")).doesNotExist();
  }
}
