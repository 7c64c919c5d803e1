package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomSaturation(factor, value_range=(0, 255), seed)}: per image {@code f} uniform in the
 * factor range, the HSV saturation is multiplied by {@code f / (1 - f + 1e-7)} and clipped to the value range.
 * As Keras 3.15.1: the HSV conversion runs on the raw pixel values (not rescaled to [0, 1]) and the result is not
 * clipped. Draws even in inference mode. Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class RandomSaturation extends FactorLayer<float[]> {
  private RandomSaturation(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomSaturation(factor)}.
   *
   * @param factor in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, -1, 1));
  }

  /**
   * A builder for {@code RandomSaturation((lower, upper))}.
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
    float[] f = drawFactors(batch, gen);
    float eps = (float) 1e-7;
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i] / (1f - f[i] + eps);
    }
    return f;
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] f) {
    Hsv.requireRgb(batch, className());
    float[] in = batch.images();
    float[] out = new float[in.length];
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    float[] hsv = new float[3];
    int per = batch.imageLength();
    for (int n = 0; n < batch.size(); n++) {
      for (int p = n * per; p < (n + 1) * per; p += 3) {
        Hsv.toHsv(in, p, hsv);
        float s = Math.min(Math.max(hsv[1] * f[n], lo), hi);
        Hsv.toRgb(hsv[0], s, hsv[2], out, p);
      }
    }
    return out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomSaturation does not take and values Keras rejects
   */
  public static RandomSaturation fromConfig(LayerConfig config) {
    return factorConfig(config, RandomSaturation::builder, RandomSaturation::builder);
  }

  /** Builder of {@link RandomSaturation}. */
  public static final class Builder extends ValueRangeBuilder<RandomSaturation, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.SORTED);
      this.factor = factor;
    }

    @Override
    public RandomSaturation build() {
      return new RandomSaturation(this);
    }
  }
}
