package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.DataFormat;
import java.util.Arrays;

/**
 * {@code keras.layers.RandomErasing(factor=1.0, scale=(0.02, 0.33), fill_value=None, value_range=(0, 255), seed)}
 * (Cutout): per image a rectangle whose sides are {@code sqrt(s) × side}, {@code s} uniform in {@code scale}, is
 * filled when {@code uniform() < p}, {@code p} uniform in the factor range; the fill is Gaussian noise
 * {@code N(0, 1) × high} (Keras' default) or a constant (one value or one per channel), clipped to the value range.
 * Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomErasing extends FactorLayer<RandomErasing.Erase> {
  private final double[] scale;
  private final float[] fillValue;

  private RandomErasing(Builder b) {
    super(b, b.factor);
    this.scale = b.scale;
    this.fillValue = b.fillValue;
  }

  /**
   * A builder with Keras' defaults ({@code factor=1.0}: the erase probability uniform in [0, 1]).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(Factor.of("factor", 1.0, 0, 1));
  }

  /**
   * A builder for {@code RandomErasing(factor)}.
   *
   * @param factor the upper bound of the erase probability, in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomErasing((lower, upper))}.
   *
   * @param lower one bound of the erase probability
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  record Erase(CropBoxes boxes, boolean[] apply, float[] fill) {}

  @Override
  Erase randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] mix = KerasRandom.uniform(2 * n, (float) scale[0], (float) scale[1], gen);
    float[] rx = new float[n];
    float[] ry = new float[n];
    for (int i = 0; i < n; i++) {
      rx[i] = (float) Math.sqrt(mix[2 * i]);
      ry[i] = (float) Math.sqrt(mix[2 * i + 1]);
    }
    CropBoxes boxes = CropBoxes.draw(n, batch.height(), batch.width(), rx, ry, gen);
    return new Erase(boxes, drawApply(batch, gen), fill(batch, gen));
  }

  private float[] fill(LayerBatch batch, SeedGenerator gen) {
    int total = batch.images().length;
    float[] fill;
    if (fillValue == null) {
      fill = KerasRandom.normal(total, 0f, 1f, gen);
      if (dataFormat == DataFormat.CHANNELS_FIRST) {
        fill = LayerBatch.transpose(fill, batch.channels(), batch.height() * batch.width());
      }
      float high = valueRange.highF();
      for (int i = 0; i < total; i++) {
        fill[i] *= high;
      }
    } else if (fillValue.length == 1) {
      fill = new float[total];
      Arrays.fill(fill, fillValue[0]);
    } else {
      requireArgument(batch.channels() == 3 && dataFormat == DataFormat.CHANNELS_LAST,
          "fillValue with 3 values needs channels_last images with 3 channels");
      fill = new float[total];
      for (int i = 0; i < total; i++) {
        fill[i] = fillValue[i % 3];
      }
    }
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int i = 0; i < total; i++) {
      fill[i] = Math.min(Math.max(fill[i], lo), hi);
    }
    return fill;
  }

  @Override
  float[] transformImages(LayerBatch batch, Erase e) {
    float[] out = batch.images().clone();
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    for (int n = 0; n < batch.size(); n++) {
      if (!e.apply()[n]) {
        continue;
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (e.boxes().inside(n, y, x)) {
            int p = ((n * h + y) * w + x) * c;
            System.arraycopy(e.fill(), p, out, p, c);
          }
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
   * @throws IllegalArgumentException for keys RandomErasing does not take and values Keras rejects
   */
  public static RandomErasing fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor", "scale", "fill_value", "value_range"));
    double[] f = config.getFactor("factor");
    Builder b = f == null ? builder() : f.length == 1 ? builder(f[0]) : builder(f[0], f[1]);
    double[] scale = config.getFactor("scale");
    if (scale != null) {
      if (scale.length == 1) {
        double[] s = Factor.of("scale", scale[0], 0, 1);
        b.scale(s[0], s[1]);
      } else {
        b.scale(scale[0], scale[1]);
      }
    }
    double[] fill = config.getNumberOrList("fill_value");
    if (fill != null) {
      b.fillValue(fill);
    }
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomErasing}. */
  public static final class Builder extends ValueRangeBuilder<RandomErasing, Builder> {
    private final double[] factor;
    private double[] scale = {0.02, 0.33};
    private boolean scaleSet;
    private float[] fillValue;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    /**
     * The range of the erased area's side fractions squared, as Keras' {@code scale} (default (0.02, 0.33)).
     *
     * @param lower one bound, in [0, 1]
     * @param upper the other bound, in [0, 1]
     * @return this builder
     */
    public Builder scale(double lower, double upper) {
      requireUnset(scaleSet, "scale", Arrays.toString(scale));
      this.scale = Factor.of("scale", lower, upper, 0, 1);
      this.scaleSet = true;
      return this;
    }

    /**
     * A constant fill instead of Gaussian noise: one value, or three (one per channel), as Keras'
     * {@code fill_value}.
     *
     * @param values one or three values
     * @return this builder
     */
    public Builder fillValue(double... values) {
      requireNonNull("fillValue", values);
      requireUnset(fillValue != null, "fillValue", Arrays.toString(fillValue));
      if (values.length != 1 && values.length != 3) {
        throw new IllegalArgumentException("The `fill_value` argument should be a number (or a list of three "
            + "numbers) ");
      }
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      this.fillValue = f;
      return this;
    }

    @Override
    public RandomErasing build() {
      return new RandomErasing(this);
    }
  }
}
