package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Standardizer;
import java.util.function.Consumer;

/**
 * A {@code standardize} step with a statistic from {@code fit}: featurewise centre, featurewise std normalisation or
 * ZCA whitening. Without its statistic the step leaves the sample as it is and reports its Keras option name to
 * {@code unfitted} (Keras warns and skips it).
 */
public final class FittedStep implements SampleStep {
  /** The step's arithmetic with its statistic (read only); returns {@code x} or a new array. */
  private interface Op {
    float[] apply(float[] x, float[] statistic);
  }

  private final float[] statistic;
  private final String option;
  private final Consumer<String> unfitted;
  private final Op op;

  private FittedStep(float[] statistic, String option, Consumer<String> unfitted, Op op) {
    this.statistic = statistic;
    this.option = option;
    this.unfitted = unfitted;
    this.op = op;
  }

  /**
   * Keras' {@code featurewise_center}: subtracts the fitted per-channel mean.
   *
   * @param mean the per-channel mean, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   * @return the step
   */
  public static FittedStep featurewiseCenter(float[] mean, Consumer<String> unfitted) {
    return new FittedStep(mean, "featurewise_center", unfitted, (x, m) -> {
      Standardizer.featurewiseCenter(x, m);
      return x;
    });
  }

  /**
   * Keras' {@code featurewise_std_normalization}: divides by the fitted per-channel std plus 1e-6.
   *
   * @param std the per-channel std, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   * @return the step
   */
  public static FittedStep featurewiseStd(float[] std, Consumer<String> unfitted) {
    return new FittedStep(std, "featurewise_std_normalization", unfitted, (x, s) -> {
      Standardizer.featurewiseStd(x, s);
      return x;
    });
  }

  /**
   * Keras' {@code zca_whitening}: the flattened sample times the fitted whitening matrix.
   *
   * @param matrix the {@code d × d} whitening matrix, read only, or null before {@code fit}
   * @param unfitted told the option name when the step runs without its statistic
   * @return the step
   */
  public static FittedStep zca(float[] matrix, Consumer<String> unfitted) {
    return new FittedStep(matrix, "zca_whitening", unfitted, Standardizer::zca);
  }

  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    if (statistic == null) {
      unfitted.accept(option);
      return x;
    }
    return op.apply(x, statistic);
  }
}
