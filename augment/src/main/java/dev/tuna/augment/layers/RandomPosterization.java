package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomPosterization(factor, value_range=(0, 255), seed)}: per image a number of bits
 * {@code b} drawn as an integer in {@code [lower, upper)} (Keras' {@code randint}: the upper bound is never drawn;
 * a single number {@code f} gives {@code [1, f)}, and with equal bounds nothing is drawn and every image keeps
 * {@code lower} bits); on the 0–255 scale each pixel is cast to uint8 (truncated) and its low {@code 8 - b} bits are
 * cleared. Draws in inference mode too, as Keras. Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class RandomPosterization extends BaseLayer<int[]> {
  private final int[] factor;
  private final ValueRange valueRange;

  private RandomPosterization(Builder b) {
    super(b);
    this.factor = b.factor;
    this.valueRange = b.valueRange;
  }

  /**
   * A builder for {@code RandomPosterization(factor)}: bits in {@code [1, factor)}, or 1 for {@code factor == 1}.
   *
   * @param factor the bits to keep, in [1, 8]
   * @return the builder
   */
  public static Builder builder(int factor) {
    double[] f = Factor.of("factor", factor, 1, 8);
    return new Builder(new int[] {(int) f[0], (int) f[1]});
  }

  /**
   * A builder for {@code RandomPosterization((lower, upper))}: bits in {@code [lower, upper)}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(int lower, int upper) {
    double[] f = Factor.of("factor", lower, upper, 1, 8);
    return new Builder(new int[] {(int) f[0], (int) f[1]});
  }

  @Override
  int[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    int n = batch.size();
    int[] shift = new int[n];
    if (factor[0] != factor[1]) {
      long[] bits = KerasRandom.randintLong(n, factor[0], factor[1], gen);
      for (int i = 0; i < n; i++) {
        shift[i] = 8 - (int) bits[i];
      }
    } else {
      java.util.Arrays.fill(shift, 8 - factor[0]);
    }
    return shift;
  }

  @Override
  float[] transformImages(LayerBatch batch, int[] shift) {
    float[] in = batch.images();
    float[] out = new float[in.length];
    int per = batch.imageLength();
    for (int s = 0; s < batch.size(); s++) {
      int k = shift[s];
      for (int i = s * per; i < (s + 1) * per; i++) {
        int u = toUint8(valueRange.to255(in[i]));
        out[i] = valueRange.from255((float) (((u >> k) << k) & 0xFF));
      }
    }
    return out;
  }

  /** TF's float to uint8 cast: truncation toward zero, the low byte of the int32 conversion. */
  static int toUint8(float v) {
    return (int) v & 0xFF;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomPosterization does not take and values Keras rejects
   */
  public static RandomPosterization fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor", "value_range"));
    double[] f = config.requireFactor("factor");
    for (double v : f) {
      if (v != Math.rint(v)) {
        throw config.invalid("factor", "an integer number of bits (or a list of two)");
      }
    }
    Builder b = f.length == 1 ? builder((int) f[0]) : builder((int) f[0], (int) f[1]);
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomPosterization}. */
  public static final class Builder extends ValueRangeBuilder<RandomPosterization, Builder> {
    private final int[] factor;

    private Builder(int[] factor) {
      super(Bounds.SORTED);
      this.factor = factor;
    }

    @Override
    public RandomPosterization build() {
      return new RandomPosterization(this);
    }
  }
}
