package dev.tuna.finetune.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward parity with Keras 3.15.1 {@code predict} for keras.applications models rebuilt from their config, with
 * the seeded weights both sides draw (fixtures from tools/keras-reference/gen_anycnn.py).
 */
class ApplicationsParityTest {
  static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"mobilenetv2_035_notop_32", "mobilenetv2_035_top_48", "mobilenetv2_100_top_64",
      "mobilenetv2_100_notop_96", "resnet50_notop_64", "resnet50_top_32", "resnet50v2_notop_64",
      "resnet50v2_top_32", "vgg16_notop_32", "vgg16_top_32", "vgg19_notop_48", "mobilenetv3small_top_64",
      "mobilenetv3small_notop_96", "efficientnetb0_top_64", "efficientnetb0_notop_48", "densenet121_notop_64",
      "densenet121_top_32", "xception_notop_71", "xception_top_96", "inceptionv3_notop_75", "inceptionv3_top_75",
      "convnext_tiny_notop_32", "convnext_tiny_top_64"})
  void predictEqualsKeras(String name) throws IOException {
    Path dir = Fixtures.resource("anycnn/" + name);
    String config;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("config.json.gz")))) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Fixtures.Npy x = Fixtures.npy(dir.resolve("input.npy"));
    Fixtures.Npy expected = Fixtures.npy(dir.resolve("expected.npy"));
    JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
    try (KerasModel model = KerasModel.fromConfig(config, new SeededWeights())) {
      float[] y = model.predict(x.data(), x.shape());
      assertThat(y).hasSize(expected.data().length);
      double rel = maxAbs(y, expected.data()) / maxAbs(expected.data(), new float[expected.data().length]);
      System.out.printf(Locale.ROOT, "parity %-26s max|diff|/max|expected| = %.3g%n", name, rel);
      assertThat(rel).as("max relative difference of %s", name).isLessThanOrEqualTo(TOLERANCE);

      KerasSummary s = model.summary();
      assertThat(s.trainableParams()).isEqualTo(summary.get("trainable").getAsLong());
      assertThat(s.nonTrainableParams()).isEqualTo(summary.get("non_trainable").getAsLong());
      JsonArray rows = summary.getAsJsonArray("layers");
      assertThat(s.rows()).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonObject r = rows.get(i).getAsJsonObject();
        KerasSummary.Row row = s.rows().get(i);
        assertThat(row.name()).isEqualTo(r.get("name").getAsString());
        assertThat(row.params()).as("params of %s", row.name()).isEqualTo(r.get("params").getAsLong());
        JsonArray shape = r.getAsJsonArray("output_shape");
        long[] expectedShape = new long[shape.size()];
        for (int k = 0; k < expectedShape.length; k++) {
          JsonElement d = shape.get(k);
          expectedShape[k] = d.isJsonNull() ? -1 : d.getAsLong();
        }
        assertThat(row.outputShape()).as("output shape of %s", row.name()).containsExactly(expectedShape);
      }
    }
  }

  static double maxAbs(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}
