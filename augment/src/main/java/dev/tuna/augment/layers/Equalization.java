package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * {@code keras.layers.Equalization(value_range=(0, 255), bins=256)}: histogram equalisation per channel, with one
 * histogram per channel over the whole batch (Keras flattens the batch): on the 0–255 scale, {@code bins} bins of
 * {@code (int) (x · (bins - 1) / 255)}, the cumulative counts give the lookup table
 * {@code rint((cdf - cdf_min) · 255 / (cdf_last - cdf_min))}, and pixel {@code x} takes entry
 * {@code (int) clip(x / 255 · (bins - 1), 0, bins - 1)}. A channel with at most one non-empty bin is left as it is
 * (up to the value-range round trip). Not random; identity in inference mode. Labels, masks and boxes pass through.
 * NaN pixels in a channel that gets a lookup table are rejected, as Keras fails on them.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them, and must differ.
 */
public final class Equalization extends BaseLayer<Void> {
  private final ValueRange valueRange;
  private final int bins;

  private Equalization(Builder b) {
    super(b);
    this.valueRange = b.valueRange;
    this.bins = b.bins;
  }

  /**
   * A builder with Keras' defaults: value range (0, 255), 256 bins.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Keras' Equalization has no seed generator: building it draws no default seed. */
  static int seedDraws(LayerConfig config) {
    return 0;
  }

  @Override
  Void randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    return null;
  }

  @Override
  float[] transformImages(LayerBatch batch, Void unused) {
    float[] in = batch.images();
    int c = batch.channels();
    int count = in.length / c;
    double lo = valueRange.low();
    double hi = valueRange.high();
    // Keras' _scale_values with Python floats: float32 on the way in; float64 (the lookup table's dtype) out
    double scaleIn = (255 - 0) / (hi - lo);
    float scaleInF = (float) scaleIn;
    float offsetInF = (float) (0 - lo * scaleIn);
    double scaleOut = (hi - lo) / (255 - 0);
    double offsetOut = lo - 0 * scaleOut;
    float[] out = new float[in.length];
    float[] ch = new float[count];
    for (int k = 0; k < c; k++) {
      int[] hist = new int[bins];
      for (int i = 0; i < count; i++) {
        float v = in[i * c + k] * scaleInF + offsetInF;
        ch[i] = v;
        int idx = Math.min(Math.max(toInt32((v - 0f) * (float) (bins - 1) / (255f - 0f)), 0), bins - 1);
        hist[idx]++;
      }
      int nonzero = 0;
      for (int b : hist) {
        nonzero += b != 0 ? 1 : 0;
      }
      double[] lut = nonzero <= 1 ? null : lookupTable(hist);
      for (int i = 0; i < count; i++) {
        double eq;
        if (lut == null) {
          eq = ch[i];
        } else {
          float scaled = ch[i] / 255.0f * (float) (bins - 1);
          if (Float.isNaN(scaled)) {
            throw new IllegalArgumentException("Equalization cannot take NaN pixels: Keras' lookup fails on them "
                + "(TF: gather index out of range)");
          }
          eq = lut[toInt32(Math.min(Math.max(scaled, 0f), (float) (bins - 1)))];
        }
        out[i * c + k] = (float) (eq * scaleOut + offsetOut);
      }
    }
    return out;
  }

  private double[] lookupTable(int[] hist) {
    int[] cdf = new int[bins];
    int sum = 0;
    for (int i = 0; i < bins; i++) {
      sum += hist[i];
      cdf[i] = sum;
    }
    int cdfMin = 0;
    for (int v : cdf) {
      if (v != 0) {
        cdfMin = v;
        break;
      }
    }
    int denominator = cdf[bins - 1] - cdfMin;
    if (denominator == 0) {
      denominator = 1;
    }
    double[] lut = new double[bins];
    for (int i = 0; i < bins; i++) {
      lut[i] = Math.min(Math.max(Math.rint((double) ((cdf[i] - cdfMin) * 255) / denominator), 0), 255);
    }
    return lut;
  }

  /** TF's float to int32 cast: truncation; NaN and values out of range give {@code INT32_MIN} (x86). */
  static int toInt32(float v) {
    if (Float.isNaN(v) || v >= 0x1p31f || v < -0x1p31f) {
      return Integer.MIN_VALUE;
    }
    return (int) v;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys Equalization does not take and values Keras rejects
   */
  public static Equalization fromConfig(LayerConfig config) {
    config.checkKeys("value_range", "bins", "data_format", "bounding_box_format");
    Builder b = builder();
    config.applyValueRange(b);
    if (config.has("bins")) {
      b.bins(config.getInt("bins", 256));
    }
    return config.applyCommon(b).build();
  }

  /** Builder of {@link Equalization}; Keras' layer has no seed, so the one set here is unused. */
  public static final class Builder extends ValueRangeBuilder<Equalization, Builder> {
    private int bins = 256;
    private boolean binsSet;

    private Builder() {
      super(Bounds.SORTED_POSITIVE_WIDTH);
    }

    /**
     * The number of histogram bins, as Keras' {@code bins} (default 256).
     *
     * @param bins at least 1
     * @return this builder
     */
    public Builder bins(int bins) {
      requireUnset(binsSet, "bins", this.bins);
      requireArgument(bins >= 1, "bins must be at least 1 but was %d", bins);
      this.bins = bins;
      this.binsSet = true;
      return this;
    }

    @Override
    public Equalization build() {
      return new Equalization(this);
    }
  }
}
