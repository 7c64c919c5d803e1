package dev.tuna.augment.internal.steps;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.WarpBackend;
import dev.tuna.augment.internal.warp.AffineMatrix;
import dev.tuna.augment.internal.warp.AffineWarp;
import dev.tuna.augment.internal.warp.OpenCvWarp;

/**
 * Keras' affine resampling (rotation, shift, shear and zoom in one warp), skipped when every component is neutral.
 * The exact backend can write into an array at an offset with flips fused into its stores, and may blend in float32
 * ({@code Precision.FLOAT32}); {@link SampleSteps} decides when those apply.
 */
public final class AffineStep implements SampleStep {
  private final FillMode fillMode;
  private final double cval;
  private final int order;
  private final boolean trueCentre;
  private final WarpBackend backend;
  private final boolean float32;

  /**
   * A warp step with the generator's options.
   *
   * @param fillMode the boundary handling
   * @param cval the fill value of {@link FillMode#CONSTANT}
   * @param order the spline order, 0 or 1
   * @param trueCentre whether non-square images turn about their true centre ({@code fixKnownBugs})
   * @param backend the warp kernel
   * @param float32 whether the exact backend's bilinear blend may run in float32
   */
  public AffineStep(FillMode fillMode, double cval, int order, boolean trueCentre, WarpBackend backend,
      boolean float32) {
    this.fillMode = fillMode;
    this.cval = cval;
    this.order = order;
    this.trueCentre = trueCentre;
    this.backend = backend;
    this.float32 = float32;
  }

  @Override
  public boolean active(TransformParameters p) {
    return !AffineMatrix.neutral(p.theta(), p.tx(), p.ty(), p.shear(), p.zx(), p.zy());
  }

  /** The warp alone, into a new array, with the exact arithmetic. */
  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    float[] out = new float[x.length];
    warp(x, out, 0, height, width, channels, p, false, false, false);
    return out;
  }

  /**
   * Whether the kernel writes at an offset and fuses flips ({@link #warp} takes any arguments): the exact backend.
   *
   * @return true for {@link WarpBackend#KERAS_EXACT}
   */
  public boolean fuses() {
    return backend == WarpBackend.KERAS_EXACT;
  }

  /**
   * Warps {@code src} into {@code dst} from {@code offset} on, then flips as asked, all in the kernel's stores
   * (identical to warping, then flipping). Without {@link #fuses()} only {@code offset} 0 and no flips are allowed.
   *
   * @param src the sample, HWC
   * @param dst the output array, not {@code src}
   * @param offset where the sample starts in {@code dst}
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param p the transform parameters, not neutral
   * @param flipHorizontal whether to reverse the columns of the output
   * @param flipVertical whether to reverse the rows of the output
   * @param mayBlendFloat32 whether the steps after the warp tolerate the float32 blend's rounding
   */
  public void warp(float[] src, float[] dst, int offset, int height, int width, int channels, TransformParameters p,
      boolean flipHorizontal, boolean flipVertical, boolean mayBlendFloat32) {
    AffineMatrix m = AffineMatrix.of(p.theta(), p.tx(), p.ty(), p.shear(), p.zx(), p.zy(), height, width,
        trueCentre);
    if (fuses()) {
      AffineWarp.warp(src, dst, offset, height, width, channels, m, fillMode, cval, order, flipHorizontal,
          flipVertical, float32 && mayBlendFloat32);
      return;
    }
    if (offset != 0 || flipHorizontal || flipVertical) {
      throw new IllegalArgumentException("the " + backend + " warp writes at offset 0 without flips");
    }
    OpenCvWarp.warp(src, dst, height, width, channels, m, fillMode, cval, order);
  }
}
