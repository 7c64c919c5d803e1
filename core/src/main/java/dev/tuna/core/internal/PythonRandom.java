package dev.tuna.core.internal;

import java.math.BigInteger;

/**
 * Python's {@code random} module as far as Keras uses it: {@code random.seed(n)} for an int ({@code init_by_array}
 * over the 32-bit words of {@code |n|}), {@code random.randint(1, 10**9)} ({@code getrandbits(30)} with rejection:
 * Keras' default seeds), {@code random.choice} ({@code _randbelow}: {@code getrandbits(k)} with rejection; AugMix)
 * and {@code random.shuffle} (the batch order of Keras' {@code fit} over a {@code PyDataset}), on CPython's MT19937.
 * Not thread-safe.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int mti;

  /**
   * {@code random.seed(seed)}.
   *
   * @param seed the seed (its absolute value is used, as CPython does)
   */
  public PythonRandom(long seed) {
    BigInteger s = BigInteger.valueOf(seed).abs();
    int words = Math.max(1, (s.bitLength() + 31) / 32);
    int[] key = new int[words];
    for (int i = 0; i < words; i++) {
      key[i] = s.shiftRight(32 * i).intValue();
    }
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (mti = 1; mti < N; mti++) {
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /**
   * The next tempered 32-bit word ({@code getrandbits(32)}).
   *
   * @return the word, unsigned in an int
   */
  public int nextWord() {
    if (mti >= N) {
      int kk;
      for (kk = 0; kk < N - M; kk++) {
        int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      mti = 0;
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /**
   * {@code random.randint(1, 10**9)}: Keras' {@code make_default_seed()}.
   *
   * @return the seed, in [1, 10^9]
   */
  public long kerasDefaultSeed() {
    long n = 1_000_000_000L;
    long r;
    do {
      r = (nextWord() & 0xFFFFFFFFL) >>> 2; // getrandbits(30)
    } while (r >= n);
    return 1 + r;
  }

  /**
   * {@code random._randbelow(n)}: the index {@code random.choice} picks.
   *
   * @param n the bound, in (0, 2^31)
   * @return a value in [0, n)
   */
  public int randbelow(int n) {
    int k = 32 - Integer.numberOfLeadingZeros(n);
    while (true) {
      int r = nextWord() >>> (32 - k);
      if (r < n) {
        return r;
      }
    }
  }

  /**
   * {@code random.shuffle(values)} in place: for {@code i} from the last index down to 1, swaps {@code values[i]}
   * with {@code values[randbelow(i + 1)]}.
   *
   * @param values the values to shuffle
   */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = randbelow(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
