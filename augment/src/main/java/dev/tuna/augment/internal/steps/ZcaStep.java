package dev.tuna.augment.internal.steps;

import dev.tuna.augment.internal.ops.Standardizer;
import java.util.function.Consumer;

/** Keras' {@code zca_whitening}: the flattened sample times the fitted whitening matrix. */
public final class ZcaStep extends FittedStep {
  /**
   * The step with the fitted matrix.
   *
   * @param matrix the {@code d × d} whitening matrix, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   */
  public ZcaStep(float[] matrix, Consumer<String> unfitted) {
    super(matrix, "zca_whitening", unfitted);
  }

  @Override
  float[] apply(float[] x, float[] matrix) {
    return Standardizer.zca(x, matrix);
  }
}
