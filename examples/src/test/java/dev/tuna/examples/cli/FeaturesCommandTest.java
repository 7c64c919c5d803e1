package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuna features} against Keras' {@code backbone.predict(x / 255)} (gen_demo.py). */
final class FeaturesCommandTest {
  static final Path GOLDEN = Path.of("src/test/resources/demo");

  @TempDir
  Path tmp;

  @Test
  void features_rescale_matchesKerasPredict() throws Exception {
    Path out = tmp.resolve("f.npy");
    CliRun run = CliRun.of("features", "--model", InspectCommandTest.BACKBONE.toString(), "--input",
        GOLDEN.resolve("features-x.npy").toString(), "--output", out.toString(), "--preprocess", "rescale");
    assertThat(run.exitCode()).as(run.err()).isZero();
    NpyArray got = Npy.read(out);
    NpyArray want = Npy.read(GOLDEN.resolve("features-y.npy"));
    assertThat(got.shape()).containsExactly(want.shape());
    float[] g = got.floats();
    float[] w = want.floats();
    float max = 0;
    for (int i = 0; i < w.length; i++) {
      max = Math.max(max, Math.abs(w[i]));
      assertThat(Math.abs(g[i] - w[i])).as("element %d", i).isLessThanOrEqualTo(1e-4f + 1e-4f * Math.abs(w[i]));
    }
    assertThat(max).as("features are not all zero").isGreaterThan(0.1f);
  }

  @Test
  void features_wrongShape_saysWhichShape() throws Exception {
    Path bad = tmp.resolve("bad.npy");
    Npy.write(bad, new int[] {2, 64, 64}, new float[2 * 64 * 64]);
    CliRun run = CliRun.of("features", "--model", InspectCommandTest.BACKBONE.toString(), "--input", bad.toString(),
        "--output", tmp.resolve("f.npy").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("must have shape (N, H, W, 3) but has shape [2, 64, 64]");
  }

  @Test
  void features_missingInput_namesTheFile() {
    CliRun run = CliRun.of("features", "--model", InspectCommandTest.BACKBONE.toString(), "--input",
        tmp.resolve("batch.npy").toString(), "--output", tmp.resolve("f.npy").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--input").contains("batch.npy");
  }

  @Test
  void features_badPreprocess_listsChoices() {
    CliRun run = CliRun.of("features", "--model", InspectCommandTest.BACKBONE.toString(), "--input",
        GOLDEN.resolve("features-x.npy").toString(), "--output", tmp.resolve("f.npy").toString(), "--preprocess",
        "bgr");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--preprocess must be auto, caffe, tf, torch, rescale or none but was bgr");
  }

  @Test
  void features_nonVggModel_isRejected() {
    CliRun run = CliRun.of("features", "--model",
        Path.of("../finetune/src/test/resources/non-vgg-export").toString(), "--input",
        GOLDEN.resolve("features-x.npy").toString(), "--output", tmp.resolve("f.npy").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).containsIgnoringCase("vgg");
  }
}
