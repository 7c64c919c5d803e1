package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * The options Keras' policy layers {@link RandAugment} and {@link AugMix} share, on top of
 * {@link ValueRangeBuilder}'s: {@code factor}, the strength of every operation they choose from, and
 * {@code interpolation}, how the geometric operations sample the images. Their {@code value_range} is kept in the
 * order given, must span a positive width, and is passed to the operations.
 *
 * @param <L> the layer
 * @param <B> the concrete builder
 */
public abstract class PolicyBuilder<L extends AugmentationLayer, B extends PolicyBuilder<L, B>>
    extends ValueRangeBuilder<L, B> {
  double[] factor;
  private boolean factorSet;
  final SetOnce<Interpolation> interpolation = new SetOnce<>("interpolation", Interpolation.BILINEAR);

  PolicyBuilder(double defaultFactor) {
    super(Bounds.AS_GIVEN_POSITIVE_WIDTH);
    this.factor = Factor.of("factor", defaultFactor, 0, 1);
  }

  /**
   * The strength of every operation, as Keras' {@code factor} (the default is the policy's, as its
   * {@code builder()} says): a number {@code f} gives {@code (0, f)}.
   *
   * @param factor in [0, 1]
   * @return this builder
   */
  public B factor(double factor) {
    requireUnset(factorSet, "factor", Python.pair(this.factor));
    this.factor = Factor.of("factor", factor, 0, 1);
    this.factorSet = true;
    return self();
  }

  /**
   * {@code factor=(lower, upper)}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return this builder
   */
  public B factor(double lower, double upper) {
    requireUnset(factorSet, "factor", Python.pair(this.factor));
    double[] f = Factor.of("factor", lower, upper, 0, 1);
    requireArgument(f[0] >= 0 && f[1] <= 1, "factor must lie in [0, 1] but was (%s, %s)", Python.repr(lower),
        Python.repr(upper));
    this.factor = f;
    this.factorSet = true;
    return self();
  }

  /**
   * How the geometric operations sample the images, as Keras' {@code interpolation} (default bilinear).
   *
   * @param interpolation the interpolation
   * @return this builder
   */
  public B interpolation(Interpolation interpolation) {
    this.interpolation.set(interpolation);
    return self();
  }
}
