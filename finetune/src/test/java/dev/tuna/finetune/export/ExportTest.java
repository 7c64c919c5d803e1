package dev.tuna.finetune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuna.core.image.Image;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExportTest {
  private static final List<String> NAMES = List.of("cat", "dog", "horse");

  @TempDir
  Path tmp;

  static FineTuner trained(Preprocessing pre) {
    Npy x = Fixtures.npy("finetune/batch-x.npy");
    Npy y = Fixtures.npy("finetune/batch-y.npy");
    FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3-export"))).inputShape(32, 32)
        .head(Head.of(3)).classNames(NAMES).preprocessing(pre).optimizer(Optimizer.adam()).seed(7).build();
    ImageBatch batch = ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    tuner.trainOnBatch(batch);
    tuner.trainOnBatch(batch);
    return tuner;
  }

  @Test
  void export_classifierPredictsLikeTheTuner() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    Path dir = tmp.resolve("model");
    float[] expected;
    try (FineTuner tuner = trained(Preprocessing.CAFFE)) {
      expected = tuner.predict(x, 4);
      tuner.export(dir);
    }
    try (Classifier c = Classifier.load(dir)) {
      assertThat(c.classNames()).isEqualTo(NAMES);
      assertThat(c.inputKey()).isEqualTo(SavedModelExporter.INPUT_KEY);
      List<Prediction> p = c.predict(x, 4);
      for (int i = 0; i < 4; i++) {
        assertThat(p.get(i).probabilities()).containsExactly(Arrays.copyOfRange(expected, 3 * i, 3 * i + 3));
      }
      Prediction one = c.predict(Image.wrap(32, 32, 3, Arrays.copyOf(x, 32 * 32 * 3)));
      assertThat(one.topClass()).isEqualTo(p.get(0).topClass());
      assertThat(one.probability("dog")).isEqualTo(p.get(0).probabilities()[1]);
    }
  }

  @Test
  void export_twice_replacesAtomicallyWithoutLeftovers() throws IOException {
    Path dir = tmp.resolve("model");
    try (FineTuner tuner = trained(Preprocessing.RESCALE)) {
      tuner.export(dir);
      tuner.export(dir);
    }
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model");
    }
    assertThat(dir.resolve("saved_model.pb")).isRegularFile();
    assertThat(dir.resolve(SavedModelExporter.METADATA)).content(StandardCharsets.UTF_8)
        .contains("\"cat\"").contains("\"preprocessing\": \"RESCALE\"");
  }

  @Test
  void load_missingDirectory_saysHowToExport() {
    assertThatThrownBy(() -> Classifier.load(tmp.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no saved_model.pb in").hasMessageContaining("FineTuner.export");
  }

  @Test
  void predict_wrongImageSize_namesBothSizes() {
    Path dir = tmp.resolve("model");
    try (FineTuner tuner = trained(Preprocessing.RESCALE)) {
      tuner.export(dir);
    }
    try (Classifier c = Classifier.load(dir)) {
      assertThatThrownBy(() -> c.predict(Image.zeros(64, 48, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("image must be 32x32x3 but was 64x48x3; resize it to the model's input size");
    }
  }

  @Test
  void load_kerasExportOfBackbone_worksAsAFeatureModel() {
    try (Classifier c = Classifier.load(Fixtures.miniVgg("keras3-export"))) {
      assertThat(c.inputKey()).isEqualTo("input_1");
      assertThat(c.height()).isEqualTo(32);
    }
  }

  @Test
  void load_kerasExportedClassifier_predictsLikeKeras() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    float[] expected = Fixtures.npy("finetune/initial-probs-rescale.npy").data();
    try (Classifier c = Classifier.load(Fixtures.resource("keras3-classifier-export"))) {
      assertThat(c.inputKey()).isEqualTo("image");
      List<Prediction> p = c.predict(x, 4);
      for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 3; k++) {
          assertThat(p.get(i).probabilities()[k]).isCloseTo(expected[3 * i + k],
              org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
    }
  }

  /** Runs only with TUNA_REFERENCE_VENV set: Python tf.saved_model.load must predict what Java predicts. */
  @Test
  void export_loadsInPythonWithEqualPredictions() throws Exception {
    String venv = System.getenv("TUNA_REFERENCE_VENV");
    assumeTrue(venv != null && Files.isExecutable(Path.of(venv, "bin", "python")), "TUNA_REFERENCE_VENV not set");
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    Path dir = tmp.resolve("model");
    float[] expected;
    try (FineTuner tuner = trained(Preprocessing.CAFFE)) {
      expected = tuner.predict(x, 4);
      tuner.export(dir);
    }
    String script = String.join("\n",
        "import sys, numpy as np, tensorflow as tf",
        "m = tf.saved_model.load(sys.argv[1])",
        "x = np.load(sys.argv[2])",
        "p = m.signatures['serving_default'](image=tf.constant(x))['output_0'].numpy()",
        "print(' '.join(repr(float(v)) for v in p.ravel()))");
    Process p = new ProcessBuilder(Path.of(venv, "bin", "python").toString(), "-c", script, dir.toString(),
        Fixtures.resource("finetune/batch-x.npy").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String[] values = out.split("\\s+");
    assertThat(values).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.parseFloat(values[i])).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }
}
