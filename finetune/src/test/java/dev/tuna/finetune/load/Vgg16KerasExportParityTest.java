package dev.tuna.finetune.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-size VGG16 (weights=None, seeded) exported by Keras 3 {@code model.export()} at test time: tuna's rebuilt
 * backbone must give Keras' output. Needs the Python oracle ({@code TUNA_REFERENCE_VENV}, or
 * {@code tools/keras-reference/.venv} created by {@code tools/keras-reference/generate.sh}); skipped without it.
 */
final class Vgg16KerasExportParityTest {
  @TempDir
  Path tmp;

  private static Path python() {
    String env = System.getenv("TUNA_REFERENCE_VENV");
    Path venv = env != null ? Path.of(env) : Path.of("..", "tools", "keras-reference", ".venv");
    return venv.resolve("bin").resolve("python");
  }

  @Test
  void fullSizeVgg16_exportedByKeras3_forwardParity() throws Exception {
    Path python = python();
    assumeTrue(Files.isExecutable(python),
        "the Python oracle is not available: set TUNA_REFERENCE_VENV or run tools/keras-reference/generate.sh");
    Path script = Path.of("..", "tools", "keras-reference", "export_vgg16.py");
    Process p = new ProcessBuilder(python.toString(), script.toString(), tmp.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("python.log").toFile()).start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("Keras export finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("python.log"))).isZero();

    float[] x = Fixtures.npy(tmp.resolve("x.npy")).data();
    float[] expected = Fixtures.npy(tmp.resolve("y.npy")).data();
    KerasWeights vgg16 = KerasWeights.load(tmp.resolve("vgg16"));
    try (FineTuner tuner = FineTuner.builder(vgg16).inputShape(150, 150).preprocessing(Preprocessing.NONE)
        .classes(2).build()) {
      assertThat(tuner.architecture().blocks()).isEqualTo(5);
      assertThat(tuner.summary().toString()).contains("block5_pool");
      float[] got = tuner.features(x, 2);
      assertThat(got).hasSameSizeAs(expected);
      assertThat(Fixtures.maxRelativeError(got, expected, 1e-3)).isLessThanOrEqualTo(1e-4);
    }
  }
}
