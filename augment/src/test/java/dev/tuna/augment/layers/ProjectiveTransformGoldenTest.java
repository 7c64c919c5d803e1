package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.augment.layers.internal.ProjectiveTransform;
import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import dev.tuna.core.io.NpyArray;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The projective-transform kernel against {@code tf.raw_ops.ImageProjectiveTransformV3} on random affine and
 * projective transforms, every fill mode and interpolation (fixture: layers/projective.json,
 * gen_layers_geometry.py).
 */
final class ProjectiveTransformGoldenTest {
  private static final System.Logger LOG = System.getLogger(ProjectiveTransformGoldenTest.class.getName());

  @Test
  void matchesTensorFlow() {
    JsonObject fixture = LayerFixtures.json("projective.json");
    double maxDiff = 0;
    int cases = 0;
    for (JsonElement e : fixture.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      NpyArray x = LayerFixtures.npy(c.get("input").getAsString());
      int[] s = x.shape();
      int outH = c.getAsJsonArray("output_shape").get(0).getAsInt();
      int outW = c.getAsJsonArray("output_shape").get(1).getAsInt();
      float[] got = ProjectiveTransform.apply(x.floats(), s[0], s[1], s[2], s[3],
          LayerFixtures.floats(c.getAsJsonArray("transforms")), outH, outW,
          Interpolation.valueOf(c.get("interpolation").getAsString()),
          FillMode.valueOf(c.get("fill_mode").getAsString()), c.get("fill_value").getAsFloat());
      NpyArray want = LayerFixtures.npy(c.get("output").getAsString());
      assertThat(want.shape()).containsExactly(s[0], outH, outW, s[3]);
      double d = LayerGoldenTest.maxAbsDiff(got, want.floats());
      assertThat(d).as(c.get("id").getAsString() + " " + c.get("fill_mode").getAsString() + " "
          + c.get("interpolation").getAsString() + " max |diff|").isLessThanOrEqualTo(LayerGoldenTest.TOLERANCE_255);
      maxDiff = Math.max(maxDiff, d);
      cases++;
    }
    assertThat(cases).isEqualTo(64);
    LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
        "ImageProjectiveTransformV3: %d cases, max |diff| %.3g on the 0-255 scale", cases, maxDiff));
  }

  @Test
  void pointsAtInfinityTakeTheFillValueAndBadTransformsAreRejected() {
    float[] x = {1, 2, 3, 4};
    // c0 = -1: the projection k = 1 - x is 0 at output column 1
    float[] t = {1, 0, 0, 0, 1, 0, -1, 0};
    float[] out = ProjectiveTransform.apply(x, 1, 2, 2, 1, t, 2, 2, Interpolation.NEAREST, FillMode.REFLECT, 9f);
    assertThat(out[1]).isEqualTo(9f);
    assertThat(out[3]).isEqualTo(9f);
    assertThat(out[0]).isEqualTo(1f);
    assertThatThrownBy(() -> ProjectiveTransform.apply(x, 1, 2, 2, 1, new float[7], 2, 2, Interpolation.BILINEAR,
        FillMode.CONSTANT, 0f)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transforms");
  }
}
