package dev.tuna.augment.layers;

import java.util.function.DoubleFunction;

/**
 * A layer with Keras' {@code factor} (one number or a pair, checked by {@link Factor}) and {@code value_range}
 * ({@link ValueRangeBuilder}) options: RandomBrightness, RandomColorDegeneration, RandomContrast, RandomErasing,
 * RandomElasticTransform, RandomGaussianBlur, RandomHue, RandomInvert, RandomSaturation and RandomSharpness.
 *
 * @param <T> the drawn transformation
 */
abstract class FactorLayer<T> extends BaseLayer<T> {
  /** The factor range, {@code {lower, upper}}. */
  final double[] factor;
  final ValueRange valueRange;

  FactorLayer(ValueRangeBuilder<?, ?> builder, double[] factor) {
    super(builder);
    this.factor = factor;
    this.valueRange = builder.valueRange;
  }

  /** One value per image, uniform in the factor range (float32 bounds), as Keras draws it. */
  final float[] drawFactors(LayerBatch batch, SeedGenerator gen) {
    return KerasRandom.uniform(batch.size(), (float) factor[0], (float) factor[1], gen);
  }

  /**
   * Which images take the transformation, as Keras draws it: per image a probability uniform in the factor range,
   * then a threshold uniform in [0, 1); an image takes it when its threshold is below its probability.
   */
  final boolean[] drawApply(LayerBatch batch, SeedGenerator gen) {
    int n = batch.size();
    float[] p = drawFactors(batch, gen);
    float[] u = KerasRandom.uniform(n, 0f, 1f, gen);
    boolean[] apply = new boolean[n];
    for (int i = 0; i < n; i++) {
      apply[i] = u[i] < p[i];
    }
    return apply;
  }

  /** A layer's builder for a pair factor, {@code builder(lower, upper)}. */
  @FunctionalInterface
  interface PairBuilder<B> {
    B of(double lower, double upper);
  }

  /**
   * The layer of a config with a required {@code factor} and an optional {@code value_range}, besides the common
   * keys: {@code single} takes a number, {@code pair} a list of two.
   */
  static <L extends AugmentationLayer, B extends ValueRangeBuilder<L, B>> L factorConfig(LayerConfig config,
      DoubleFunction<B> single, PairBuilder<B> pair) {
    config.checkKeys(LayerConfig.withCommon("factor", "value_range"));
    double[] f = config.requireFactor("factor");
    B b = f.length == 1 ? single.apply(f[0]) : pair.of(f[0], f[1]);
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }
}
