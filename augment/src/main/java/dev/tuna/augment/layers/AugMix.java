package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.core.internal.PythonRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.AugMix(value_range=(0, 255), num_chains=3, chain_depth=3, factor=0.3, alpha=1.0,
 * all_ops=True, interpolation="bilinear", seed)}: per call, from this layer's seed stream, chain weights
 * (Dirichlet: gamma samples divided by their sum) and a mixing weight {@code w} (beta(alpha, alpha)); then for each
 * chain and depth an operation, or none, chosen uniformly, and its transformation for the whole batch. Each chain
 * applies its operations to a copy of the batch; the output is {@code clip(w · x + (1 - w) · Σ weight_c ·
 * chain_c(x), value_range)}. The operations are RandomShear, RandomTranslation, RandomRotation,
 * RandomPosterization, Solarization, AutoContrast, Equalization and, with {@code all_ops}, RandomBrightness,
 * RandomColorDegeneration, RandomContrast, RandomSharpness, built from {@code factor} as Keras builds them. Masks
 * are mixed in the same way (geometric operations move them, nearest; no clipping); labels and boxes pass through.
 * Draws only in training mode.
 *
 * <p>Keras chooses the operations with Python's global {@code random.choice}, not from the layer's seed, so Keras
 * itself repeats a run only after {@code random.seed(s)}; this layer draws the choices from its own copy of Python's
 * generator seeded with {@link Builder#choiceSeed} (default: the layer's seed), so it equals Keras run right after
 * {@code random.seed(choiceSeed)} with no other use of {@code random} in between.
 */
public final class AugMix extends BaseLayer<AugMix.Drawn> {
  private static final List<String> ALL_OPS = List.of("random_shear", "random_translation", "random_rotation",
      "random_posterization", "solarization", "auto_contrast", "equalization", "random_brightness",
      "random_color_degeneration", "random_contrast", "random_sharpness");
  private final int numChains;
  private final int chainDepth;
  private final float alpha;
  private final ValueRange valueRange;
  private final List<BaseLayer<?>> ops;
  private final PythonRandom choices;

  private AugMix(Builder b) {
    super(b);
    this.numChains = b.numChains;
    this.chainDepth = b.chainDepth;
    this.alpha = (float) b.alpha;
    this.valueRange = b.valueRange;
    Map<String, BaseLayer<?>> built = PolicyOps.build(b, seed);
    List<BaseLayer<?>> list = new ArrayList<>();
    for (String name : ALL_OPS.subList(0, b.allOps ? ALL_OPS.size() : 7)) {
      list.add(built.get(name));
    }
    this.ops = List.copyOf(list);
    this.choices = new PythonRandom(b.choiceSeed != null ? b.choiceSeed : seed);
  }

  /**
   * A builder with Keras' defaults: value range (0, 255), 3 chains of depth 3, factor 0.3, alpha 1.0, all
   * operations, bilinear.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** One chain step: the operation's index and its transformation. */
  record Step(int op, Object transform) {}

  /** The drawn chain weights, mixing weight and chains. */
  record Drawn(float[] chainWeights, float weight, List<List<Step>> chains) {}

  /** Keras draws a default seed for the policy and for each seeded operation it builds (9, or 5 without all_ops). */
  static int seedDraws(LayerConfig config) {
    return config.getBoolean("all_ops", true) ? 10 : 6;
  }

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    float[] g = KerasRandom.gamma(numChains, alpha, gen);
    float sum = TfMean.sum(g, 0, numChains);
    float[] w = new float[numChains];
    for (int i = 0; i < numChains; i++) {
      w[i] = g[i] / sum;
    }
    float ws = KerasRandom.beta(1, alpha, alpha, gen)[0];
    List<List<Step>> chains = new ArrayList<>();
    for (int c = 0; c < numChains; c++) {
      List<Step> steps = new ArrayList<>();
      for (int d = 0; d < chainDepth; d++) {
        int op = choices.randbelow(ops.size() + 1);
        if (op < ops.size()) {
          steps.add(new Step(op, PolicyOps.draw(ops.get(op), batch, gen)));
        }
      }
      chains.add(steps);
    }
    return new Drawn(w, ws, chains);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn d) {
    float[] mixed = mix(batch, d, false);
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = Math.min(Math.max(mixed[i], lo), hi);
    }
    return mixed;
  }

  @Override
  Masks transformMasks(LayerBatch batch, Drawn d) {
    return new Masks(mix(batch, d, true), batch.maskChannels());
  }

  /** {@code w · x + (1 - w) · Σ weight_c · chain_c(x)} of the images or the masks, in Keras' float32 order. */
  private float[] mix(LayerBatch batch, Drawn d, boolean masks) {
    float[] x = masks ? batch.masks() : batch.images();
    float[] aug = new float[x.length];
    for (int c = 0; c < d.chains().size(); c++) {
      LayerBatch b = batch;
      for (Step s : d.chains().get(c)) {
        BaseLayer<?> op = ops.get(s.op());
        b = masks ? b.withMasks(PolicyOps.masks(op, b, s.transform()), b.maskChannels())
            : b.withImages(PolicyOps.images(op, b, s.transform()), b.channels());
      }
      float[] y = masks ? b.masks() : b.images();
      float wc = d.chainWeights()[c];
      for (int i = 0; i < aug.length; i++) {
        aug[i] += y[i] * wc;
      }
    }
    float w = d.weight();
    float rest = 1 - w;
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = w * x[i] + rest * aug[i];
    }
    return out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict, which may carry tuna's own key {@code choice_seed}
   * ({@link Builder#choiceSeed}; Keras has no such key).
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys AugMix does not take and values Keras rejects
   */
  public static AugMix fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("value_range", "num_chains", "chain_depth", "factor", "alpha", "all_ops",
        "interpolation", "choice_seed"));
    Builder b = config.applyValueRange(builder());
    if (config.has("num_chains")) {
      b.numChains(config.getInt("num_chains", 3));
    }
    if (config.has("chain_depth")) {
      b.chainDepth(config.getInt("chain_depth", 3));
    }
    config.applyFactor("factor", b::factor, b::factor);
    if (config.has("alpha")) {
      b.alpha(config.getDouble("alpha", 1.0));
    }
    if (config.has("all_ops")) {
      b.allOps(config.getBoolean("all_ops", true));
    }
    PolicyOps.applyInterpolation(config, b);
    if (config.has("choice_seed")) {
      b.choiceSeed(config.getLong("choice_seed").getAsLong());
    }
    return config.applyCommon(b).build();
  }

  /** Builder of {@link AugMix}. */
  public static final class Builder extends PolicyBuilder<AugMix, Builder> {
    private int numChains = 3;
    private boolean numChainsSet;
    private int chainDepth = 3;
    private boolean chainDepthSet;
    private double alpha = 1.0;
    private boolean alphaSet;
    private boolean allOps = true;
    private boolean allOpsSet;
    private Long choiceSeed;

    private Builder() {
      super(0.3);
    }

    /**
     * The number of chains, as Keras' {@code num_chains} (default 3).
     *
     * @param numChains at least 1
     * @return this builder
     */
    public Builder numChains(int numChains) {
      requireUnset(numChainsSet, "numChains", this.numChains);
      requireArgument(numChains >= 1, "numChains must be at least 1 but was %d", numChains);
      this.numChains = numChains;
      this.numChainsSet = true;
      return this;
    }

    /**
     * The operations drawn per chain, as Keras' {@code chain_depth} (default 3).
     *
     * @param chainDepth at least 0
     * @return this builder
     */
    public Builder chainDepth(int chainDepth) {
      requireUnset(chainDepthSet, "chainDepth", this.chainDepth);
      requireArgument(chainDepth >= 0, "chainDepth must be at least 0 but was %d", chainDepth);
      this.chainDepth = chainDepth;
      this.chainDepthSet = true;
      return this;
    }

    /**
     * The concentration of the Dirichlet chain weights and of the beta mixing weight, as Keras' {@code alpha}
     * (default 1.0).
     *
     * @param alpha positive
     * @return this builder
     */
    public Builder alpha(double alpha) {
      requireUnset(alphaSet, "alpha", Python.repr(this.alpha));
      requireArgument(alpha > 0 && Double.isFinite(alpha), "alpha must be positive but was %s", alpha);
      this.alpha = alpha;
      this.alphaSet = true;
      return this;
    }

    /**
     * Whether the colour operations take part too, as Keras' {@code all_ops} (default true).
     *
     * @param allOps false for the seven geometric and histogram operations only
     * @return this builder
     */
    public Builder allOps(boolean allOps) {
      requireUnset(allOpsSet, "allOps", this.allOps);
      this.allOps = allOps;
      this.allOpsSet = true;
      return this;
    }

    /**
     * The seed of the generator the operation choices come from, as {@code random.seed(choiceSeed)} before the
     * first call in Python (Keras uses the global {@code random} module); default: the layer's seed.
     *
     * @param choiceSeed the seed
     * @return this builder
     */
    public Builder choiceSeed(long choiceSeed) {
      requireUnset(this.choiceSeed != null, "choiceSeed", this.choiceSeed);
      this.choiceSeed = choiceSeed;
      return this;
    }

    @Override
    public AugMix build() {
      return new AugMix(this);
    }
  }
}
