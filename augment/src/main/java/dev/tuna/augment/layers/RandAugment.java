package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import java.util.ArrayList;
import java.util.List;

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
    this.ops = new ArrayList<>(PolicyOps.build(b, seed).values());
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
    Builder b = config.applyValueRange(builder());
    if (config.has("num_ops")) {
      b.numOps(config.getInt("num_ops", 2));
    }
    config.applyFactor("factor", b::factor, b::factor);
    PolicyOps.applyInterpolation(config, b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandAugment}. */
  public static final class Builder extends PolicyBuilder<RandAugment, Builder> {
    private int numOps = 2;
    private boolean numOpsSet;

    private Builder() {
      super(0.5);
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

    @Override
    public RandAugment build() {
      return new RandAugment(this);
    }
  }
}
