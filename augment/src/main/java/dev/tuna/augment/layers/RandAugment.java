package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code keras.layers.RandAugment(value_range=(0, 255), num_ops=2, factor=0.5, interpolation="bilinear", seed)}:
 * per call {@code num_ops} operation indices drawn with {@code randint(0, 11)} for the whole batch (Keras draws one
 * choice per call, not per image), then one transformation for each of the 11 operations (RandomShear,
 * RandomTranslation, RandomRotation, RandomBrightness, RandomColorDegeneration, RandomContrast, RandomSharpness,
 * RandomPosterization, Solarization, AutoContrast, Equalization, in that order), all from this layer's seed stream;
 * the chosen operations are applied in turn (an operation chosen twice applies the same transformation twice). The
 * operations are built from {@code factor} as Keras builds them (the pair {@code (f0, f1)} for every factor,
 * posterization with {@code max(1, (int) (8 f1))} bits, default fill mode reflect). Masks follow the chosen
 * geometric operations (nearest); boxes go through the chosen operations in the list's order, each once, as
 * Keras' {@code transform_bounding_boxes} does. Draws only in training mode. Labels pass through.
 */
public final class RandAugment extends BaseLayer<RandAugment.Drawn> {
  private final int numOps;
  private final List<BaseLayer<?>> ops;

  private RandAugment(Builder b) {
    super(b);
    this.numOps = b.numOps;
    this.ops = new ArrayList<>(PolicyOps.build(new PolicyOps.Options(b.factor, b.valueRange, b.interpolation, seed,
        dataFormat, boundingBoxFormat)).values());
  }

  /**
   * A builder with Keras' defaults: value range (0, 255), 2 operations, factor 0.5, bilinear.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The drawn operation indices and one transformation per operation. */
  record Drawn(int[] indices, Object[] transforms) {}

  /** Keras draws a default seed for the policy and for each of its nine seeded operations. */
  static int seedDraws(LayerConfig config) {
    return 10;
  }

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int[] idx = KerasRandom.randint(numOps, 0, ops.size(), gen);
    Object[] t = new Object[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      t[i] = PolicyOps.draw(ops.get(i), batch, gen);
    }
    return new Drawn(idx, t);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn d) {
    LayerBatch b = batch;
    for (int i : d.indices()) {
      b = b.withImages(PolicyOps.images(ops.get(i), b, d.transforms()[i]), b.channels());
    }
    return b.images();
  }

  @Override
  Masks transformMasks(LayerBatch batch, Drawn d) {
    LayerBatch b = batch;
    for (int i : d.indices()) {
      b = b.withMasks(PolicyOps.masks(ops.get(i), b, d.transforms()[i]), b.maskChannels());
    }
    return new Masks(b.masks(), b.maskChannels());
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, Drawn d) {
    LayerBatch b = batch;
    for (int op = 0; op < ops.size(); op++) {
      boolean chosen = false;
      for (int i : d.indices()) {
        chosen |= i == op;
      }
      if (chosen) {
        b = b.withBoxes(PolicyOps.boxes(ops.get(op), b, d.transforms()[op]));
      }
    }
    return b.boxes();
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandAugment does not take and values Keras rejects
   */
  public static RandAugment fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("value_range", "num_ops", "factor", "interpolation"));
    Builder b = builder();
    double[] range = config.getPair("value_range");
    if (range != null) {
      b.valueRange(range[0], range[1]);
    }
    if (config.has("num_ops")) {
      b.numOps(config.getInt("num_ops", 2));
    }
    double[] f = config.getFactor("factor");
    if (f != null) {
      if (f.length == 1) {
        b.factor(f[0]);
      } else {
        b.factor(f[0], f[1]);
      }
    }
    if (config.has("interpolation")) {
      b.interpolation(PolicyOps.interpolation(config));
    }
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandAugment}. */
  public static final class Builder extends LayerBuilder<RandAugment, Builder> {
    private double[] valueRange = {0, 255};
    private boolean valueRangeSet;
    private int numOps = 2;
    private boolean numOpsSet;
    private double[] factor = Factor.of("factor", 0.5, 0, 1);
    private boolean factorSet;
    private Interpolation interpolation = Interpolation.BILINEAR;
    private boolean interpolationSet;

    private Builder() {}

    /**
     * The pixel range of the input, as Keras' {@code value_range} (default (0, 255)), passed to the operations.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return this builder
     */
    public Builder valueRange(double low, double high) {
      requireUnset(valueRangeSet, "valueRange", str(valueRange));
      ValueRange.of(low, high);
      requireArgument(low != high, "valueRange must span a positive width but was (%s, %s)", Python.repr(low),
          Python.repr(high));
      this.valueRange = new double[] {low, high};
      this.valueRangeSet = true;
      return this;
    }

    /**
     * How many operations are applied per call, as Keras' {@code num_ops} (default 2).
     *
     * @param numOps at least 0
     * @return this builder
     */
    public Builder numOps(int numOps) {
      requireUnset(numOpsSet, "numOps", this.numOps);
      requireArgument(numOps >= 0, "numOps must be at least 0 but was %d", numOps);
      this.numOps = numOps;
      this.numOpsSet = true;
      return this;
    }

    /**
     * The strength of every operation, as Keras' {@code factor}: a number {@code f} gives {@code (0, f)}.
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder factor(double factor) {
      requireUnset(factorSet, "factor", str(this.factor));
      this.factor = Factor.of("factor", factor, 0, 1);
      this.factorSet = true;
      return this;
    }

    /**
     * {@code factor=(lower, upper)}.
     *
     * @param lower one bound
     * @param upper the other bound
     * @return this builder
     */
    public Builder factor(double lower, double upper) {
      requireUnset(factorSet, "factor", str(this.factor));
      double[] f = Factor.of("factor", lower, upper, 0, 1);
      requireArgument(f[0] >= 0 && f[1] <= 1, "factor must lie in [0, 1] but was (%s, %s)", Python.repr(lower),
          Python.repr(upper));
      this.factor = f;
      this.factorSet = true;
      return this;
    }

    /**
     * How the geometric operations sample the images, as Keras' {@code interpolation} (default bilinear).
     *
     * @param interpolation the interpolation
     * @return this builder
     */
    public Builder interpolation(Interpolation interpolation) {
      requireNonNull("interpolation", interpolation);
      requireUnset(interpolationSet, "interpolation", this.interpolation);
      this.interpolation = interpolation;
      this.interpolationSet = true;
      return this;
    }

    static String str(double[] v) {
      return String.format(Locale.ROOT, "(%s, %s)", Python.repr(v[0]), Python.repr(v[1]));
    }

    @Override
    public RandAugment build() {
      return new RandAugment(this);
    }
  }
}
