package dev.tuna.augment.internal.warp;

import dev.tuna.augment.FillMode;

/**
 * The original per-pixel kernel (before the interior/border split), kept as the oracle that {@code AffineWarpTest}
 * compares the optimised kernel against bit for bit. It shares the edge rules ({@code wrapCoordinate},
 * {@code mapCoordinate}, {@code tap}) with {@link AffineWarp}; the Keras golden tests check those directly.
 */
final class ReferenceWarp {
  private ReferenceWarp() {}

  /**
   * Warps an HWC image {@code src} of {@code height × width × channels} into {@code dst} (same shape, a different
   * array).
   *
   * @param order SciPy spline order, 0 (nearest) or 1 (bilinear)
   */
  static void warp(float[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order) {
    if (src == dst) {
      throw new IllegalArgumentException("dst must not be the src array");
    }
    if (order != 0 && order != 1) {
      throw new IllegalArgumentException("interpolationOrder must be 0 or 1 but was " + order);
    }
    final float fill = (float) cval;
    final double a00 = m.a00();
    final double a01 = m.a01();
    final double b0 = m.b0();
    final double a10 = m.a10();
    final double a11 = m.a11();
    final double b1 = m.b1();
    final int hMax = height - 1;
    final int wMax = width - 1;
    final boolean constant = mode == FillMode.CONSTANT;
    final boolean wrap = mode == FillMode.WRAP;
    final int rowStride = width * channels;
    int out = 0;
    for (int r = 0; r < height; r++) {
      final double ra = r * a00;
      final double rb = r * a10;
      for (int c = 0; c < width; c++, out += channels) {
        double y = ra + c * a01 + b0;
        double x = rb + c * a11 + b1;
        if (constant) {
          if (y < 0 || y > hMax || x < 0 || x > wMax) {
            for (int ch = 0; ch < channels; ch++) {
              dst[out + ch] = fill;
            }
            continue;
          }
        } else if (wrap) {
          y = AffineWarp.wrapCoordinate(y, height);
          x = AffineWarp.wrapCoordinate(x, width);
        }
        if (order == 0) {
          // SciPy maps the continuous coordinate first, then rounds, then maps the index.
          int yi = AffineWarp.tap((int) Math.floor(AffineWarp.mapCoordinate(y, height, mode) + 0.5), height,
              mode);
          int xi = AffineWarp.tap((int) Math.floor(AffineWarp.mapCoordinate(x, width, mode) + 0.5), width, mode);
          System.arraycopy(src, yi * rowStride + xi * channels, dst, out, channels);
          continue;
        }
        double fy = Math.floor(y);
        double fx = Math.floor(x);
        double wy1 = y - fy;
        double wy0 = 1.0 - wy1;
        double wx1 = x - fx;
        double wx0 = 1.0 - wx1;
        int y0 = (int) fy;
        int x0 = (int) fx;
        int p00;
        int p01;
        int p10;
        int p11;
        if (y0 >= 0 && y0 < hMax && x0 >= 0 && x0 < wMax) {
          p00 = y0 * rowStride + x0 * channels;
          p01 = p00 + channels;
          p10 = p00 + rowStride;
          p11 = p10 + channels;
        } else {
          int ty0 = AffineWarp.tap(y0, height, mode) * rowStride;
          int ty1 = AffineWarp.tap(y0 + 1, height, mode) * rowStride;
          int tx0 = AffineWarp.tap(x0, width, mode) * channels;
          int tx1 = AffineWarp.tap(x0 + 1, width, mode) * channels;
          p00 = ty0 + tx0;
          p01 = ty0 + tx1;
          p10 = ty1 + tx0;
          p11 = ty1 + tx1;
        }
        for (int ch = 0; ch < channels; ch++) {
          double t = src[p00 + ch] * wy0 * wx0;
          t += src[p01 + ch] * wy0 * wx1;
          t += src[p10 + ch] * wy1 * wx0;
          t += src[p11 + ch] * wy1 * wx1;
          dst[out + ch] = (float) t;
        }
      }
    }
  }
}
