package dev.tuna.augment.internal.warp;

import dev.tuna.core.internal.NativeLibrary;

/**
 * The bilinear float warp in C ({@code src/main/c/tunawarp.c}): the same arithmetic in the same order as the Java
 * kernels, interior pixels eight at a time with AVX-512 gathers, border pixels through the {@link AffineWarp} tap
 * tables. Bit-identical to the Java kernels ({@code AffineWarpTest}).
 *
 * <p>The library is built for Linux x86-64 and shipped inside the jar; it is used only when it loads and the CPU has
 * AVX-512F. Anything else (another platform, no AVX-512, {@code -Dtuna.warp.kernel=vector|scalar}) leaves the
 * Java kernels in charge.
 */
final class NativeKernel {
  private static final String FAILURE = NativeLibrary.load(NativeKernel.class, "tunawarp",
      () -> supported() ? null : "the CPU has no AVX-512F");

  private NativeKernel() {}

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
   * row's interior columns as {@code lo, hi} pairs; the tap tables as in {@link AffineWarp}.
   */
  static native void warp(float[] src, float[] dst, int dstOffset, int height, int width, int channels,
      double[] matrix, int mode, float fill, boolean flipHorizontal, boolean flipVertical, int[] spans,
      int[] rowTaps, int rowFirst, int[] colTaps, int colFirst);
}
