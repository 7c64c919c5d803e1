package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import java.util.function.Consumer;

/**
 * A {@code standardize} step that needs a statistic from {@code fit}: without it the step leaves the sample as it
 * is and reports its Keras option name to {@code unfitted} (Keras warns and skips it).
 */
abstract class FittedStep implements SampleStep {
  private final float[] statistic;
  private final String option;
  private final Consumer<String> unfitted;

  FittedStep(float[] statistic, String option, Consumer<String> unfitted) {
    this.statistic = statistic;
    this.option = option;
    this.unfitted = unfitted;
  }

  @Override
  public final boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public final float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    if (statistic == null) {
      unfitted.accept(option);
      return x;
    }
    return apply(x, statistic);
  }

  /** Applies the step with its statistic (read only); returns {@code x} or a new array. */
  abstract float[] apply(float[] x, float[] statistic);
}
