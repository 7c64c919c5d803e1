package dev.tuna.augment.warp;

import dev.tuna.augment.FillMode;

/**
 * The original per-pixel kernel (before the interior/border split), kept verbatim as the oracle that
 * {@code AffineWarpTest} compares the optimised kernel against bit for bit.
 *
 * The affine resampling hot loop, exact against SciPy's {@code ndimage.affine_transform} for spline orders 0 and 1
 * in every fill mode, including SciPy's edge rules (constant: no blending outside {@code [0, n−1]}; wrap: period
 * {@code n−1}).
 *
 * <p>One pass over the output: each pixel's source coordinate is computed once and shared by all channels. The
 * loop allocates nothing.
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
          y = wrapCoordinate(y, height);
          x = wrapCoordinate(x, width);
        }
        if (order == 0) {
          // SciPy maps the continuous coordinate first, then rounds, then maps the index.
          int yi = tap((int) Math.floor(mapCoordinate(y, height, mode) + 0.5), height, mode);
          int xi = tap((int) Math.floor(mapCoordinate(x, width, mode) + 0.5), width, mode);
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
          int ty0 = tap(y0, height, mode) * rowStride;
          int ty1 = tap(y0 + 1, height, mode) * rowStride;
          int tx0 = tap(x0, width, mode) * channels;
          int tx1 = tap(x0 + 1, width, mode) * channels;
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

  /** SciPy's legacy {@code wrap} mapping of a continuous coordinate (period {@code n−1}). */
  static double wrapCoordinate(double in, int len) {
    if (in < 0) {
      if (len <= 1) {
        return 0;
      }
      long sz = len - 1;
      return in + sz * ((long) (-in / sz) + 1);
    }
    if (in > len - 1) {
      if (len <= 1) {
        return 0;
      }
      long sz = len - 1;
      return in - sz * (long) (in / sz);
    }
    return in;
  }

  /** SciPy's {@code map_coordinate} for the symmetric modes (the others need no mapping before rounding). */
  static double mapCoordinate(double in, int len, FillMode mode) {
    if (mode != FillMode.REFLECT && mode != FillMode.MIRROR) {
      return in;
    }
    if (in >= 0 && in <= len - 1) {
      return in;
    }
    if (len <= 1) {
      return 0;
    }
    if (mode == FillMode.REFLECT) {
      long sz2 = 2L * len;
      if (in < 0) {
        if (in < -sz2) {
          in = sz2 * (long) (-in / sz2) + in;
        }
        return in < -len ? in + sz2 : (in > -1e-15 ? 1e-15 : -in) - 1;
      }
      in -= sz2 * (long) (in / sz2);
      return in >= len ? sz2 - in - 1 : in;
    }
    long sz2 = 2L * len - 2;
    if (in < 0) {
      in = sz2 * (long) (-in / sz2) + in;
      return in <= 1 - len ? in + sz2 : -in;
    }
    in -= sz2 * (long) (in / sz2);
    return in >= len ? sz2 - in : in;
  }

  /** Maps an integer tap index into {@code [0, n−1]} by the mode's extension rule. */
  static int tap(int i, int n, FillMode mode) {
    if (i >= 0 && i < n) {
      return i;
    }
    switch (mode) {
      case REFLECT: {
        int period = 2 * n;
        int j = Math.floorMod(i, period);
        return j >= n ? period - 1 - j : j;
      }
      case MIRROR: {
        if (n == 1) {
          return 0;
        }
        int period = 2 * n - 2;
        int j = Math.floorMod(i, period);
        return j >= n ? period - j : j;
      }
      default:
        // nearest, and the clamped taps of constant and wrap
        return i < 0 ? 0 : n - 1;
    }
  }
}
