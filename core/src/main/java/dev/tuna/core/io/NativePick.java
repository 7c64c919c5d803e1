package dev.tuna.core.io;

import dev.tuna.core.internal.NativeLibrary;
import dev.tuna.core.internal.Preconditions;

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
   *
   * @throws IllegalArgumentException when an array is shorter than the output needs (checked here and again in C)
   *     or, from C, when an index is not below {@code srcW} or {@code srcH}
   */
  static void pick(long address, int srcW, int srcH, int[] xs, int[] ys, int outW, int outH, float[] out) {
    pick(address, srcW, srcH, xs, ys, outW, outH, out, 0);
  }

  /** {@link #pick(long, int, int, int[], int[], int, int, float[])} writing the image from {@code out[offset]} on. */
  static void pick(long address, int srcW, int srcH, int[] xs, int[] ys, int outW, int outH, float[] out,
      int offset) {
    Preconditions.requireArgument(srcW > 0 && srcH > 0 && outW >= 0 && outH >= 0,
        "pick needs a positive source size and a non-negative output size but got %dx%d -> %dx%d", srcW, srcH,
        outW, outH);
    Preconditions.requireArgument(offset >= 0 && xs.length >= outW && ys.length >= outH
        && out.length >= offset + 3L * outW * outH,
        "pick of %dx%d pixels needs xs >= %d, ys >= %d and out >= %d values but got %d, %d and %d", outW, outH,
        outW, outH, offset + 3L * outW * outH, xs.length, ys.length, out.length);
    pick0(address, srcW, srcH, xs, ys, outW, outH, out, offset);
  }

  /** The C entry point of {@link #pick}; it checks the same lengths and every index itself. */
  static native void pick0(long address, int srcW, int srcH, int[] xs, int[] ys, int outW, int outH, float[] out,
      int offset);
}
