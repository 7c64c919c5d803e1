package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * {@code keras.layers.Solarization(addition_factor=0.0, threshold_factor=0.0, value_range=(0, 255), seed)}: per
 * image an addition uniform in {@code [a0, 255·a1]} and a threshold uniform in {@code [t0, 255·t1]} (Keras scales
 * only the upper bound); on the 0–255 scale each pixel becomes {@code r = clip(x + addition, 0, 255)}, then
 * {@code r} below the threshold and {@code 255 - r} from it on. A single number {@code f} gives {@code [0, f]}.
 * With both factors 0 every pixel is inverted. Draws only in training mode. Labels, masks and boxes pass through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class Solarization extends BaseLayer<Solarization.Drawn> {
  static final String FACTOR_ERROR = "The `addition_factor` and `threshold_factor` arguments should be a number (or "
      + "a list of two numbers) in the range [0, 1]. ";
  private final double[] additionFactor;
  private final double[] thresholdFactor;
  private final ValueRange valueRange;

  private Solarization(Builder b) {
    super(b);
    this.additionFactor = b.additionFactor;
    this.thresholdFactor = b.thresholdFactor;
    this.valueRange = b.valueRange;
  }

  /**
   * A builder with Keras' defaults: both factors 0, value range (0, 255).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The drawn per-image additions and thresholds (0–255 scale). */
  record Drawn(float[] additions, float[] thresholds) {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] add = KerasRandom.uniform(n, (float) additionFactor[0], (float) (additionFactor[1] * 255), gen);
    float[] thr = KerasRandom.uniform(n, (float) thresholdFactor[0], (float) (thresholdFactor[1] * 255), gen);
    return new Drawn(add, thr);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn t) {
    float[] in = batch.images();
    float[] out = new float[in.length];
    int per = batch.imageLength();
    for (int s = 0; s < batch.size(); s++) {
      float add = t.additions()[s];
      float thr = t.thresholds()[s];
      for (int i = s * per; i < (s + 1) * per; i++) {
        float r = Math.min(Math.max(valueRange.to255(in[i]) + add, 0f), 255f);
        out[i] = valueRange.from255(r < thr ? r : 255f - r);
      }
    }
    return out;
  }

  static double[] factor(double f) {
    check(f);
    return new double[] {0, f};
  }

  static double[] factor(double a, double b) {
    check(a);
    check(b);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }

  private static void check(double f) {
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException(FACTOR_ERROR + "Received: input_number=" + Python.repr(f));
    }
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys Solarization does not take and values Keras rejects
   */
  public static Solarization fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("addition_factor", "threshold_factor", "value_range"));
    Builder b = builder();
    config.applyFactor("addition_factor", b::additionFactor, b::additionFactor);
    config.applyFactor("threshold_factor", b::thresholdFactor, b::thresholdFactor);
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link Solarization}. */
  public static final class Builder extends ValueRangeBuilder<Solarization, Builder> {
    private double[] additionFactor = {0, 0};
    private boolean additionSet;
    private double[] thresholdFactor = {0, 0};
    private boolean thresholdSet;

    private Builder() {
      super(Bounds.SORTED);
    }

    /**
     * {@code addition_factor=f}: additions in {@code [0, 255·f]}.
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder additionFactor(double factor) {
      requireUnset(additionSet, "additionFactor", Python.pair(additionFactor));
      additionFactor = factor(factor);
      additionSet = true;
      return this;
    }

    /**
     * {@code addition_factor=(lower, upper)}: additions in {@code [lower, 255·upper]} (sorted).
     *
     * @param lower one bound, in [0, 1]
     * @param upper the other bound, in [0, 1]
     * @return this builder
     */
    public Builder additionFactor(double lower, double upper) {
      requireUnset(additionSet, "additionFactor", Python.pair(additionFactor));
      additionFactor = factor(lower, upper);
      additionSet = true;
      return this;
    }

    /**
     * {@code threshold_factor=f}: thresholds in {@code [0, 255·f]}.
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder thresholdFactor(double factor) {
      requireUnset(thresholdSet, "thresholdFactor", Python.pair(thresholdFactor));
      thresholdFactor = factor(factor);
      thresholdSet = true;
      return this;
    }

    /**
     * {@code threshold_factor=(lower, upper)}: thresholds in {@code [lower, 255·upper]} (sorted).
     *
     * @param lower one bound, in [0, 1]
     * @param upper the other bound, in [0, 1]
     * @return this builder
     */
    public Builder thresholdFactor(double lower, double upper) {
      requireUnset(thresholdSet, "thresholdFactor", Python.pair(thresholdFactor));
      thresholdFactor = factor(lower, upper);
      thresholdSet = true;
      return this;
    }

    @Override
    public Solarization build() {
      return new Solarization(this);
    }
  }
}
