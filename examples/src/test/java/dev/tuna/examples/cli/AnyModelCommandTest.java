package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuna inspect} and {@code tuna features} on a model that is not VGG: a real MobileNetV2 (alpha 0.35)
 * {@code .keras} file, against Keras' {@code predict} and parameter counts for it (gen_anycnn.py).
 */
final class AnyModelCommandTest {
  static final Path FILES = Path.of("../finetune/src/test/resources/anycnn/files");
  static final Path MOBILENET = FILES.resolve("mobilenetv2_035_32.keras");

  @TempDir
  Path tmp;

  @Test
  void features_mobileNetV2_equalsKerasPredict() throws Exception {
    Path out = tmp.resolve("y.npy");
    CliRun run = CliRun.of("features", "--model", MOBILENET.toString(), "--input",
        FILES.resolve("mobilenetv2_035_32-input.npy").toString(), "--output", out.toString(), "--preprocess", "none");
    assertThat(run.exitCode()).as(run.err()).isZero();
    NpyArray got = Npy.read(out);
    NpyArray want = Npy.read(FILES.resolve("mobilenetv2_035_32-expected.npy"));
    assertThat(got.shape()).containsExactly(want.shape());
    float[] g = got.floats();
    float[] w = want.floats();
    float maxDiff = 0;
    float maxAbs = 0;
    for (int i = 0; i < w.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(g[i] - w[i]));
      maxAbs = Math.max(maxAbs, Math.abs(w[i]));
    }
    System.out.printf(Locale.ROOT, "tuna features MobileNetV2 max|diff|/max|expected| = %.3g%n", maxDiff / maxAbs);
    assertThat(maxAbs).isGreaterThan(0.1f);
    assertThat(maxDiff / maxAbs).isLessThanOrEqualTo(1e-4f);
  }

  @Test
  void features_wrongSize_namesTheModelsInput() throws Exception {
    Path x = tmp.resolve("x.npy");
    Npy.write(x, new int[] {1, 40, 40, 3}, new float[40 * 40 * 3]);
    CliRun run = CliRun.of("features", "--model", MOBILENET.toString(), "--input", x.toString(), "--output",
        tmp.resolve("y.npy").toString(), "--preprocess", "none");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("[1, 40, 40, 3]").contains("(N, 32, 32, 3)");
    assertThat(tmp.resolve("y.npy")).doesNotExist();
  }

  @Test
  void inspect_mobileNetV2_countsAsKerasForEachFreezePoint() throws Exception {
    JsonObject keras = JsonParser.parseString(Files.readString(FILES.resolve("mobilenetv2_035_32-freeze.json")))
        .getAsJsonObject();
    int checked = 0;
    for (JsonElement e : keras.getAsJsonArray("points")) {
      JsonObject p = e.getAsJsonObject();
      CliRun run;
      if (p.has("unfreeze_from")) {
        // the keras.io second phase with every BatchNormalization left frozen, as the fixture counts it
        run = CliRun.of("inspect", "--model", MOBILENET.toString(), "--unfreeze-from",
            p.get("unfreeze_from").getAsString(), "--batch-normalization", "frozen");
      } else if (p.get("freeze").getAsString().equals("all")) {
        run = CliRun.of("inspect", "--model", MOBILENET.toString());
      } else if (p.get("freeze").getAsString().equals("none")) {
        run = CliRun.of("inspect", "--model", MOBILENET.toString(), "--freeze", "0");
      } else {
        run = CliRun.of("inspect", "--model", MOBILENET.toString(), "--freeze", p.get("freeze").getAsString());
      }
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).as(p.toString())
          .contains(String.format(Locale.ROOT, "Total params: %,d%n", p.get("trainable").getAsLong()
              + p.get("non_trainable").getAsLong()))
          .contains(String.format(Locale.ROOT, "Trainable params: %,d%n", p.get("trainable").getAsLong()))
          .contains(String.format(Locale.ROOT, "Non-trainable params: %,d%n", p.get("non_trainable").getAsLong()))
          .contains("block_13_expand (Conv2D)").contains("out_relu (ReLU)");
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void inspect_unknownUnfreezeLayer_namesIt() {
    CliRun run = CliRun.of("inspect", "--model", MOBILENET.toString(), "--unfreeze-from", "block_99_expand");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--unfreeze-from").contains("block_99_expand");
  }

  @Test
  void inspect_classesOnNonVgg_isRejected() {
    CliRun run = CliRun.of("inspect", "--model", MOBILENET.toString(), "--classes", "3");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--classes").contains("not a VGG model");
  }

  /**
   * {@code --preprocess auto} (tf for MobileNetV2), tf and torch equal Keras' {@code preprocess_input} followed by
   * {@code predict} (phases/preprocess-*.npy from gen_phases.py).
   */
  @Test
  void features_preprocessModes_equalKerasPreprocessInput() throws Exception {
    Path phases = Path.of("../finetune/src/test/resources/phases");
    String[][] cases = {{"auto", "tf"}, {"tf", "tf"}, {"torch", "torch"}, {"caffe", "caffe"}};
    for (String[] c : cases) {
      Path got = tmp.resolve(c[0] + ".npy");
      Path want = tmp.resolve(c[0] + "-keras.npy");
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("features", "--model",
          MOBILENET.toString(), "--input", phases.resolve("preprocess-x.npy").toString(), "--output",
          got.toString()));
      if (!c[0].equals("auto")) {
        args.addAll(java.util.List.of("--preprocess", c[0]));
      }
      assertThat(CliRun.of(args.toArray(String[]::new)).exitCode()).isZero();
      assertThat(CliRun.of("features", "--model", MOBILENET.toString(), "--input",
          phases.resolve("preprocess-" + c[1] + ".npy").toString(), "--output", want.toString(), "--preprocess",
          "none").exitCode()).isZero();
      assertThat(Npy.read(got).floats()).as(c[0]).containsExactly(Npy.read(want).floats());
    }
  }

  @Test
  void classify_aKerasClassifierFile_printsItsOutputPerClassIndex() throws Exception {
    Path image = Path.of("src/main/resources/dev/tuna/examples/demo/data/test/sandal/sandal_00.png");
    CliRun run = CliRun.of("classify", "--model", FILES.resolve("nested.keras").toString(), "--preprocess", "none",
        "--json", image.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonObject p = JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject()
        .getAsJsonObject("probabilities");
    assertThat(p.keySet()).containsExactly("0", "1", "2", "3");
    double sum = p.entrySet().stream().mapToDouble(e -> e.getValue().getAsDouble()).sum();
    assertThat(sum).as("the model's softmax output").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    CliRun notAClassifier = CliRun.of("classify", "--model", MOBILENET.toString(), image.toString());
    assertThat(notAClassifier.exitCode()).isEqualTo(1);
    assertThat(notAClassifier.err()).contains("is not a classifier").contains("tuna features");
  }
}
