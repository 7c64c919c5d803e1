package dev.tuna.augment.internal.steps;

import dev.tuna.augment.internal.ops.Standardizer;
import java.util.function.Consumer;

/** Keras' {@code featurewise_std_normalization}: divides by the fitted per-channel std plus 1e-6. */
public final class FeaturewiseStdStep extends FittedStep {
  /**
   * The step with the fitted std.
   *
   * @param std the per-channel std, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   */
  public FeaturewiseStdStep(float[] std, Consumer<String> unfitted) {
    super(std, "featurewise_std_normalization", unfitted);
  }

  @Override
  float[] apply(float[] x, float[] std) {
    Standardizer.featurewiseStd(x, std);
    return x;
  }
}
