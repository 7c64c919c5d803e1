package dev.tuna.augment.layers;

import java.util.Locale;

/**
 * Keras' {@code keras.random.SeedGenerator}: a state {@code [seed, 0]} that {@link #next()} returns and then advances
 * by {@code [0, 1]}. Every Keras augmentation layer owns one; each random draw of the layer consumes one state.
 *
 * <p>Not thread-safe: a layer's stream advances in call order, as in Keras.
 */
public final class SeedGenerator {
  private final long seed;
  private long counter;

  private SeedGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * A generator in state {@code [seed, 0]}, as {@code keras.random.SeedGenerator(seed)}.
   *
   * @param seed the initial seed
   * @return the generator
   */
  public static SeedGenerator of(long seed) {
    return new SeedGenerator(seed);
  }

  /**
   * The initial seed.
   *
   * @return the initial seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the current state {@code [seed, counter]} and advances the counter by one.
   *
   * @return the state before advancing
   */
  public long[] next() {
    return new long[] {seed, counter++};
  }

  /**
   * The state the next call of {@link #next()} returns, without advancing.
   *
   * @return the next state
   */
  public long[] peek() {
    return new long[] {seed, counter};
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SeedGenerator[%d, %d]", seed, counter);
  }
}
