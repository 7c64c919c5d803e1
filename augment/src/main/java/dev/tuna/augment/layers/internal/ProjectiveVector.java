package dev.tuna.augment.layers.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bilinear blend of one 3- or 4-channel pixel on the JDK Vector API: the pixel's channels are the lanes of one
 * 4-lane float vector, so each of the four taps is one load and TF's float32 products and sums run once per pixel
 * instead of once per channel; every lane performs exactly the scalar operations in the scalar order, so the result
 * is bit-identical to {@link ProjectiveTransform}'s scalar loop.
 *
 * <p>With 3 channels a tap load reads one value past the pixel and the store writes one value past it: callers
 * keep both inside the arrays and write a row's pixels in increasing order, so that the pixel that owns the spilled
 * slot overwrites it, and never let the spill cross into another image's output.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present ({@code --add-modules
 * jdk.incubator.vector}); see {@link ProjectiveKernel#VECTOR}.
 */
final class ProjectiveVector {
  private static final VectorSpecies<Float> FOUR = FloatVector.SPECIES_128;

  private ProjectiveVector() {}

  /**
   * {@code out[o..] = wy0 (wx0 t00 + wx1 t01) + wy1 (wx0 t10 + wx1 t11)} lane by lane, with the top taps at
   * {@code p} and {@code p + c}, the bottom ones at {@code q} and {@code q + c}.
   */
  static void blend(float[] images, int p, int q, int c, float wx0, float wx1, float wy0, float wy1, float[] out,
      int o) {
    FloatVector top = FloatVector.fromArray(FOUR, images, p).mul(wx0)
        .add(FloatVector.fromArray(FOUR, images, p + c).mul(wx1));
    FloatVector bottom = FloatVector.fromArray(FOUR, images, q).mul(wx0)
        .add(FloatVector.fromArray(FOUR, images, q + c).mul(wx1));
    top.mul(wy0).add(bottom.mul(wy1)).intoArray(out, o);
  }
}
