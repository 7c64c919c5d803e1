package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireUnset;

import java.util.Arrays;

/**
 * {@code keras.layers.RandomColorJitter(value_range=(0, 255), brightness_factor, contrast_factor,
 * saturation_factor, hue_factor, seed)}: {@link RandomBrightness}, {@link RandomContrast}, {@link RandomSaturation}
 * and {@link RandomHue} in that order, for the factors given, all drawing from this layer's one seed stream (as
 * Keras). Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are passed on in the order given, and each single layer keeps them as it
 * keeps its own.
 */
public final class RandomColorJitter extends BaseLayer<Void> {
  private final RandomBrightness brightness;
  private final RandomContrast contrast;
  private final RandomSaturation saturation;
  private final RandomHue hue;

  private RandomColorJitter(Builder b) {
    super(b);
    double lo = b.valueRange.low();
    double hi = b.valueRange.high();
    this.brightness = b.brightness == null ? null : seeded(b.brightness.length == 1
        ? RandomBrightness.builder(b.brightness[0]) : RandomBrightness.builder(b.brightness[0], b.brightness[1]))
        .valueRange(lo, hi).build();
    this.contrast = b.contrast == null ? null : seeded(b.contrast.length == 1
        ? RandomContrast.builder(b.contrast[0]) : RandomContrast.builder(b.contrast[0], b.contrast[1]))
        .valueRange(lo, hi).build();
    this.saturation = b.saturation == null ? null : seeded(b.saturation.length == 1
        ? RandomSaturation.builder(b.saturation[0]) : RandomSaturation.builder(b.saturation[0], b.saturation[1]))
        .valueRange(lo, hi).build();
    this.hue = b.hue == null ? null : seeded(b.hue.length == 1
        ? RandomHue.builder(b.hue[0]) : RandomHue.builder(b.hue[0], b.hue[1])).valueRange(lo, hi).build();
  }

  private <B extends LayerBuilder<?, B>> B seeded(B builder) {
    return builder.seed(seed);
  }

  /**
   * A builder without any jitter; set the factors wanted.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Keras draws a default seed for itself and for each inner layer it builds (one per factor given). */
  static int seedDraws(LayerConfig config) {
    int draws = 1;
    for (String key : new String[] {"brightness_factor", "contrast_factor", "saturation_factor", "hue_factor"}) {
      if (config.has(key)) {
        draws++;
      }
    }
    return draws;
  }

  @Override
  Void randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    return null;
  }

  @Override
  float[] transformImages(LayerBatch batch, Void unused) {
    LayerBatch b = batch;
    b = step(brightness, b);
    b = step(contrast, b);
    b = step(saturation, b);
    b = step(hue, b);
    return b.images();
  }

  private <T> LayerBatch step(BaseLayer<T> layer, LayerBatch b) {
    if (layer == null) {
      return b;
    }
    T t = layer.randomTransformation(b, true, generator);
    return b.withImages(layer.transformImages(b, t), b.channels());
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomColorJitter does not take and values Keras rejects
   */
  public static RandomColorJitter fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("value_range", "brightness_factor", "contrast_factor", "saturation_factor",
        "hue_factor"));
    Builder b = config.applyValueRange(builder());
    double[] f = config.getFactor("brightness_factor");
    if (f != null) {
      b.brightnessFactor(f);
    }
    f = config.getFactor("contrast_factor");
    if (f != null) {
      b.contrastFactor(f);
    }
    f = config.getFactor("saturation_factor");
    if (f != null) {
      b.saturationFactor(f);
    }
    f = config.getFactor("hue_factor");
    if (f != null) {
      b.hueFactor(f);
    }
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomColorJitter}; the factors take what the single layers take. */
  public static final class Builder extends ValueRangeBuilder<RandomColorJitter, Builder> {
    private double[] brightness;
    private double[] contrast;
    private double[] saturation;
    private double[] hue;

    private Builder() {
      super(Bounds.AS_GIVEN);
    }

    /**
     * {@code brightness_factor}: one number or two, as {@link RandomBrightness#builder(double)}.
     *
     * @param factor one or two values in [-1, 1]
     * @return this builder
     */
    public Builder brightnessFactor(double... factor) {
      requireUnset(brightness != null, "brightnessFactor", Arrays.toString(brightness));
      brightness = check(factor, "brightnessFactor");
      probe(() -> factor.length == 1 ? RandomBrightness.builder(factor[0])
          : RandomBrightness.builder(factor[0], factor[1]));
      return this;
    }

    /**
     * {@code contrast_factor}: one number or two, as {@link RandomContrast#builder(double)}.
     *
     * @param factor one or two values in [0, 1]
     * @return this builder
     */
    public Builder contrastFactor(double... factor) {
      requireUnset(contrast != null, "contrastFactor", Arrays.toString(contrast));
      contrast = check(factor, "contrastFactor");
      probe(() -> factor.length == 1 ? RandomContrast.builder(factor[0])
          : RandomContrast.builder(factor[0], factor[1]));
      return this;
    }

    /**
     * {@code saturation_factor}: one number or two, as {@link RandomSaturation#builder(double)}.
     *
     * @param factor one or two values in [-1, 1]
     * @return this builder
     */
    public Builder saturationFactor(double... factor) {
      requireUnset(saturation != null, "saturationFactor", Arrays.toString(saturation));
      saturation = check(factor, "saturationFactor");
      probe(() -> factor.length == 1 ? RandomSaturation.builder(factor[0])
          : RandomSaturation.builder(factor[0], factor[1]));
      return this;
    }

    /**
     * {@code hue_factor}: one number or two, as {@link RandomHue#builder(double)}.
     *
     * @param factor one or two values in [0, 1]
     * @return this builder
     */
    public Builder hueFactor(double... factor) {
      requireUnset(hue != null, "hueFactor", Arrays.toString(hue));
      hue = check(factor, "hueFactor");
      probe(() -> factor.length == 1 ? RandomHue.builder(factor[0]) : RandomHue.builder(factor[0], factor[1]));
      return this;
    }

    private static double[] check(double[] factor, String option) {
      dev.tuna.core.internal.Preconditions.requireNonNull(option, factor);
      if (factor.length != 1 && factor.length != 2) {
        throw new IllegalArgumentException(option + " must be one or two numbers but was "
            + Arrays.toString(factor));
      }
      return factor.clone();
    }

    /** Runs the single layer's own checks now (Keras builds the sub-layers in the constructor). */
    private static void probe(java.util.function.Supplier<?> builder) {
      builder.get();
    }

    @Override
    public RandomColorJitter build() {
      if (dataFormat != dev.tuna.augment.DataFormat.CHANNELS_LAST) {
        throw new IllegalArgumentException("RandomColorJitter takes channels_last images only: Keras 3.15.1 builds "
            + "its brightness, contrast, saturation and hue layers channels_last");
      }
      return new RandomColorJitter(this);
    }
  }
}
