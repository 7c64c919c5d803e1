package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Flip;

/** Keras' horizontal flip (reversed columns) or vertical flip (reversed rows), when the parameters ask for it. */
public final class FlipStep implements SampleStep {
  private final boolean horizontal;

  private FlipStep(boolean horizontal) {
    this.horizontal = horizontal;
  }

  /**
   * The horizontal flip, active with {@code flip_horizontal}.
   *
   * @return the step
   */
  public static FlipStep horizontal() {
    return new FlipStep(true);
  }

  /**
   * The vertical flip, active with {@code flip_vertical}.
   *
   * @return the step
   */
  public static FlipStep vertical() {
    return new FlipStep(false);
  }

  /**
   * Whether this step reverses the columns (else the rows).
   *
   * @return true for the horizontal flip
   */
  public boolean isHorizontal() {
    return horizontal;
  }

  @Override
  public boolean active(TransformParameters p) {
    return horizontal ? p.flipHorizontal() : p.flipVertical();
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    if (horizontal) {
      Flip.horizontal(x, height, width, channels);
    } else {
      Flip.vertical(x, height, width, channels);
    }
    return x;
  }
}
