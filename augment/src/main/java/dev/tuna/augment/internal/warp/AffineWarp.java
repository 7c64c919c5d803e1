package dev.tuna.augment.internal.warp;

import dev.tuna.augment.FillMode;
import dev.tuna.core.internal.KernelSelection;

/**
 * The affine resampling hot loop, exact against SciPy's {@code ndimage.affine_transform} for spline orders 0 and 1
 * in every fill mode, including SciPy's edge rules (constant: no blending outside {@code [0, n−1]}; wrap: period
 * {@code n−1}).
 *
 * <p>Every output pixel's source coordinate is computed the way SciPy computes it, {@code (r·a00 + c·a01) + b0},
 * and bilinear taps are summed in SciPy's order with SciPy's products {@code (src·wy)·wx}, in double precision. That
 * per-pixel recomputation (rather than incremental stepping) is what keeps the result bit-identical to SciPy.
 *
 * <p>Speed comes from splitting each output row into an <em>interior</em> run and two border runs. Because the
 * floating-point coordinate is monotone in the column, the columns whose taps all lie inside the image form one
 * interval; it is found per row (estimated analytically, then verified at its ends with the exact formula). Interior
 * pixels need no fill-mode logic at all (every mode is the identity there) and run in loops specialised for 1, 3
 * and 4 channels with the integer/fractional split done once per pixel; border pixels take the general path, with
 * the fill mode's integer taps looked up in per-call tables. Horizontal and vertical flips can be fused into the
 * store (Keras flips after the warp; a flip only permutes pixels, so writing them to the flipped position gives
 * identical values). Sources may be float or unsigned bytes; both give identical results for the same 0–255 values.
 *
 * <p>The Java kernels first widen the source to a double copy and collect results per row in double, narrowed in
 * one pass (both four lanes at a time when the Vector API is present): on AVX-512 CPUs, HotSpot's scalar
 * float↔double conversions inside the gather loop carry false register dependencies that serialised the loop
 * (2.5× slower). The widened copy lives in a per-thread buffer
 * that is reused for sources up to 4 Mi values (32 MiB); a call allocates only one output row of doubles.
 *
 * <p>Which loops run is chosen by {@link WarpKernel#current()} (measured on this CPU): plain Java, the channel-packed {@link VectorKernel}
 * on the Vector API, or the AVX-512 {@link NativeKernel}; all are bit-identical.
 */
public final class AffineWarp {
  private AffineWarp() {}

  /**
   * Warps an HWC image {@code src} of {@code height × width × channels} into {@code dst} (same shape, a different
   * array).
   *
   * @param order SciPy spline order, 0 (nearest) or 1 (bilinear)
   */
  public static void warp(float[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order) {
    warp(src, dst, height, width, channels, m, mode, cval, order, false, false);
  }

  /**
   * {@link #warp(float[], float[], int, int, int, AffineMatrix, FillMode, double, int)} followed by Keras'
   * horizontal and/or vertical flip, fused into the output writes (bit-identical to warping, then flipping).
   */
  public static void warp(float[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical) {
    warp(src, dst, 0, height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical);
  }

  /**
   * The flipping warp writing its {@code height × width × channels} values into {@code dst} from index
   * {@code dstOffset} on (for example one sample's slot in a batch array).
   */
  public static void warp(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      AffineMatrix m, FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical) {
    KernelSelection<WarpKernel> selection = WarpKernel.selection();
    if (order != 1) {
      warp(src, dst, dstOffset, height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical,
          selection.current());
      return;
    }
    selection.run(height * width, kernel -> warp(src, dst, dstOffset, height, width, channels, m, mode, cval,
        order, flipHorizontal, flipVertical, kernel));
  }

  /**
   * The flipping warp at an offset with the bilinear blend in float32 when {@code float32} is true: coordinates,
   * border decisions, nearest picks and weights stay in double (order 0 is identical to the exact path), the four
   * products and their sum are float32, within 2e-4 of the exact result on the 0–255 scale. It runs on the native
   * float32 kernel for 1–4 channels when the native library is available, else on the exact kernel.
   *
   * @param float32 whether the bilinear blend may run in float32
   */
  public static void warp(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      AffineMatrix m, FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical,
      boolean float32) {
    if (float32 && order == 1 && float32Native(channels)) {
      warpFloat32(src, dst, dstOffset, height, width, channels, m, mode, cval, flipHorizontal, flipVertical);
      return;
    }
    warp(src, dst, dstOffset, height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical);
  }

  /**
   * Whether the float32 warp runs the native float32 kernel for this many channels (else it runs the exact one).
   *
   * @param channels the image's channels
   */
  public static boolean float32Native(int channels) {
    return channels <= 4 && NativeKernel.available();
  }

  /** The native float32 bilinear kernel itself (needs {@link #float32Native}; tests bound its error). */
  static void warpFloat32(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      AffineMatrix m, FillMode mode, double cval, boolean flipHorizontal, boolean flipVertical) {
    requireDistinct(src, dst);
    NativeKernel.float32(src, dst, dstOffset, height, width, channels, m.coefficients(), mode.ordinal(),
        (float) cval, flipHorizontal, flipVertical);
  }

  private static void requireDistinct(float[] src, float[] dst) {
    if (src == dst) {
      throw new IllegalArgumentException("dst must not be the src array");
    }
  }

  /** The float path with an explicit choice of kernel (tests compare them). */
  static void warp(float[] src, float[] dst, int dstOffset, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical, WarpKernel kernel) {
    requireDistinct(src, dst);
    Geometry g = new Geometry(height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical,
        src.length, dst.length, dstOffset);
    int nativeKind = order != 1 ? -1
        : kernel == WarpKernel.NATIVE ? NativeKernel.GATHER
        : kernel == WarpKernel.NATIVE_PACKED && channels <= 4 ? NativeKernel.PACKED : -1;
    if (nativeKind >= 0) {
      NativeKernel.warp(nativeKind, src, dst, dstOffset, height, width, channels,
          m.coefficients(), mode.ordinal(), g.fill, flipHorizontal, flipVertical, g.spans(), g.rowTaps.offsets,
          g.rowTaps.first, g.colTaps.offsets, g.colTaps.first);
      return;
    }
    boolean vector = kernel != WarpKernel.SCALAR && WarpKernel.VECTOR.available();
    int n = height * width * channels;
    double[] wide = scratch(n);
    if (vector) {
      VectorKernel.widen(src, wide, n);
    } else {
      for (int i = 0; i < n; i++) {
        wide[i] = src[i];
      }
    }
    run(wide, dst, dstOffset, g, vector);
  }

  /**
   * The uint8 input path: {@code src} holds unsigned bytes (0–255) in HWC order. The result equals the float path
   * on the same values exactly.
   */
  public static void warp(byte[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical) {
    warp(src, dst, height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical, WarpKernel.current());
  }

  /** The uint8 path with an explicit choice of kernel (tests compare them; native falls back to Java here). */
  static void warp(byte[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order, boolean flipHorizontal, boolean flipVertical, WarpKernel kernel) {
    boolean vector = kernel != WarpKernel.SCALAR && WarpKernel.VECTOR.available();
    Geometry g = new Geometry(height, width, channels, m, mode, cval, order, flipHorizontal, flipVertical,
        src.length, dst.length, 0);
    int n = height * width * channels;
    double[] wide = scratch(n);
    for (int i = 0; i < n; i++) {
      wide[i] = src[i] & 0xFF;
    }
    run(wide, dst, 0, g, vector);
  }

  /** Largest source (in values) whose double copy is cached per thread: 4 Mi values = 32 MiB. */
  private static final int CACHE_LIMIT = 1 << 22;

  private static final ThreadLocal<double[]> SCRATCH = new ThreadLocal<>();

  /**
   * A per-thread double buffer of at least {@code n + 1} values for the widened source (one value of padding for
   * the vector kernel's fourth lane). SciPy computes in double; the kernel reads doubles so that no float→double
   * conversion sits in the gather loop (on AVX-512 HotSpot such scalar conversions carry false register
   * dependencies that serialise the loop; widening once is a separate pass instead).
   */
  private static double[] scratch(int n) {
    if (n > CACHE_LIMIT) {
      return new double[n + 1];
    }
    double[] b = SCRATCH.get();
    if (b == null || b.length < n + 1) {
      b = new double[Math.max(n + 1, 1024)];
      SCRATCH.set(b);
    }
    return b;
  }

  private static void run(double[] src, float[] dst, int dstOffset, Geometry g, boolean vector) {
    final int height = g.height;
    final int width = g.width;
    final int rowStride = g.rowStride;
    // Results are collected in double per row and narrowed in one pass; scalar double→float conversions inside the
    // gather loop would serialise on AVX-512 (false register dependencies). One value of padding takes the vector
    // kernel's fourth lane after the row's last pixel.
    final double[] row = new double[rowStride + 1];
    final boolean packed = vector && g.order == 1 && (g.channels == 3 || g.channels == 4);
    for (int r = 0; r < height; r++) {
      final double ra = r * g.a00;
      final double rb = r * g.a10;
      final long span = g.interior(ra, rb);
      final int lo = (int) (span >> 32);
      final int hi = (int) span;
      // Pixels go in ascending output order: the packed kernel's spare lane spills into the next output slot.
      final int right = Math.max(hi, lo);
      borders(src, row, g, ra, rb, g.flipH ? right : 0, g.flipH ? width : lo, packed);
      if (lo < hi && packed) {
        VectorKernel.linear(src, row, g.channels, rowStride, ra, g.a01, g.b0, rb, g.a11, g.b1, lo, hi,
            g.out(0, lo), g.step);
      } else if (lo < hi) {
        interior(src, row, g, ra, rb, lo, hi, g.out(0, lo));
      }
      borders(src, row, g, ra, rb, g.flipH ? 0 : right, g.flipH ? lo : width, packed);
      final int outRow = dstOffset + (g.flipV ? height - 1 - r : r) * rowStride;
      if (vector) {
        VectorKernel.narrow(row, dst, outRow, rowStride);
      } else {
        for (int i = 0; i < rowStride; i++) {
          dst[outRow + i] = (float) row[i];
        }
      }
    }
  }

  /** Border columns {@code from ≤ c < to} of one row, in ascending output order (descending columns when flipped). */
  private static void borders(double[] src, double[] row, Geometry g, double ra, double rb, int from, int to,
      boolean packed) {
    if (g.flipH) {
      for (int c = to - 1; c >= from; c--) {
        borderPixel(src, row, g, ra, rb, c, g.out(0, c), packed);
      }
    } else {
      for (int c = from; c < to; c++) {
        borderPixel(src, row, g, ra, rb, c, g.out(0, c), packed);
      }
    }
  }

  /** Per-call constants. */
  private static final class Geometry {
    final double a00;
    final double a01;
    final double b0;
    final double a10;
    final double a11;
    final double b1;
    final int height;
    final int width;
    final int channels;
    final int rowStride;
    final int hMax;
    final int wMax;
    final FillMode mode;
    final boolean constant;
    final boolean wrap;
    final float fill;
    final int order;
    final boolean flipH;
    final boolean flipV;
    /** Output index step from one column to the next: ±channels. */
    final int step;
    /** Source row offsets of the integer row taps the map can reach (order 1). */
    final TapTable rowTaps;
    /** Source column offsets of the integer column taps the map can reach (order 1). */
    final TapTable colTaps;

    Geometry(int height, int width, int channels, AffineMatrix m, FillMode mode, double cval, int order,
        boolean flipH, boolean flipV, int srcLength, int dstLength, int dstOffset) {
      if (order != 0 && order != 1) {
        throw new IllegalArgumentException("interpolationOrder must be 0 or 1 but was " + order);
      }
      if (height < 1 || width < 1 || channels < 1) {
        throw new IllegalArgumentException("height, width and channels must be positive but were " + height + ", "
            + width + ", " + channels);
      }
      long n = (long) height * width * channels;
      if (srcLength < n || dstLength < n) {
        throw new IllegalArgumentException("src and dst must hold " + n + " values but have " + srcLength + " and "
            + dstLength);
      }
      if (dstOffset < 0 || dstLength - dstOffset < n) {
        throw new IllegalArgumentException("dst must hold " + n + " values from dstOffset " + dstOffset
            + " but has " + dstLength);
      }
      this.a00 = m.a00();
      this.a01 = m.a01();
      this.b0 = m.b0();
      this.a10 = m.a10();
      this.a11 = m.a11();
      this.b1 = m.b1();
      this.height = height;
      this.width = width;
      this.channels = channels;
      this.rowStride = width * channels;
      this.hMax = height - 1;
      this.wMax = width - 1;
      this.mode = mode;
      this.constant = mode == FillMode.CONSTANT;
      this.wrap = mode == FillMode.WRAP;
      this.fill = (float) cval;
      this.order = order;
      this.flipH = flipH;
      this.flipV = flipV;
      this.step = flipH ? -channels : channels;
      double r1 = height - 1.0;
      double c1 = width - 1.0;
      this.rowTaps = order == 1 ? TapTable.reach(b0, r1 * a00, c1 * a01, height, rowStride, mode) : TapTable.NONE;
      this.colTaps = order == 1 ? TapTable.reach(b1, r1 * a10, c1 * a11, width, channels, mode) : TapTable.NONE;
    }

    int out(int outRow, int c) {
      return outRow + (flipH ? wMax - c : c) * channels;
    }

    /**
     * Whether column {@code c} of the row is interior: all taps inside the image and no fill-mode rule involved.
     * Order 1 needs {@code 0 ≤ y < h−1} (so that {@code y0+1} exists); order 0 needs {@code 0 ≤ y ≤ h−1}.
     */
    boolean inside(double ra, double rb, int c) {
      double y = ra + c * a01 + b0;
      double x = rb + c * a11 + b1;
      if (order == 1) {
        return y >= 0 && y < hMax && x >= 0 && x < wMax;
      }
      return y >= 0 && y <= hMax && x >= 0 && x <= wMax;
    }

    /** Every row's interior columns as {@code lo, hi} pairs (see {@link #interior}). */
    int[] spans() {
      int[] spans = new int[2 * height];
      for (int r = 0; r < height; r++) {
        long span = interior(r * a00, r * a10);
        spans[2 * r] = (int) (span >> 32);
        spans[2 * r + 1] = (int) span;
      }
      return spans;
    }

    /**
     * The interior columns of the row as {@code lo << 32 | hi} (half-open; empty when {@code lo ≥ hi}). The exact
     * coordinate is monotone in {@code c} (a product and two sums, each rounding monotonically), so the interior is
     * an interval; an analytic estimate is shrunk until both ends pass the exact test, then grown while neighbours
     * pass it.
     */
    long interior(double ra, double rb) {
      double lo = 0;
      double hi = wMax;
      double yBase = ra + b0;
      double xBase = rb + b1;
      if (a01 != 0) {
        double t0 = (0 - yBase) / a01;
        double t1 = (hMax - yBase) / a01;
        lo = Math.max(lo, Math.min(t0, t1));
        hi = Math.min(hi, Math.max(t0, t1));
      }
      if (a11 != 0) {
        double t0 = (0 - xBase) / a11;
        double t1 = (wMax - xBase) / a11;
        lo = Math.max(lo, Math.min(t0, t1));
        hi = Math.min(hi, Math.max(t0, t1));
      }
      if (!(lo <= hi)) {
        return 0; // empty (or NaN): everything takes the border path
      }
      int l = (int) Math.ceil(lo);
      int h = (int) Math.floor(hi); // inclusive
      while (l <= h && !inside(ra, rb, l)) {
        l++;
      }
      while (h >= l && !inside(ra, rb, h)) {
        h--;
      }
      if (l > h) {
        return 0;
      }
      while (l > 0 && inside(ra, rb, l - 1)) {
        l--;
      }
      while (h < wMax && inside(ra, rb, h + 1)) {
        h++;
      }
      return ((long) l << 32) | (h + 1);
    }
  }

  /**
   * Precomputed {@code tap(i)·stride} for the integer taps {@code first ≤ i ≤ first + last} one axis of the map can
   * reach (the separable part of the border work): a border pixel then costs four table reads instead of four
   * fill-mode evaluations. Taps outside the table (maps reaching very far out) take {@link #tap} directly.
   */
  private static final class TapTable {
    /** Widest table, in taps beyond the image on each side; farther taps are computed on demand. */
    private static final int MAX_REACH = 1024;
    /** A table no tap pair fits (order 0 does not use tables). */
    static final TapTable NONE = new TapTable(0, new int[1]);

    final int first;
    /** Index of the last entry that has a successor: {@code i} is usable as a pair when {@code i < last}. */
    final int last;
    final int[] offsets;

    private TapTable(int first, int[] offsets) {
      this.first = first;
      this.last = offsets.length - 1;
      this.offsets = offsets;
    }

    /**
     * The taps of {@code base + u + v} for {@code u} between 0 and {@code uEnd}, {@code v} between 0 and
     * {@code vEnd} (the map is affine, so its extremes are at the image corners), always including {@code 0..n}.
     */
    static TapTable reach(double base, double uEnd, double vEnd, int n, int stride, FillMode mode) {
      double lo = base + Math.min(0, uEnd) + Math.min(0, vEnd);
      double hi = base + Math.max(0, uEnd) + Math.max(0, vEnd);
      int first = 0;
      int end = n; // inclusive
      if (lo == lo && hi == hi) { // not NaN
        first = (int) Math.max(-MAX_REACH, Math.min(0, Math.floor(lo) - 1));
        end = (int) Math.min(n + MAX_REACH, Math.max(n, Math.floor(hi) + 2));
      }
      int[] offsets = new int[end - first + 1];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = tap(first + i, n, mode) * stride;
      }
      return new TapTable(first, offsets);
    }
  }

  // ------------------------------------------------------------------------------------------------ interior

  private static void interior(double[] src, double[] dst, Geometry g, double ra, double rb, int lo, int hi, int o) {
    if (g.order == 0) {
      nearestInterior(src, dst, g, ra, rb, lo, hi, o);
      return;
    }
    switch (g.channels) {
      case 1 -> linear1(src, dst, g.rowStride, ra, g.a01, g.b0, rb, g.a11, g.b1, lo, hi, o, g.step);
      case 3 -> linear3(src, dst, g.rowStride, ra, g.a01, g.b0, rb, g.a11, g.b1, lo, hi, o, g.step);
      case 4 -> linear4(src, dst, g.rowStride, ra, g.a01, g.b0, rb, g.a11, g.b1, lo, hi, o, g.step);
      default -> linearN(src, dst, g.channels, g.rowStride, ra, g.a01, g.b0, rb, g.a11, g.b1, lo, hi, o, g.step);
    }
  }

  // The column is carried as an exact double (cd) to keep int→double conversions out of the loop; cd * a01 is the
  // same product as c * a01.

  private static void linear1(double[] src, double[] dst, int rowStride, double ra, double a01, double b0,
      double rb, double a11, double b1, int lo, int hi, int o, int step) {
    double cd = lo;
    for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
      final double y = ra + cd * a01 + b0;
      final double x = rb + cd * a11 + b1;
      final int y0 = (int) y;
      final int x0 = (int) x;
      final double wy1 = y - y0;
      final double wy0 = 1.0 - wy1;
      final double wx1 = x - x0;
      final double wx0 = 1.0 - wx1;
      final int p = y0 * rowStride + x0;
      final int q = p + rowStride;
      dst[o] = (src[p] * wy0 * wx0 + src[p + 1] * wy0 * wx1 + src[q] * wy1 * wx0 + src[q + 1] * wy1 * wx1);
    }
  }

  private static void linear3(double[] src, double[] dst, int rowStride, double ra, double a01, double b0,
      double rb, double a11, double b1, int lo, int hi, int o, int step) {
    double cd = lo;
    for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
      final double y = ra + cd * a01 + b0;
      final double x = rb + cd * a11 + b1;
      final int y0 = (int) y;
      final int x0 = (int) x;
      final double wy1 = y - y0;
      final double wy0 = 1.0 - wy1;
      final double wx1 = x - x0;
      final double wx0 = 1.0 - wx1;
      final int p = y0 * rowStride + x0 * 3;
      final int q = p + rowStride;
      dst[o] = (src[p] * wy0 * wx0 + src[p + 3] * wy0 * wx1 + src[q] * wy1 * wx0 + src[q + 3] * wy1 * wx1);
      dst[o + 1] = (src[p + 1] * wy0 * wx0 + src[p + 4] * wy0 * wx1 + src[q + 1] * wy1 * wx0
          + src[q + 4] * wy1 * wx1);
      dst[o + 2] = (src[p + 2] * wy0 * wx0 + src[p + 5] * wy0 * wx1 + src[q + 2] * wy1 * wx0
          + src[q + 5] * wy1 * wx1);
    }
  }

  private static void linear4(double[] src, double[] dst, int rowStride, double ra, double a01, double b0,
      double rb, double a11, double b1, int lo, int hi, int o, int step) {
    double cd = lo;
    for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
      final double y = ra + cd * a01 + b0;
      final double x = rb + cd * a11 + b1;
      final int y0 = (int) y;
      final int x0 = (int) x;
      final double wy1 = y - y0;
      final double wy0 = 1.0 - wy1;
      final double wx1 = x - x0;
      final double wx0 = 1.0 - wx1;
      final int p = y0 * rowStride + x0 * 4;
      final int q = p + rowStride;
      dst[o] = (src[p] * wy0 * wx0 + src[p + 4] * wy0 * wx1 + src[q] * wy1 * wx0 + src[q + 4] * wy1 * wx1);
      dst[o + 1] = (src[p + 1] * wy0 * wx0 + src[p + 5] * wy0 * wx1 + src[q + 1] * wy1 * wx0
          + src[q + 5] * wy1 * wx1);
      dst[o + 2] = (src[p + 2] * wy0 * wx0 + src[p + 6] * wy0 * wx1 + src[q + 2] * wy1 * wx0
          + src[q + 6] * wy1 * wx1);
      dst[o + 3] = (src[p + 3] * wy0 * wx0 + src[p + 7] * wy0 * wx1 + src[q + 3] * wy1 * wx0
          + src[q + 7] * wy1 * wx1);
    }
  }

  private static void linearN(double[] src, double[] dst, int channels, int rowStride, double ra, double a01,
      double b0, double rb, double a11, double b1, int lo, int hi, int o, int step) {
    double cd = lo;
    for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
      final double y = ra + cd * a01 + b0;
      final double x = rb + cd * a11 + b1;
      final int y0 = (int) y;
      final int x0 = (int) x;
      final double wy1 = y - y0;
      final double wy0 = 1.0 - wy1;
      final double wx1 = x - x0;
      final double wx0 = 1.0 - wx1;
      final int p = y0 * rowStride + x0 * channels;
      final int q = p + rowStride;
      for (int ch = 0; ch < channels; ch++) {
        dst[o + ch] = (src[p + ch] * wy0 * wx0 + src[p + channels + ch] * wy0 * wx1 + src[q + ch] * wy1 * wx0
            + src[q + channels + ch] * wy1 * wx1);
      }
    }
  }

  private static void nearestInterior(double[] src, double[] dst, Geometry g, double ra, double rb, int lo, int hi,
      int o) {
    final int channels = g.channels;
    final int rowStride = g.rowStride;
    final int step = g.step;
    final double a01 = g.a01;
    final double b0 = g.b0;
    final double a11 = g.a11;
    final double b1 = g.b1;
    double cd = lo;
    if (channels == 3) {
      for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
        final int p = (int) (ra + cd * a01 + b0 + 0.5) * rowStride + (int) (rb + cd * a11 + b1 + 0.5) * 3;
        dst[o] = src[p];
        dst[o + 1] = src[p + 1];
        dst[o + 2] = src[p + 2];
      }
      return;
    }
    for (int c = lo; c < hi; c++, o += step, cd += 1.0) {
      final int p = (int) (ra + cd * a01 + b0 + 0.5) * rowStride + (int) (rb + cd * a11 + b1 + 0.5) * channels;
      for (int ch = 0; ch < channels; ch++) {
        dst[o + ch] = src[p + ch];
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ border

  /**
   * The general path for one output pixel (the original per-pixel kernel): SciPy's fill-mode rules, then the taps
   * mapped by the mode's extension rule.
   */
  private static void borderPixel(double[] src, double[] dst, Geometry g, double ra, double rb, int c, int out,
      boolean packed) {
    final int channels = g.channels;
    double y = ra + c * g.a01 + g.b0;
    double x = rb + c * g.a11 + g.b1;
    if (g.constant) {
      if (y < 0 || y > g.hMax || x < 0 || x > g.wMax) {
        for (int ch = 0; ch < channels; ch++) {
          dst[out + ch] = g.fill;
        }
        return;
      }
    } else if (g.wrap) {
      y = wrapCoordinate(y, g.height);
      x = wrapCoordinate(x, g.width);
    }
    if (g.order == 0) {
      int p = nearestTap(g, y, x);
      for (int ch = 0; ch < channels; ch++) {
        dst[out + ch] = src[p + ch];
      }
      return;
    }
    double fy = Math.floor(y);
    double fx = Math.floor(x);
    double wy1 = y - fy;
    double wy0 = 1.0 - wy1;
    double wx1 = x - fx;
    double wx0 = 1.0 - wx1;
    int ty0;
    int ty1;
    int tx0;
    int tx1;
    // (int) saturates for huge coordinates; the subtraction then wraps negative and fails the range test
    int iy = (int) fy - g.rowTaps.first;
    int ix = (int) fx - g.colTaps.first;
    if (iy >= 0 && iy < g.rowTaps.last && ix >= 0 && ix < g.colTaps.last) {
      ty0 = g.rowTaps.offsets[iy];
      ty1 = g.rowTaps.offsets[iy + 1];
      tx0 = g.colTaps.offsets[ix];
      tx1 = g.colTaps.offsets[ix + 1];
    } else {
      ty0 = tap((int) fy, g.height, g.mode) * g.rowStride;
      ty1 = tap((int) fy + 1, g.height, g.mode) * g.rowStride;
      tx0 = tap((int) fx, g.width, g.mode) * channels;
      tx1 = tap((int) fx + 1, g.width, g.mode) * channels;
    }
    if (packed) {
      VectorKernel.taps(src, dst, ty0 + tx0, ty0 + tx1, ty1 + tx0, ty1 + tx1, wy0, wy1, wx0, wx1, out);
      return;
    }
    for (int ch = 0; ch < channels; ch++) {
      double t = src[ty0 + tx0 + ch] * wy0 * wx0;
      t += src[ty0 + tx1 + ch] * wy0 * wx1;
      t += src[ty1 + tx0 + ch] * wy1 * wx0;
      t += src[ty1 + tx1 + ch] * wy1 * wx1;
      dst[out + ch] = t;
    }
  }

  /** SciPy order 0: map the continuous coordinate first, round, then map the index. */
  private static int nearestTap(Geometry g, double y, double x) {
    int yi = tap((int) Math.floor(mapCoordinate(y, g.height, g.mode) + 0.5), g.height, g.mode);
    int xi = tap((int) Math.floor(mapCoordinate(x, g.width, g.mode) + 0.5), g.width, g.mode);
    return yi * g.rowStride + xi * g.channels;
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
