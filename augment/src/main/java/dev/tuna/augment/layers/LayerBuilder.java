package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireUnset;

import java.security.SecureRandom;

/**
 * The options every random Keras augmentation layer takes: {@code seed}, with {@code bounding_box_format} and
 * {@code data_format} from {@link PreprocessingBuilder}. Options can be set once each; {@code build()} can be called
 * again.
 *
 * @param <L> the layer
 * @param <B> the concrete builder
 */
public abstract class LayerBuilder<L extends AugmentationLayer, B extends LayerBuilder<L, B>>
    extends PreprocessingBuilder<L, B> {
  private Long seed;

  LayerBuilder() {}

  /**
   * The seed of the layer's {@link SeedGenerator}, as Keras' {@code seed=}. Without it the layer draws a fresh seed
   * in [1, 10^9] (as Keras' {@code seed=None}), readable from the built layer.
   *
   * @param seed the seed
   * @return this builder
   */
  public B seed(long seed) {
    requireUnset(this.seed != null, "seed", this.seed);
    this.seed = seed;
    return self();
  }

  boolean seedSet() {
    return seed != null;
  }

  long seedOrFresh() {
    return seed != null ? seed : 1 + new SecureRandom().nextInt(1_000_000_000);
  }
}
