package dev.tuna.core.random;

/**
 * A seedable source of random numbers with NumPy's legacy {@code RandomState} semantics. Every random decision in
 * tuna draws from an instance passed in by the caller; nothing uses a global generator.
 *
 * <p>Instances are not thread-safe.
 */
public interface RandomSource {
  /** Reseeds, like {@code np.random.seed(seed)}; {@code seed} must be in [0, 2^32). */
  void seed(long seed);

  /** The next raw 32-bit output as an unsigned value in [0, 2^32). */
  long nextInt32();

  /** A double in [0, 1), like {@code random_sample()}. */
  double randomSample();

  /** {@code low + (high - low) * randomSample()}, like {@code uniform(low, high)}. */
  default double uniform(double low, double high) {
    return low + (high - low) * randomSample();
  }

  /** An integer in [0, n), like {@code randint(n)} and {@code choice(n)}; {@code n} must be positive. */
  long randint(long n);

  /** A permutation of 0..n-1, like {@code permutation(n)}. */
  int[] permutation(int n);

  /** Shuffles {@code values} in place, like {@code shuffle(values)}. */
  void shuffle(int[] values);

  /** An independent source in the same state. */
  RandomSource copy();

  /** Puts this source into {@code other}'s state; {@code other} must be of the same implementation. */
  void copyFrom(RandomSource other);
}
