package dev.tuna.augment.internal.warp;

import dev.tuna.core.internal.NativeLibrary;
import dev.tuna.core.internal.Preconditions;

/**
 * The bilinear float warps in C ({@code src/main/c/tunawarp.c} and {@code tunafloat.c}), three entry points:
 * <ul>
 *   <li>{@link #GATHER} ({@link WarpKernel#NATIVE}): the same arithmetic in the same order as the Java kernels,
 *       interior pixels eight at a time with AVX-512 gathers, border pixels through the {@link AffineWarp} tap tables;
 *   <li>{@link #PACKED} ({@link WarpKernel#NATIVE_PACKED}, up to 4 channels): no gathers; a pixel's two taps in one
 *       source row are one contiguous masked load, widened to double, SciPy's products and sums lane by lane;
 *   <li>{@link #float32} ({@code Precision.FLOAT32}, up to 4 channels): coordinates, border decisions, taps and
 *       weights in double as in the exact kernels, the blend in float32; 16 columns at a time, fill-mode taps
 *       computed lane by lane, no tap tables.
 * </ul>
 * The first two are bit-identical to the Java kernels ({@code AffineWarpTest}, {@code ApplyTransformGoldenTest}).
 *
 * <p>The library is built for Linux x86-64 and shipped inside the jar; it is used only when it loads and the CPU has
 * AVX-512F and AVX-512VL. Anything else (another platform, no AVX-512, {@code -Dtuna.warp.kernel=vector|scalar})
 * leaves the Java kernels in charge.
 */
final class NativeKernel {
  /** Whether the library loaded (set by the check, the first native call), whatever the CPU. */
  private static boolean loaded;

  private static final String FAILURE = NativeLibrary.load(NativeKernel.class, "tunawarp", () -> {
    boolean avx512 = supported();
    loaded = true;
    return avx512 ? null : "the CPU has no AVX-512F and AVX-512VL";
  });

  /** {@link #warp} kind: AVX-512 gathers. */
  static final int GATHER = 0;
  /** {@link #warp} kind: packed row loads, exact. */
  static final int PACKED = 1;

  private NativeKernel() {}

  /** Whether the library loaded, so that {@link #warp0} can be called (it warps only when {@link #available()}). */
  static boolean loaded() {
    return loaded;
  }

  /** Whether the native kernel loaded and this CPU runs it. */
  static boolean available() {
    return FAILURE == null;
  }

  /** Why the native kernel is not available, or null when it is. */
  static String unavailableReason() {
    return FAILURE;
  }

  private static native boolean supported();

  /**
   * Warps with spline order 1. {@code matrix} holds {@code a00, a01, b0, a10, a11, b1}; {@code mode} is the
   * {@link dev.tuna.augment.FillMode} ordinal (constant, nearest, reflect, wrap, mirror); {@code spans} holds each
   * row's interior columns as {@code lo, hi} pairs; the tap tables as in {@link AffineWarp}; {@code kind} is
   * {@link #GATHER} or {@link #PACKED} (at most 4 channels).
   *
   * @throws IllegalArgumentException when an array is shorter than the shape needs (checked here and again in C,
   *     which also checks spans and taps against the image)
   */
  static void warp(int kind, float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical, int[] spans,
      int[] rowTaps, int rowFirst, int[] colTaps, int colFirst) {
    long n = (long) height * width * channels;
    Preconditions.requireArgument(height > 0 && width > 0 && channels > 0 && n <= Integer.MAX_VALUE,
        "warp needs a positive shape of at most 2^31 - 1 values but got %dx%dx%d", height, width, channels);
    Preconditions.requireArgument(src.length >= n && dstOffset >= 0 && (long) dst.length - dstOffset >= n
        && matrix.length >= 6 && spans.length >= 2L * height && rowTaps.length >= 1 && colTaps.length >= 1,
        "warp of %dx%dx%d needs src >= %d, dst >= offset %d + %d, matrix >= 6, spans >= %d and non-empty tap "
            + "tables but got %d, %d, %d, %d, %d and %d", height, width, channels, n, dstOffset, n, 2L * height,
        src.length, dst.length, matrix.length, spans.length, rowTaps.length, colTaps.length);
    Preconditions.requireArgument(kind == GATHER || channels <= 4,
        "the packed native kernels take at most 4 channels but got %d", channels);
    switch (kind) {
      case GATHER -> warp0(src, dst, dstOffset, height, width, channels, matrix, mode, fill, flipHorizontal,
          flipVertical, spans, rowTaps, rowFirst, colTaps, colFirst);
      case PACKED -> packed0(src, dst, dstOffset, height, width, channels, matrix, mode, fill, flipHorizontal,
          flipVertical, spans, rowTaps, rowFirst, colTaps, colFirst);
      default -> throw new IllegalArgumentException("unknown native warp kind " + kind);
    }
  }

  /** The C entry point of {@link #warp}; it checks the same lengths itself. */
  static native void warp0(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical, int[] spans,
      int[] rowTaps, int rowFirst, int[] colTaps, int colFirst);

  /** The C entry point of {@link #warp} for {@link #PACKED}. */
  static native void packed0(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical, int[] spans,
      int[] rowTaps, int rowFirst, int[] colTaps, int colFirst);

  /**
   * The float32 bilinear warp ({@code Precision.FLOAT32}): {@code matrix} and {@code mode} as in {@link #warp}, 1 to
   * 4 channels.
   *
   * @throws IllegalArgumentException when the shape or an array's length does not fit (checked here and in C)
   */
  static void float32(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical) {
    long n = (long) height * width * channels;
    Preconditions.requireArgument(height > 0 && width > 0 && channels > 0 && channels <= 4 && n <= Integer.MAX_VALUE,
        "the float32 warp needs a positive shape of at most 2^31 - 1 values and 1 to 4 channels but got %dx%dx%d",
        height, width, channels);
    Preconditions.requireArgument(src.length >= n && dstOffset >= 0 && (long) dst.length - dstOffset >= n
        && matrix.length >= 6, "the float32 warp of %dx%dx%d needs src >= %d, dst >= offset %d + %d and matrix "
        + ">= 6 but got %d, %d and %d", height, width, channels, n, dstOffset, n, src.length, dst.length,
        matrix.length);
    float0(src, dst, dstOffset, height, width, channels, matrix, mode, fill, flipHorizontal, flipVertical);
  }

  /** The C entry point of {@link #float32}; it checks the same lengths itself. */
  static native void float0(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical);
}
