package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomBrightness(factor, value_range=(0, 255), seed)}: adds {@code delta × (high - low)} to
 * every pixel of an image, {@code delta} drawn per image uniformly from the factor range, then clips to the value
 * range. Note: additive, unlike {@code ImageDataGenerator}'s {@code brightness_range}, which multiplies (PIL).
 * Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class RandomBrightness extends FactorLayer<float[]> {
  private RandomBrightness(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomBrightness(factor)}: deltas in {@code [-|factor|, |factor|]}.
   *
   * @param factor in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, -1, 1));
  }

  /**
   * A builder for {@code RandomBrightness((lower, upper))}.
   *
   * @param lower one bound, in [-1, 1]
   * @param upper the other bound, in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, -1, 1));
  }

  @Override
  float[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    float[] delta = drawFactors(batch, gen);
    float span = (float) (valueRange.high() - valueRange.low());
    for (int i = 0; i < delta.length; i++) {
      delta[i] *= span;
    }
    return delta;
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] delta) {
    float[] in = batch.images();
    float[] out = new float[in.length];
    int per = batch.imageLength();
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int n = 0; n < batch.size(); n++) {
      float d = delta[n];
      for (int i = n * per; i < (n + 1) * per; i++) {
        out[i] = Math.min(Math.max(in[i] + d, lo), hi);
      }
    }
    return out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomBrightness does not take and values Keras rejects
   */
  public static RandomBrightness fromConfig(LayerConfig config) {
    return factorConfig(config, RandomBrightness::builder, RandomBrightness::builder);
  }

  /** Builder of {@link RandomBrightness}. */
  public static final class Builder extends ValueRangeBuilder<RandomBrightness, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.SORTED);
      this.factor = factor;
    }

    @Override
    public RandomBrightness build() {
      return new RandomBrightness(this);
    }
  }
}
