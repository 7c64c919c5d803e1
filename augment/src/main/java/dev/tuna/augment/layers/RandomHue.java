package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomHue(factor, value_range=(0, 255), seed)}: per image the hue (TF's HSV, in [0, 1]) is
 * shifted by {@code ±f / 2}, {@code f} uniform in the factor range and the sign from a second uniform draw;
 * the result is clipped to the value range. Draws even in inference mode, as Keras. Labels, masks and boxes pass
 * through.
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomHue extends FactorLayer<float[]> {
  private RandomHue(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomHue(factor)}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomHue((lower, upper))}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  @Override
  float[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    int n = batch.size();
    float[] invert = KerasRandom.uniform(n, 0f, 1f, gen);
    float[] f = drawFactors(batch, gen);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (invert[i] > 0.5f ? -1f : 1f) * f[i] * 0.5f;
    }
    return out;
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] shift) {
    Hsv.requireRgb(batch, className());
    float[] in = batch.images();
    float[] out = new float[in.length];
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    boolean rescale = !(valueRange.low() == 0 && valueRange.high() == 1);
    float span = hi - lo;
    float[] x = new float[3];
    float[] hsv = new float[3];
    int per = batch.imageLength();
    for (int n = 0; n < batch.size(); n++) {
      for (int p = n * per; p < (n + 1) * per; p += 3) {
        for (int k = 0; k < 3; k++) {
          float v = in[p + k];
          if (rescale) {
            v = (v - lo) / span;
            v = v * 1f + 0f;
          }
          x[k] = v;
        }
        Hsv.toHsv(x, 0, hsv);
        float h = hsv[0] + shift[n];
        h = h > 1f ? h - 1f : h;
        h = h < 0f ? h + 1f : h;
        Hsv.toRgb(h, hsv[1], hsv[2], x, 0);
        for (int k = 0; k < 3; k++) {
          float v = Math.min(Math.max(x[k], 0f), 1f);
          if (rescale) {
            v = (v - 0f) / 1f;
            v = v * span + lo;
          }
          out[p + k] = v;
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
   * @throws IllegalArgumentException for keys RandomHue does not take and values Keras rejects
   */
  public static RandomHue fromConfig(LayerConfig config) {
    return factorConfig(config, RandomHue::builder, RandomHue::builder);
  }

  /** Builder of {@link RandomHue}. */
  public static final class Builder extends ValueRangeBuilder<RandomHue, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    @Override
    public RandomHue build() {
      return new RandomHue(this);
    }
  }
}
