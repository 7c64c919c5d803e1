package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomColorDegeneration(factor, value_range=(0, 255), seed)}: per image a factor {@code f}
 * uniform in the factor range; each pixel becomes {@code x + f · (grey - x)} with {@code grey = 0.2989 R + 0.5870 G
 * + 0.1140 B}, clipped to the value range. A single number {@code f} gives {@code [-|f|, |f|]}. Draws in inference
 * mode too, as Keras. Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class RandomColorDegeneration extends FactorLayer<float[]> {
  private RandomColorDegeneration(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomColorDegeneration(factor)}: factors in {@code [-|factor|, |factor|]}.
   *
   * @param factor in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, -1, 1));
  }

  /**
   * A builder for {@code RandomColorDegeneration((lower, upper))}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, -1, 1));
  }

  @Override
  float[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    return drawFactors(batch, gen);
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] f) {
    float[] in = batch.images();
    int c = batch.channels();
    if (c != 1 && c != 3) {
      throw new IllegalArgumentException("Input images must have 3 channels, but received images with " + c
          + " channels.");
    }
    float[] out = new float[in.length];
    int per = batch.imageLength();
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int s = 0; s < batch.size(); s++) {
      float k = f[s];
      for (int p = s * per; p < (s + 1) * per; p += c) {
        float grey = c == 3 ? RandomGrayscale.gray(in[p], in[p + 1], in[p + 2]) : in[p];
        for (int j = p; j < p + c; j++) {
          out[j] = Math.min(Math.max(in[j] + k * (grey - in[j]), lo), hi);
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
   * @throws IllegalArgumentException for keys RandomColorDegeneration does not take and values Keras rejects
   */
  public static RandomColorDegeneration fromConfig(LayerConfig config) {
    return factorConfig(config, RandomColorDegeneration::builder, RandomColorDegeneration::builder);
  }

  /** Builder of {@link RandomColorDegeneration}. */
  public static final class Builder extends ValueRangeBuilder<RandomColorDegeneration, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.SORTED);
      this.factor = factor;
    }

    @Override
    public RandomColorDegeneration build() {
      return new RandomColorDegeneration(this);
    }
  }
}
