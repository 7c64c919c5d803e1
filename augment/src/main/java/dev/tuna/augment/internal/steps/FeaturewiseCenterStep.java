package dev.tuna.augment.internal.steps;

import dev.tuna.augment.internal.ops.Standardizer;
import java.util.function.Consumer;

/** Keras' {@code featurewise_center}: subtracts the fitted per-channel mean. */
public final class FeaturewiseCenterStep extends FittedStep {
  /**
   * The step with the fitted mean.
   *
   * @param mean the per-channel mean, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   */
  public FeaturewiseCenterStep(float[] mean, Consumer<String> unfitted) {
    super(mean, "featurewise_center", unfitted);
  }

  @Override
  float[] apply(float[] x, float[] mean) {
    Standardizer.featurewiseCenter(x, mean);
    return x;
  }
}
