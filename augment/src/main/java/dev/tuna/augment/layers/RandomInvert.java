package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomInvert(factor=1.0, value_range=(0, 255), seed)}: per image a probability uniform in the
 * factor range and a uniform threshold in [0, 1); where the threshold is below the probability the image becomes
 * {@code value_range[1] - x} (Keras uses the second bound as given, without sorting). A single number {@code f}
 * gives {@code [0, f]}. Draws only in training mode. Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomInvert extends FactorLayer<boolean[]> {
  private RandomInvert(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder with Keras' default factor 1.0 (probabilities in [0, 1]).
   *
   * @return the builder
   */
  public static Builder builder() {
    return builder(1.0);
  }

  /**
   * A builder for {@code RandomInvert(factor)}: probabilities in {@code [0, factor]}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomInvert((lower, upper))}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  @Override
  boolean[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    return drawApply(batch, gen);
  }

  @Override
  float[] transformImages(LayerBatch batch, boolean[] apply) {
    float[] in = batch.images();
    float[] out = in.clone();
    int per = batch.imageLength();
    float hi = valueRange.highF();
    for (int s = 0; s < batch.size(); s++) {
      if (apply[s]) {
        for (int i = s * per; i < (s + 1) * per; i++) {
          out[i] = hi - in[i];
        }
      }
    }
    return out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomInvert does not take and values Keras rejects
   */
  public static RandomInvert fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor", "value_range"));
    double[] f = config.getFactor("factor");
    Builder b = f == null ? builder() : f.length == 1 ? builder(f[0]) : builder(f[0], f[1]);
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomInvert}. */
  public static final class Builder extends ValueRangeBuilder<RandomInvert, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    @Override
    public RandomInvert build() {
      return new RandomInvert(this);
    }
  }
}
