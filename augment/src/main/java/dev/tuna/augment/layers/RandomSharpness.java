package dev.tuna.augment.layers;

import dev.tuna.augment.DataFormat;

/**
 * {@code keras.layers.RandomSharpness(factor, value_range=(0, 255), seed)}: per image a factor {@code f} uniform in
 * the factor range; the image is smoothed with TF's {@code depthwise_conv2d} (the 3 × 3 kernel 1/13 with 5/13 in the
 * centre, zero padding) and each pixel becomes {@code x + (1 - 2f) · (smooth - x)}, clipped to the value range. A
 * single number {@code f} gives {@code [0, f]}. For channels_first, Keras convolves the image with height and width
 * swapped, and so does this layer (the rounding follows the kernel order). Draws in inference mode too, as Keras.
 * Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class RandomSharpness extends FactorLayer<float[]> {
  private static final float A = (float) (1.0 / 13.0);
  private static final float B = (float) (5.0 / 13.0);
  private static final float[] KERNEL = {A, A, A, A, B, A, A, A, A};

  private RandomSharpness(Builder b) {
    super(b, b.factor);
  }

  /**
   * A builder for {@code RandomSharpness(factor)}: factors in {@code [0, factor]}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomSharpness((lower, upper))}.
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
    return drawFactors(batch, gen);
  }

  @Override
  float[] transformImages(LayerBatch batch, float[] f) {
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    boolean swap = dataFormat == DataFormat.CHANNELS_FIRST;
    float[] in = swap ? DepthwiseConv.swapHw(batch.images(), n, h, w, c) : batch.images();
    float[] smooth = swap ? DepthwiseConv.same(in, n, w, h, c, KERNEL, 3, 3)
        : DepthwiseConv.same(in, n, h, w, c, KERNEL, 3, 3);
    float[] out = new float[in.length];
    int per = batch.imageLength();
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int s = 0; s < n; s++) {
      float k = 1.0f - f[s] * 2;
      for (int i = s * per; i < (s + 1) * per; i++) {
        out[i] = Math.min(Math.max(in[i] + k * (smooth[i] - in[i]), lo), hi);
      }
    }
    return swap ? DepthwiseConv.swapHw(out, n, w, h, c) : out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomSharpness does not take and values Keras rejects
   */
  public static RandomSharpness fromConfig(LayerConfig config) {
    return factorConfig(config, RandomSharpness::builder, RandomSharpness::builder);
  }

  /** Builder of {@link RandomSharpness}. */
  public static final class Builder extends ValueRangeBuilder<RandomSharpness, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      super(Bounds.SORTED);
      this.factor = factor;
    }

    @Override
    public RandomSharpness build() {
      return new RandomSharpness(this);
    }
  }
}
