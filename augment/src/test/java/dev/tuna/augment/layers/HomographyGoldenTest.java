package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.augment.layers.internal.Homography;
import org.junit.jupiter.api.Test;

/**
 * Keras' {@code compute_homography_matrix} ({@code tf.linalg.solve}) and {@code tf.linalg.inv} of the homography,
 * bit for bit (fixture: layers/homography.json, gen_layers_resize.py).
 */
final class HomographyGoldenTest {
  @Test
  void solveAndInverseMatchTensorFlowBitForBit() {
    JsonObject fixture = LayerFixtures.json("homography.json");
    int cases = 0;
    for (JsonElement e : fixture.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      float[] h = Homography.compute(LayerFixtures.floats(c.getAsJsonArray("start")),
          LayerFixtures.floats(c.getAsJsonArray("end")));
      assertThat(h).as("homography " + cases).containsExactly(LayerFixtures.floats(c.getAsJsonArray("homography")));
      float[] m = new float[9];
      System.arraycopy(h, 0, m, 0, 8);
      m[8] = 1;
      assertThat(Homography.inverse(m, 3)).as("inverse " + cases)
          .containsExactly(LayerFixtures.floats(c.getAsJsonArray("inverse")));
      cases++;
    }
    assertThat(cases).isEqualTo(120);
  }
}
