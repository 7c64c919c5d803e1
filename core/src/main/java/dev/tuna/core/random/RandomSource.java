package dev.tuna.core.random;

/**
 * A seedable source of random numbers with NumPy's legacy {@code RandomState} semantics. Every random decision in
 * tuna draws from an instance passed in by the caller; nothing uses a global generator.
 *
 * <p>Instances are not thread-safe.
 */
public interface RandomSource {
  /**
   * Reseeds, like {@code np.random.seed(seed)}; {@code seed} must be in [0, 2^32).
   *
   * @param seed the seed, in [0, 2^32)
   */
  void seed(long seed);

  /**
   * The next raw 32-bit output as an unsigned value in [0, 2^32).
   *
   * @return the output, in [0, 2^32)
   */
  long nextInt32();

  /**
   * A double in [0, 1), like {@code random_sample()}.
   *
   * @return the sample
   */
  double randomSample();

  /**
   * {@code low + (high - low) * randomSample()}, like {@code uniform(low, high)}.
   *
   * @param low the lower bound, included
   * @param high the upper bound, excluded
   * @return the sample
   */
  default double uniform(double low, double high) {
    return low + (high - low) * randomSample();
  }

  /**
   * An integer in [0, n), like {@code randint(n)} and {@code choice(n)}; {@code n} must be positive.
   *
   * @param n the exclusive upper bound, positive
   * @return the integer
   */
  long randint(long n);

  /**
   * A permutation of 0..n-1, like {@code permutation(n)}.
   *
   * @param n the length
   * @return a new array holding 0..n-1 in random order
   */
  int[] permutation(int n);

  /**
   * Shuffles {@code values} in place, like {@code shuffle(values)}.
   *
   * @param values the array to shuffle
   */
  void shuffle(int[] values);

  /**
   * An independent source in the same state.
   *
   * @return the copy
   */
  RandomSource copy();

  /**
   * Puts this source into {@code other}'s state; {@code other} must be of the same implementation.
   *
   * @param other the source whose state to copy
   */
  void copyFrom(RandomSource other);
}
