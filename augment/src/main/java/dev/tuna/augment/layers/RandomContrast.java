package dev.tuna.augment.layers;

import dev.tuna.augment.DataFormat;

/**
 * {@code keras.layers.RandomContrast(factor, value_range=(0, 255), seed)}: per image a contrast factor {@code c}
 * uniform in {@code [1 - lower, 1 + upper]}; each channel becomes {@code (x - mean) × c + mean} with the channel's
 * mean over the image, clipped to the value range. A single number {@code f} gives {@code [1, 1 + f]} (Keras
 * bounds the factor at 0). Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomContrast extends FactorLayer<float[]> {
  private RandomContrast(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomContrast(factor)}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomContrast((lower, upper))}: contrast factors in {@code [1 - lower, 1 + upper]}.
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
    if (!training) {
      return null;
    }
    return KerasRandom.uniform(batch.size(), (float) (1.0 - factor[0]), (float) (1.0 + factor[1]), gen);
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] c) {
    return adjust(batch, c, valueRange, dataFormat);
  }

  /**
   * Keras' {@code _adjust_contrast} and the clip to the value range, on NHWC pixels; the channel means are taken
   * as TF takes them for the layer's data format (over the height, then the width).
   */
  static float[] adjust(LayerBatch batch, float[] c, ValueRange valueRange, DataFormat format) {
    float[] in = batch.images();
    float[] out = new float[in.length];
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    int ch = batch.channels();
    int per = batch.imageLength();
    float[] mean; // (n, ch)
    if (format == DataFormat.CHANNELS_LAST) {
      float[] overH = TfMean.middle((a, y, i) -> in[a * per + y * w * ch + i], n, h, w * ch);
      mean = TfMean.middle((a, x, k) -> overH[(a * w + x) * ch + k], n, w, ch);
    } else {
      float[] overH = TfMean.middle((a, y, x) -> in[(a / ch) * per + (y * w + x) * ch + a % ch], n * ch, h, w);
      mean = TfMean.inner(overH, n * ch, w);
    }
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int s = 0; s < n; s++) {
      float f = c[s];
      for (int k = 0; k < ch; k++) {
        float m = mean[s * ch + k];
        for (int p = s * per + k; p < (s + 1) * per; p += ch) {
          float v = (in[p] - m) * f + m;
          out[p] = Math.min(Math.max(v, lo), hi);
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
   * @throws IllegalArgumentException for keys RandomContrast does not take and values Keras rejects
   */
  public static RandomContrast fromConfig(LayerConfig config) {
    return factorConfig(config, RandomContrast::builder, RandomContrast::builder);
  }

  /** Builder of {@link RandomContrast}. */
  public static final class Builder extends ValueRangeBuilder<RandomContrast, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    @Override
    public RandomContrast build() {
      return new RandomContrast(this);
    }
  }
}
