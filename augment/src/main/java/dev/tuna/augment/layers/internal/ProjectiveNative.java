package dev.tuna.augment.layers.internal;

import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.core.internal.Preconditions;

/**
 * {@link ProjectiveTransform}'s bilinear transform of one 1- to 4-channel image in C ({@code src/main/c/
 * tunaprojective.c}, compiled into the module's {@code tunawarp} library): the Java loop's float32 operations in the
 * same order, coordinates sixteen output pixels at a time with AVX-512, interior pixels with two masked row loads
 * each (no gathers), border pixels with TF's fill reads. Bit-identical to the Java kernels.
 *
 * <p>The library is the one {@link WarpKernel#NATIVE} loads (Linux x86-64, a CPU with AVX-512F and AVX-512VL); this
 * class is used only when that kernel is available.
 */
final class ProjectiveNative {
  private ProjectiveNative() {}

  /** Whether the library loaded and this CPU runs it. */
  static boolean available() {
    return WarpKernel.NATIVE.available();
  }

  /** Why the native kernel cannot run here, or null when it can. */
  static String unavailableReason() {
    return WarpKernel.NATIVE.unavailableReason();
  }

  /**
   * Transforms the image at {@code inBase} with the 8 values at {@code transforms[t]} into {@code out} at
   * {@code outBase}, bilinear; {@code fillMode} as in {@link ProjectiveTransform}.
   *
   * @throws IllegalArgumentException when a shape or an offset does not fit the arrays (checked here and again in C)
   */
  static void image(float[] images, int inBase, int h, int w, int c, float[] transforms, int t, float[] out,
      int outBase, int outH, int outW, ProjectiveTransform.FillMode fillMode, float fillValue) {
    long in = (long) h * w * c;
    long outN = (long) outH * outW * c;
    Preconditions.requireArgument(h > 0 && w > 0 && c >= 1 && c <= 4 && outH >= 0 && outW >= 0,
        "the native projective transform needs a positive input shape with 1 to 4 channels and a non-negative "
            + "output size but got %dx%dx%d and %dx%d", h, w, c, outH, outW);
    Preconditions.requireArgument(inBase >= 0 && images.length - (long) inBase >= in && t >= 0
        && transforms.length - (long) t >= 8 && outBase >= 0 && out.length - (long) outBase >= outN,
        "the projective transform of %dx%dx%d to %dx%d needs images >= %d + %d, transforms >= %d + 8 and out >= %d + "
            + "%d but got %d, %d and %d", h, w, c, outH, outW, inBase, in, t, outBase, outN, images.length,
        transforms.length, out.length);
    image0(images, inBase, h, w, c, transforms, t, out, outBase, outH, outW, fillMode.ordinal(), fillValue);
  }

  /**
   * Flips the {@code h x w x 3} image at {@code inBase} horizontally, and vertically too when {@code vertical}, into
   * {@code out} at {@code outBase}: every value copied exactly.
   *
   * @throws IllegalArgumentException when the shape is not positive with 3 channels or an offset does not fit the
   *     arrays (checked here and again in C)
   */
  static void flip(float[] images, int inBase, int h, int w, int c, boolean vertical, float[] out, int outBase) {
    long n = (long) h * w * c;
    Preconditions.requireArgument(h > 0 && w > 0 && c == 3,
        "the native flip needs a positive shape with 3 channels but got %dx%dx%d", h, w, c);
    Preconditions.requireArgument(inBase >= 0 && images.length - (long) inBase >= n && outBase >= 0
        && out.length - (long) outBase >= n, "the flip of %dx%dx%d needs images >= %d + %d and out >= %d + %d but "
        + "got %d and %d", h, w, c, inBase, n, outBase, n, images.length, out.length);
    flip0(images, inBase, h, w, c, vertical, out, outBase);
  }

  /** The C entry point of {@link #flip}; it checks the same shape and offsets itself. */
  static native void flip0(float[] images, int inBase, int h, int w, int c, boolean vertical, float[] out,
      int outBase);

  /** The C entry point of {@link #image}; it checks the same shapes and offsets itself. */
  static native void image0(float[] images, int inBase, int h, int w, int c, float[] transforms, int t, float[] out,
      int outBase, int outH, int outW, int fillMode, float fillValue);
}
