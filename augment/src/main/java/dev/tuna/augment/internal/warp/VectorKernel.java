package dev.tuna.augment.internal.warp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bilinear interior loop for 3 and 4 channels on the JDK Vector API: the channels of one pixel are one 4-lane
 * vector, so the four taps are four contiguous loads and SciPy's products {@code (src·wy)·wx} and sums run once per
 * pixel instead of once per channel. Every lane performs exactly the scalar operations in the scalar order, so the
 * results are bit-identical to {@link AffineWarp}'s scalar loops.
 *
 * <p>For 3 channels the fourth lane reads one value past the pixel (the source buffer carries one value of padding)
 * and writes one value past it (the row buffer carries one value of padding): callers write a row's pixels in
 * increasing output order, so that every spilled value is overwritten by the pixel that owns its slot.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present ({@code --add-modules
 * jdk.incubator.vector}); see {@link WarpKernel#VECTOR}.
 */
final class VectorKernel {
  private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;

  private VectorKernel() {}

  /** {@code dst[i] = src[i]} for {@code i < n}, four lanes at a time (scalar conversions run about 2.5× slower). */
  static void widen(float[] src, double[] dst, int n) {
    int i = 0;
    for (; i <= n - 4; i += 4) {
      ((DoubleVector) FloatVector.fromArray(FOUR_FLOATS, src, i).convertShape(VectorOperators.F2D, FOUR, 0))
          .intoArray(dst, i);
    }
    for (; i < n; i++) {
      dst[i] = src[i];
    }
  }

  /** {@code dst[offset + i] = (float) src[i]} for {@code i < n}, four lanes at a time. */
  static void narrow(double[] src, float[] dst, int offset, int n) {
    int i = 0;
    for (; i <= n - 4; i += 4) {
      ((FloatVector) DoubleVector.fromArray(FOUR, src, i).convertShape(VectorOperators.D2F, FOUR_FLOATS, 0))
          .intoArray(dst, offset + i);
    }
    for (; i < n; i++) {
      dst[offset + i] = (float) src[i];
    }
  }

  /**
   * Interior columns {@code lo ≤ c < hi} of one row; {@code o} is the output index of column {@code lo} and
   * {@code step} is ±channels (a negative step is walked from {@code hi − 1} down so that writes ascend).
   */
  static void linear(double[] src, double[] dst, int channels, int rowStride, double ra, double a01, double b0,
      double rb, double a11, double b1, int lo, int hi, int o, int step) {
    if (step < 0) {
      int last = o + (hi - 1 - lo) * step;
      descending(src, dst, channels, rowStride, ra, a01, b0, rb, a11, b1, lo, hi, last);
      return;
    }
    double cd = lo;
    for (int c = lo; c < hi; c++, o += channels, cd += 1.0) {
      pixel(src, dst, channels, rowStride, ra + cd * a01 + b0, rb + cd * a11 + b1, o);
    }
  }

  private static void descending(double[] src, double[] dst, int channels, int rowStride, double ra, double a01,
      double b0, double rb, double a11, double b1, int lo, int hi, int o) {
    double cd = hi - 1;
    for (int c = hi - 1; c >= lo; c--, o += channels, cd -= 1.0) {
      pixel(src, dst, channels, rowStride, ra + cd * a01 + b0, rb + cd * a11 + b1, o);
    }
  }

  private static void pixel(double[] src, double[] dst, int channels, int rowStride, double y, double x, int o) {
    final int y0 = (int) y;
    final int x0 = (int) x;
    final double wy1 = y - y0;
    final double wx1 = x - x0;
    final int p = y0 * rowStride + x0 * channels;
    final int q = p + rowStride;
    taps(src, dst, p, p + channels, q, q + channels, 1.0 - wy1, wy1, 1.0 - wx1, wx1, o);
  }

  /**
   * One pixel from its four tap offsets (top-left, top-right, bottom-left, bottom-right) and weights, summed in
   * SciPy's order; writes four lanes at {@code o}.
   */
  static void taps(double[] src, double[] dst, int p00, int p01, int p10, int p11, double wy0, double wy1,
      double wx0, double wx1, int o) {
    DoubleVector.fromArray(FOUR, src, p00).mul(wy0).mul(wx0)
        .add(DoubleVector.fromArray(FOUR, src, p01).mul(wy0).mul(wx1))
        .add(DoubleVector.fromArray(FOUR, src, p10).mul(wy1).mul(wx0))
        .add(DoubleVector.fromArray(FOUR, src, p11).mul(wy1).mul(wx1))
        .intoArray(dst, o);
  }
}
