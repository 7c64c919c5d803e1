package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuna layers} against Keras 3.15.1 (fixture: resources/layers, gen_layers_cli.py) and its errors. */
final class LayersCommandTest {
  @TempDir
  Path tmp;

  private static Path fixture(String relative) throws URISyntaxException {
    return Path.of(LayersCommandTest.class.getResource("/layers/" + relative).toURI());
  }

  private static double maxDiff(float[] got, float[] want) {
    assertThat(got).hasSameSizeAs(want);
    double m = 0;
    for (int i = 0; i < got.length; i++) {
      m = Math.max(m, Math.abs((double) got[i] - want[i]));
    }
    return m;
  }

  private static float[] flat(JsonArray a) {
    List<Float> out = new ArrayList<>();
    flatten(a, out);
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static void flatten(JsonElement e, List<Float> out) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> flatten(x, out));
    } else {
      out.add(e.getAsFloat());
    }
  }

  @Test
  void geometryPipelineWithLabelsMasksBoxesMatchesKerasOverTwoCalls() throws Exception {
    CliRun run = CliRun.of("layers", "--spec", fixture("geometry/spec.json").toString(),
        "--input", fixture("geometry/x.npy").toString(), "--output", tmp.resolve("out").toString(),
        "--labels", fixture("geometry/labels.npy").toString(), "--masks", fixture("geometry/masks.npy").toString(),
        "--boxes", fixture("geometry/boxes.json").toString(), "--calls", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("fresh");
    for (int k = 0; k < 2; k++) {
      Path out = tmp.resolve("out");
      NpyArray images = Npy.read(out.resolve("images_" + k + ".npy"));
      NpyArray want = Npy.read(fixture("geometry/out/images_" + k + ".npy"));
      assertThat(images.shape()).containsExactly(want.shape());
      assertThat(maxDiff(images.floats(), want.floats())).as("images %d", k).isLessThanOrEqualTo(1e-3);
      NpyArray labels = Npy.read(out.resolve("labels_" + k + ".npy"));
      assertThat(labels.dtype()).isEqualTo(NpyArray.DType.INT32);
      assertThat(labels.shape()).containsExactly(3);
      assertThat(labels.longs()).containsExactly(Npy.read(fixture("geometry/out/labels_" + k + ".npy")).longs());
      NpyArray masks = Npy.read(out.resolve("masks_" + k + ".npy"));
      assertThat(masks.dtype()).isEqualTo(NpyArray.DType.UINT8);
      assertThat(masks.shape()).containsExactly(3, 13, 17, 1);
      assertThat(maxDiff(masks.floats(), Npy.read(fixture("geometry/out/masks_" + k + ".npy")).floats()))
          .as("masks %d", k).isZero();
      JsonObject boxes = JsonParser.parseString(Files.readString(out.resolve("boxes_" + k + ".json")))
          .getAsJsonObject();
      JsonObject wantBoxes = JsonParser.parseString(Files.readString(fixture("geometry/out/boxes_" + k + ".json")))
          .getAsJsonObject();
      assertThat(boxes.get("labels")).isEqualTo(wantBoxes.get("labels"));
      assertThat(maxDiff(flat(boxes.getAsJsonArray("boxes")), flat(wantBoxes.getAsJsonArray("boxes"))))
          .as("boxes %d", k).isLessThanOrEqualTo(1e-4);
    }
    assertThat(tmp.resolve("out/images.npy")).doesNotExist();
  }

  @Test
  void mixUpWithOneHotLabelsMatchesKeras() throws Exception {
    CliRun run = CliRun.of("layers", "--spec", fixture("mix/spec.json").toString(),
        "--input", fixture("mix/x.npy").toString(), "--output", tmp.toString(),
        "--labels", fixture("mix/labels.npy").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(maxDiff(Npy.read(tmp.resolve("images.npy")).floats(),
        Npy.read(fixture("mix/out/images_0.npy")).floats())).isLessThanOrEqualTo(1e-3);
    assertThat(maxDiff(Npy.read(tmp.resolve("labels.npy")).floats(),
        Npy.read(fixture("mix/out/labels_0.npy")).floats())).isLessThanOrEqualTo(1e-6);
    assertThat(tmp.resolve("masks.npy")).doesNotExist();
  }

  @Test
  void nullSeedsArePrintedAndRepeatTheRun() throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "[{\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.2, \"seed\": null}}]");
    CliRun first = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("a").toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).containsPattern("fresh layer 1 \\(RandomRotation\\): seed \\d+");
    String seed = first.out().replaceAll("(?s).*seed (\\d+).*", "$1");
    Files.writeString(spec, "[{\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.2, \"seed\": " + seed
        + "}}]");
    CliRun again = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("b").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Npy.read(tmp.resolve("b/images.npy")).floats())
        .containsExactly(Npy.read(tmp.resolve("a/images.npy")).floats());
  }

  /** keras.utils.set_random_seed(1234) makes the first unseeded layer draw 835549144 (specs.json of augment). */
  @Test
  void globalSeedGivesTheSeedKerasDraws() throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "[{\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.2, \"seed\": null}}]");
    CliRun global = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("a").toString(), "--seed", "1234");
    assertThat(global.exitCode()).as(global.err()).isZero();
    assertThat(global.out()).doesNotContain("fresh");
    Files.writeString(spec, "[{\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.2, \"seed\": "
        + "835549144}}]");
    CliRun explicit = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("b").toString());
    assertThat(explicit.exitCode()).as(explicit.err()).isZero();
    assertThat(Npy.read(tmp.resolve("a/images.npy")).floats())
        .containsExactly(Npy.read(tmp.resolve("b/images.npy")).floats());
  }

  @Test
  void badSpecsAndTargetsExitOneNamingLayerAndKey() throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}, "
        + "{\"class_name\": \"RandomBlur\", \"config\": {}}]");
    CliRun unknown = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("o").toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("tuna layers: error: layer 2 (RandomBlur): Unknown layer class_name "
        + "'RandomBlur'; tuna supports ").contains("RandomFlip");

    Files.writeString(spec, "[{\"class_name\": \"RandomContrast\", \"config\": {\"factor\": 1.5}}]");
    CliRun keras = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
        "--output", tmp.resolve("o").toString());
    assertThat(keras.exitCode()).isEqualTo(1);
    assertThat(keras.err()).contains("The `factor` argument should be a number (or a list of two numbers) in the "
        + "range [0, 1]. Received: factor=1.5");

    Files.writeString(spec, "[{\"class_name\": \"CutMix\", \"config\": {\"seed\": 1}}]");
    CliRun boxes = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("geometry/x.npy").toString(),
        "--output", tmp.resolve("o").toString(), "--boxes", fixture("geometry/boxes.json").toString());
    assertThat(boxes.exitCode()).isEqualTo(1);
    assertThat(boxes.err()).contains("CutMix cannot take bounding boxes");

    Files.writeString(spec, "[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1, \"bounding_box_format\": "
        + "\"yxyx\"}}, {\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.1, \"bounding_box_format\": "
        + "\"xyxy\"}}]");
    CliRun disagree = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("geometry/x.npy").toString(),
        "--output", tmp.resolve("o").toString(), "--boxes", fixture("geometry/boxes.json").toString());
    assertThat(disagree.exitCode()).isEqualTo(1);
    assertThat(disagree.err()).contains("the layers must agree on bounding_box_format but layer 1 (RandomFlip) says "
        + "'yxyx' and layer 2 (RandomRotation) says 'xyxy'");

    Path flatLabels = tmp.resolve("flat.npy");
    Npy.write(flatLabels, new int[] {3}, new float[] {2, 0, 1});
    Files.writeString(spec, "[{\"class_name\": \"Pipeline\", \"config\": {\"layers\": [{\"class_name\": "
        + "\"CutMix\", \"config\": {\"seed\": 1}}]}}]");
    CliRun flat = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("geometry/x.npy").toString(),
        "--output", tmp.resolve("o").toString(), "--labels", flatLabels.toString());
    assertThat(flat.exitCode()).isEqualTo(1);
    assertThat(flat.err()).contains("MixUp and CutMix cannot take float32 labels of shape (3,): Keras 3.15.1 "
        + "broadcasts them against the mix weights to (3, 3)");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void integerLabelsThroughMixUpAndCutMixFailAsInKeras() throws Exception {
    JsonArray cases = JsonParser.parseString(Files.readString(fixture("int_labels/cases.json")))
        .getAsJsonObject().getAsJsonArray("cases");
    assertThat(cases).hasSize(16);
    Path spec = tmp.resolve("spec.json");
    for (JsonElement e : cases) {
      JsonObject c = e.getAsJsonObject();
      Files.writeString(spec, c.get("spec").toString());
      String layer = c.getAsJsonArray("spec").get(0).getAsJsonObject().get("class_name").getAsString();
      CliRun run = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
          "--output", tmp.resolve("o").toString(), "--labels",
          fixture("int_labels/" + c.get("labels").getAsString()).toString());
      assertThat(run.exitCode()).as(c.toString()).isEqualTo(1);
      assertThat(run.err()).as(c.toString()).contains(layer + " cannot take " + c.get("dtype").getAsString()
          + " labels: " + c.get("error").getAsString());
      assertThat(tmp.resolve("o")).doesNotExist();
    }
  }

  @Test
  void integerLabelsPassOtherLayersInTheirDtypeAndShape() throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}]");
    for (String labels : List.of("labels_int32_3.npy", "labels_int32_3x1.npy", "labels_int64_3.npy",
        "labels_uint8_3x1.npy")) {
      NpyArray in = Npy.read(fixture("int_labels/" + labels));
      Path out = tmp.resolve(labels);
      CliRun run = CliRun.of("layers", "--spec", spec.toString(), "--input", fixture("mix/x.npy").toString(),
          "--output", out.toString(), "--labels", fixture("int_labels/" + labels).toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      NpyArray got = Npy.read(out.resolve("labels.npy"));
      assertThat(got.dtype()).isEqualTo(in.dtype());
      assertThat(got.shape()).containsExactly(in.shape());
      assertThat(got.longs()).containsExactly(2, 0, 1);
    }
  }
}
