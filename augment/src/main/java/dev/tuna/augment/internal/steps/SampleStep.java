package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;

/**
 * One per-sample step of {@code ImageDataGenerator}, as Keras' {@code apply_transform} and {@code standardize} run
 * them: the affine warp, channel shift, flips, brightness, then the preprocessing function, rescale and the
 * normalisations. {@link SampleSteps} holds them in Keras' order and runs them; its fused paths take a sample only
 * when every step active on it is one they implement, so a step they do not know is never skipped.
 */
public interface SampleStep {
  /**
   * Whether the step changes a sample transformed with {@code p}; an inactive step is skipped on every path.
   *
   * @param p the sample's transform parameters ({@link TransformParameters#IDENTITY} for {@code standardize})
   * @return true if the step must run
   */
  boolean active(TransformParameters p);

  /**
   * Runs the step on one HWC sample that the caller owns.
   *
   * @param x the sample, {@code height × width × channels} values; the step may change it
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param p the sample's transform parameters
   * @return {@code x}, changed in place, or a new array of the same length
   */
  float[] apply(float[] x, int height, int width, int channels, TransformParameters p);
}
