package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ProjectiveTransform#applyInto} writes every value of a reused output array: into an array full of NaN
 * (and one holding an earlier result) it gives {@link ProjectiveTransform#apply}'s values bit for bit, for every
 * fill mode, both interpolations, 1, 3 and 4 channels and a projective transform whose denominator reaches 0.
 */
final class ProjectiveTransformIntoTest {
  @Test
  void dirtyOutputArraysGiveTheSameValues() {
    SplittableRandom rng = new SplittableRandom(5);
    int checked = 0;
    for (int c : new int[] {1, 3, 4}) {
      int n = 3;
      int h = 13;
      int w = 17;
      float[] images = new float[n * h * w * c];
      for (int i = 0; i < images.length; i++) {
        images[i] = (float) (rng.nextDouble() * 255);
      }
      float[][] transforms = {
        {0.94f, -0.34f, 4.5f, 0.34f, 0.94f, -3.25f, 0f, 0f},
        {1.2f, 0.1f, -2f, -0.05f, 0.8f, 1.5f, 0.01f, -0.02f},
        {1f, 0f, 0f, 0f, 1f, 0f, -0.125f, 0f}, // k = 0 in column 8: the fill value
      };
      for (float[] t : transforms) {
        for (FillMode mode : FillMode.values()) {
          for (Interpolation interp : Interpolation.values()) {
            float[] expected = ProjectiveTransform.apply(images, n, h, w, c, t, h + 2, w - 3, interp, mode, 7f, 2);
            float[] out = new float[expected.length];
            Arrays.fill(out, Float.NaN);
            float[] got = ProjectiveTransform.applyInto(images, n, h, w, c, t, h + 2, w - 3, interp, mode, 7f, 2,
                out);
            assertThat(got).isSameAs(out);
            assertThat(got).as("%d channels, %s, %s, %s", c, Arrays.toString(t), mode, interp)
                .containsExactly(expected);
            float[] again = ProjectiveTransform.applyInto(images, n, h, w, c, transforms[0], h + 2, w - 3, interp,
                mode, 7f, 1, out);
            assertThat(again).containsExactly(ProjectiveTransform.apply(images, n, h, w, c, transforms[0], h + 2,
                w - 3, interp, mode, 7f, 1));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(3 * 3 * 4 * 2);
  }

  @Test
  void rejectsTheInputAsOutputAndAWrongLength() {
    float[] images = new float[2 * 4 * 5 * 3];
    float[] t = {1f, 0f, 0.5f, 0f, 1f, 0f, 0f, 0f};
    assertThatThrownBy(() -> ProjectiveTransform.applyInto(images, 2, 4, 5, 3, t, 4, 5, Interpolation.BILINEAR,
        FillMode.REFLECT, 0f, 1, images)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not be the input array");
    assertThatThrownBy(() -> ProjectiveTransform.applyInto(images, 2, 4, 5, 3, t, 4, 5, Interpolation.BILINEAR,
        FillMode.REFLECT, 0f, 1, new float[images.length - 1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must hold 120 values but held 119");
  }
}
