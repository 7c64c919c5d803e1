package dev.tuna.augment.internal.warp;

import dev.tuna.augment.FillMode;
import java.util.Arrays;
import java.util.List;

/** Test access to every warp kernel of this JVM, for golden tests outside this package. */
public final class WarpKernels {
  private WarpKernels() {}

  /** The kernels this JVM runs. */
  public static List<WarpKernel> available() {
    return Arrays.stream(WarpKernel.values()).filter(WarpKernel::available).toList();
  }

  /** The flipping warp of {@code src} with the given kernel, into a new array. */
  public static float[] warp(float[] src, int h, int w, int c, AffineMatrix m, FillMode mode, double cval, int order,
      boolean flipH, boolean flipV, WarpKernel kernel) {
    float[] out = new float[h * w * c];
    AffineWarp.warp(src, out, 0, h, w, c, m, mode, cval, order, flipH, flipV, kernel);
    return out;
  }
}
