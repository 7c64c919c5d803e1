package dev.tuna.core.io;

import dev.tuna.core.internal.NativeLibrary;

/**
 * The nearest-neighbour pick of the JPEG fast path in C ({@code src/main/c/tunacodec.c}): decoded BGR bytes, read in
 * place from OpenCV's buffer, to RGB floats, sixteen pixels at a time on CPUs with AVX-512F. Same pixels as
 * {@link OpenCvCodec#pickNearest}, which runs when the library does not load ({@code NativePickTest}).
 */
final class NativePick {
  private static final String FAILURE = NativeLibrary.load(NativePick.class, "tunacodec", () -> {
    init();
    return null;
  });

  private NativePick() {}

  /** Whether the library loaded. */
  static boolean available() {
    return FAILURE == null;
  }

  /** Why the library is not available, or null when it is. */
  static String unavailableReason() {
    return FAILURE;
  }

  /** Detects the CPU's AVX-512 support once. */
  private static native void init();

  /**
   * Output pixel {@code (y, x)} of {@code out} (RGB floats, {@code outH × outW × 3}) from source pixel
   * {@code (ys[y], xs[x])} of the {@code srcH × srcW} BGR bytes at native {@code address}; a negative index gives 0.
   * Indices must lie below {@code srcW} and {@code srcH}.
   */
  static native void pick(long address, int srcW, int srcH, int[] xs, int[] ys, int outW, int outH, float[] out);
}
