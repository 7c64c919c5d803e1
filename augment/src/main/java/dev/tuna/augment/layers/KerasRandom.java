package dev.tuna.augment.layers;

import dev.tuna.augment.layers.internal.StatelessRandom;

/**
 * {@code keras.random} on the TensorFlow backend, bit for bit: each call draws one state from the
 * {@link SeedGenerator}, reduces it as Keras' {@code _cast_seed} does ({@code floormod(seed, 2^31 - 2)} as int32) and
 * runs TF's stateless Philox op on it.
 */
public final class KerasRandom {
  private static final long INT32_MAX_MINUS_1 = Integer.MAX_VALUE - 1L;

  private KerasRandom() {}

  /** Keras' {@code _cast_seed} of one drawn state: both words as TF's int32 seed. */
  static int[] castSeed(long[] state) {
    return new int[] {(int) Math.floorMod(state[0], INT32_MAX_MINUS_1),
        (int) Math.floorMod(state[1], INT32_MAX_MINUS_1)};
  }

  /**
   * {@code keras.random.uniform((n,), minval, maxval, seed=gen)}, float32.
   *
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static float[] uniform(int n, float minval, float maxval, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.uniform(s[0], s[1], n, minval, maxval);
  }

  /**
   * {@code keras.random.normal((n,), mean, stddev, seed=gen)}, float32.
   *
   * @param n the number of values
   * @param mean the mean
   * @param stddev the standard deviation
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static float[] normal(int n, float mean, float stddev, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.normal(s[0], s[1], n, mean, stddev);
  }

  /**
   * {@code keras.random.randint((n,), minval, maxval, seed=gen)}, int32.
   *
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static int[] randint(int n, int minval, int maxval, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.uniformInt(s[0], s[1], n, minval, maxval);
  }

  /**
   * {@code keras.random.randint((n,), minval, maxval, seed=gen, dtype=...)} for {@code int64} and for the dtypes
   * Keras draws through an int64 intermediate ({@code uint8}, {@code int16}, …; cast the values afterwards): two
   * Philox words per value.
   *
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static long[] randintLong(int n, long minval, long maxval, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.uniformLong(s[0], s[1], n, minval, maxval);
  }

  /**
   * The permutation {@code keras.random.shuffle(arange(n), seed=gen)} returns: argsort of n uniform floats.
   *
   * @param n the number of values
   * @param gen the seed stream; one state is drawn
   * @return the permutation
   */
  public static int[] shuffle(int n, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.argsort(StatelessRandom.uniformUnit(s[0], s[1], n));
  }

  /**
   * {@code keras.random.gamma((n,), alpha, seed=gen)}, float32.
   *
   * @param n the number of values
   * @param alpha the concentration
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static float[] gamma(int n, float alpha, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    return StatelessRandom.gamma(s[0], s[1], n, new float[] {alpha});
  }

  /**
   * {@code keras.random.beta((n,), alpha, beta, seed=gen)}, float32: {@code X / (X + Y)} with X, Y gamma samples, Y
   * from the drawn seed plus 12 on both words (Keras' choice).
   *
   * @param n the number of values
   * @param alpha the concentration
   * @param beta the second concentration
   * @param gen the seed stream; one state is drawn
   * @return the drawn values
   */
  public static float[] beta(int n, float alpha, float beta, SeedGenerator gen) {
    int[] s = castSeed(gen.next());
    float[] alphas = new float[n];
    float[] betas = new float[n];
    java.util.Arrays.fill(alphas, alpha);
    java.util.Arrays.fill(betas, beta);
    float[] a = StatelessRandom.gamma(s[0], s[1], n, alphas);
    float[] b = StatelessRandom.gamma(s[0] + 12, s[1] + 12, n, betas);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[i] / (a[i] + b[i]);
    }
    return out;
  }
}
