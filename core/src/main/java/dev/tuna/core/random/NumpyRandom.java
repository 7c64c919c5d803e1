package dev.tuna.core.random;

import java.util.Locale;

/**
 * MT19937 with NumPy's legacy seeding and conversions, bit-identical to {@code numpy.random.RandomState}.
 */
public final class NumpyRandom implements RandomSource {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int pos;

  /**
   * A generator seeded like {@code np.random.seed(seed)}.
   *
   * @param seed the seed, in [0, 2^32)
   */
  public NumpyRandom(long seed) {
    seed(seed);
  }

  private NumpyRandom() {}

  @Override
  public NumpyRandom copy() {
    NumpyRandom r = new NumpyRandom();
    r.copyFrom(this);
    return r;
  }

  @Override
  public void copyFrom(RandomSource other) {
    if (!(other instanceof NumpyRandom o)) {
      throw new IllegalArgumentException("cannot copy the state of a " + other.getClass().getName());
    }
    System.arraycopy(o.mt, 0, mt, 0, N);
    pos = o.pos;
  }

  @Override
  public void seed(long seed) {
    if (seed < 0 || seed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "seed must be between 0 and 2**32 - 1 but was %d", seed));
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    pos = N;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7FFF_FFFF);
      int v = mt[(i + M) % N] ^ (y >>> 1);
      if ((y & 1) != 0) {
        v ^= 0x9908_B0DF;
      }
      mt[i] = v;
    }
    pos = 0;
  }

  private int next() {
    if (pos >= N) {
      twist();
    }
    int y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C_5680;
    y ^= (y << 15) & 0xEFC6_0000;
    y ^= y >>> 18;
    return y;
  }

  @Override
  public long nextInt32() {
    return next() & 0xFFFF_FFFFL;
  }

  @Override
  public double randomSample() {
    long a = (next() & 0xFFFF_FFFFL) >>> 5;
    long b = (next() & 0xFFFF_FFFFL) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  @Override
  public long randint(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("randint bound must be positive but was " + n);
    }
    return bounded(n - 1);
  }

  /** Legacy masked rejection sampling of a value in [0, max]. */
  private long bounded(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask |= mask >>> 32;
    if (max <= 0xFFFF_FFFFL) {
      long v;
      do {
        v = nextInt32() & mask;
      } while (v > max);
      return v;
    }
    long v;
    do {
      v = ((nextInt32() << 32) | nextInt32()) & mask;
    } while (v > max);
    return v;
  }

  @Override
  public int[] permutation(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a);
    return a;
  }

  @Override
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = (int) bounded(i);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
