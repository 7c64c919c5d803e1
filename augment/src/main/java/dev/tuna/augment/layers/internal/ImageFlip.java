package dev.tuna.augment.layers.internal;

import dev.tuna.core.internal.Preconditions;

/**
 * Flips one NHWC image: rows in reverse order (vertical) and the pixels of every row in reverse order (horizontal);
 * every value is copied exactly. A horizontal flip of a 3-channel image runs in C when the native projective kernel
 * is available ({@link ProjectiveKernel#NATIVE}: sixteen pixels per three permutes), else in Java, which reads each
 * row forward and writes it backward (reading backward, against the processor's prefetch, is several times slower
 * on an image that is not in the cache).
 */
public final class ImageFlip {
  private ImageFlip() {}

  /**
   * Writes image {@code src} from {@code srcOffset}, flipped, into {@code dst} from {@code dstOffset}; with neither
   * flip, a copy.
   *
   * @param src holds the input image, {@code h * w * c} values from {@code srcOffset}
   * @param srcOffset where the input image starts in {@code src}
   * @param dst receives the output image, {@code h * w * c} values from {@code dstOffset}; not {@code src}
   * @param dstOffset where the output image starts in {@code dst}
   * @param h height
   * @param w width
   * @param c channels
   * @param horizontal whether to reverse every row's pixels
   * @param vertical whether to reverse the order of the rows
   * @throws IllegalArgumentException when the shape is not positive, an image does not fit its array from its offset,
   *     or {@code dst} is {@code src}
   */
  public static void flip(float[] src, int srcOffset, float[] dst, int dstOffset, int h, int w, int c,
      boolean horizontal, boolean vertical) {
    flip(src, srcOffset, dst, dstOffset, h, w, c, horizontal, vertical, horizontal && c == 3
        && ProjectiveKernel.NATIVE.available());
  }

  /** {@link #flip} in C ({@code inC}, 3 channels only) or in Java. */
  static void flip(float[] src, int srcOffset, float[] dst, int dstOffset, int h, int w, int c, boolean horizontal,
      boolean vertical, boolean inC) {
    Preconditions.requireArgument(h > 0 && w > 0 && c > 0, "the image shape must be positive but was %dx%dx%d", h,
        w, c);
    Preconditions.requireArgument(src != dst, "dst must not be the input array");
    long n = (long) h * w * c;
    Preconditions.requireArgument(srcOffset >= 0 && srcOffset <= src.length - n,
        "srcOffset must be between 0 and %d (src holds %d values, the image needs %d) but was %d", src.length - n,
        src.length, n, srcOffset);
    Preconditions.requireArgument(dstOffset >= 0 && dstOffset <= dst.length - n,
        "dstOffset must be between 0 and %d (dst holds %d values, the image needs %d) but was %d", dst.length - n,
        dst.length, n, dstOffset);
    if (inC && horizontal) {
      ProjectiveNative.flip(src, srcOffset, h, w, c, vertical, dst, dstOffset);
      return;
    }
    int row = w * c;
    if (!horizontal && !vertical) {
      System.arraycopy(src, srcOffset, dst, dstOffset, h * row);
      return;
    }
    for (int y = 0; y < h; y++) {
      int from = srcOffset + (vertical ? h - 1 - y : y) * row;
      int to = dstOffset + y * row;
      if (!horizontal) {
        System.arraycopy(src, from, dst, to, row);
      } else if (c == 3) {
        int last = to + row - 3; // the output row's last pixel
        for (int x = 0; x < row; x += 3) {
          dst[last - x] = src[from + x];
          dst[last - x + 1] = src[from + x + 1];
          dst[last - x + 2] = src[from + x + 2];
        }
      } else {
        int last = to + row - c;
        for (int x = 0; x < row; x += c) {
          for (int k = 0; k < c; k++) {
            dst[last - x + k] = src[from + x + k];
          }
        }
      }
    }
  }
}
