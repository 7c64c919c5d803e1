package dev.tuna.finetune.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class KerasWeightsTest {
  private static final Map<String, Npy> EXPECTED = Fixtures.npz(Fixtures.miniVgg("weights.npz"));

  @ParameterizedTest
  @CsvSource({
      "keras3-export, KERAS3_EXPORT",
      "keras2-savedmodel, TF_KERAS_SAVED_MODEL",
      "keras2-full.h5, KERAS2_H5",
      "keras2-weights.h5, KERAS2_WEIGHTS_H5",
      "keras3.keras, KERAS3_KERAS",
      "keras3.weights.h5, KERAS3_WEIGHTS_H5"})
  void load_everyFormat_readsTheSameWeightsAsKeras(String file, KerasFormat format) {
    KerasWeights w = KerasWeights.load(Fixtures.miniVgg(file));

    assertThat(w.format()).contains(format);
    assertThat(w.all()).hasSize(26);
    for (var e : EXPECTED.entrySet()) {
      String name = e.getKey().replace("__", "/");
      Weight actual = w.get(name).orElseThrow(() -> new AssertionError(file + " lacks " + name));
      assertThat(actual.shape()).as(name).isEqualTo(e.getValue().shape());
      assertThat(actual.values()).as(name).containsExactly(e.getValue().data());
    }
  }

  @ParameterizedTest
  @CsvSource({"keras3-export", "keras2-savedmodel"})
  void load_savedModel_inputKeyFromSignature(String dir) {
    assertThat(KerasWeights.load(Fixtures.miniVgg(dir)).inputName()).contains("input_1");
  }

  @Test
  void load_keras3TfSavedModelSave_rejectedWithAdvice() {
    assertThatThrownBy(() -> KerasWeights.load(Fixtures.miniVgg("keras3-tf-saved-model-save")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("tf.saved_model.save()")
        .hasMessageContaining("_operations/")
        .hasMessageContaining("model.export(\"dir\")");
  }

  @Test
  void load_missingPath_namesPathAndHowToExport() {
    Path missing = Path.of("/nonexistent/vgg16");
    assertThatThrownBy(() -> KerasWeights.load(missing))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("/nonexistent/vgg16")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("model.export");
  }

  @Test
  void load_directoryWithoutSavedModel_rejected() {
    assertThatThrownBy(() -> KerasWeights.load(Fixtures.miniVgg("keras3-export/variables")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("no saved_model.pb");
  }

  @Test
  void load_unknownExtension_rejected() {
    assertThatThrownBy(() -> KerasWeights.load(Fixtures.miniVgg("input.npy")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("input.npy")
        .hasMessageContaining(".weights.h5");
  }

  @Test
  void load_kerasExportedFineTunedModel_findsBackboneAndHead() {
    KerasWeights w = KerasWeights.load(Fixtures.resource("keras3-classifier-export"));
    assertThat(w.format()).contains(KerasFormat.KERAS3_EXPORT);
    assertThat(w.inputName()).contains("image");
    Weight k = w.all().values().stream().filter(x -> x.name().endsWith("block5_conv3/kernel")).findFirst()
        .orElseThrow(() -> new AssertionError("no block5_conv3 kernel in " + w.all().keySet()));
    assertThat(k.values()).containsExactly(EXPECTED.get("block5_conv3__kernel").data());
    assertThat(w.all().keySet()).anyMatch(n -> n.endsWith("dense_1/kernel"));
  }

  @Test
  void load_corruptFiles_rejectedWithoutCrashing(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.io.IOException {
    Path h5 = java.nio.file.Files.write(tmp.resolve("broken.h5"), new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> KerasWeights.load(h5)).isInstanceOf(KerasModelException.class)
        .hasMessageContaining("broken.h5");
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("sm/variables"));
    java.nio.file.Files.write(dir.getParent().resolve("saved_model.pb"), new byte[] {9, 9, 9});
    java.nio.file.Files.write(dir.resolve("variables.index"), new byte[] {0});
    assertThatThrownBy(() -> KerasWeights.load(dir.getParent())).isInstanceOf(KerasModelException.class)
        .hasMessageContaining("saved_model.pb");
    Path keras = java.nio.file.Files.write(tmp.resolve("x.keras"), new byte[] {7});
    assertThatThrownBy(() -> KerasWeights.load(keras)).isInstanceOf(KerasModelException.class)
        .hasMessageContaining(".keras zip");
  }

  @Test
  void load_nonVggExport_readsItsDenseWeights() {
    KerasWeights w = KerasWeights.load(Fixtures.resource("non-vgg-export"));
    assertThat(w.all().keySet()).containsExactly("hidden/kernel", "hidden/bias", "logits/kernel", "logits/bias");
  }
}
