package dev.tuna.finetune.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Real Keras files (weights and config read from the file) predict as Keras did when it saved them. */
class KerasFilesTest {
  @ParameterizedTest
  @CsvSource({
      "anycnn/files/mobilenetv2_035_32.keras, anycnn/files/mobilenetv2_035_32-input.npy, "
          + "anycnn/files/mobilenetv2_035_32-expected.npy",
      "anycnn/files/nested.keras, anycnn/files/nested-input.npy, anycnn/files/nested-expected.npy",
      "anycnn/files/nested.h5, anycnn/files/nested-input.npy, anycnn/files/nested-expected.npy",
      "anycnn/files/dilated.keras, anycnn/files/dilated-input.npy, anycnn/files/dilated-expected.npy",
      "anycnn/files/nested_output.keras, anycnn/files/nested-input.npy, anycnn/files/nested_output-expected.npy",
      "keras-mini-vgg/keras3.keras, keras-mini-vgg/input.npy, keras-mini-vgg/expected-block5_pool.npy",
      "keras-mini-vgg/keras2-full.h5, keras-mini-vgg/input.npy, keras-mini-vgg/expected-block5_pool.npy",
      "keras-mini-vgg/keras2-savedmodel, keras-mini-vgg/input.npy, keras-mini-vgg/expected-block5_pool.npy"})
  void predictEqualsKerasForSavedFile(String model, String input, String expected) {
    Fixtures.Npy x = Fixtures.npy(input);
    Fixtures.Npy y = Fixtures.npy(expected);
    try (KerasModel m = KerasModel.load(Fixtures.resource(model))) {
      float[] out = m.predict(x.data(), x.shape());
      double rel = ApplicationsParityTest.maxAbs(out, y.data()) / ApplicationsParityTest.maxAbs(y.data(),
          new float[y.data().length]);
      System.out.printf(Locale.ROOT, "file parity %-40s max|diff|/max|expected| = %.3g%n", model, rel);
      assertThat(rel).isLessThanOrEqualTo(ApplicationsParityTest.TOLERANCE);
    }
  }

  @Test
  void sequentialWithNestedBaseIsFlattened() {
    Fixtures.Npy x = Fixtures.npy("anycnn/files/nested-input.npy");
    float[] scaled = new float[x.data().length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = (float) (x.data()[i] / 127.5 - 1.0);
    }
    Fixtures.Npy y = Fixtures.npy("anycnn/files/sequential-expected.npy");
    try (KerasModel m = KerasModel.load(Fixtures.resource("anycnn/files/sequential.keras"))) {
      assertThat(m.summary().rows()).extracting(KerasSummary.Row::name)
          .containsExactly("seq_input", "small_base", "gap", "drop", "predictions");
      float[] out = m.predict(scaled, x.shape());
      assertThat(ApplicationsParityTest.maxAbs(out, y.data())).isLessThan(1e-5);
    }
  }

  @Test
  void nestedSummaryCountsLikeKeras() throws IOException {
    JsonObject s = JsonParser.parseString(Files.readString(Fixtures.resource("anycnn/files/nested-summary.json")))
        .getAsJsonObject();
    try (KerasModel m = KerasModel.load(Fixtures.resource("anycnn/files/nested.keras"))) {
      assertThat(m.summary().trainableParams()).isEqualTo(s.get("trainable").getAsLong());
      assertThat(m.summary().nonTrainableParams()).isEqualTo(s.get("non_trainable").getAsLong());
      assertThat(m.summary().rows()).extracting(KerasSummary.Row::className)
          .containsExactly("InputLayer", "Rescaling", "Functional", "GlobalAveragePooling2D", "Dropout", "Dense");
      assertThat(m.summary().toString()).contains("small_base (Functional)", "Total params");
    }
  }
}
