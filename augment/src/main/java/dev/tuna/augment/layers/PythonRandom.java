package dev.tuna.augment.layers;

/**
 * CPython's {@code random.Random} as far as {@code random.choice} needs it: MT19937 seeded by {@code random.seed(n)}
 * ({@code init_by_array} over the 32-bit words of {@code |n|}), {@code getrandbits(k)} for {@code k <= 32} and the
 * rejection sampling of {@code _randbelow}. Not thread-safe.
 */
final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int mti;

  PythonRandom(long seed) {
    long a = Math.abs(seed);
    int[] key = (a >>> 32) != 0 ? new int[] {(int) a, (int) (a >>> 32)} : new int[] {(int) a};
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

  private int next32() {
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

  /** {@code random._randbelow(n)} for {@code 0 < n < 2^31}: the index {@code random.choice} picks. */
  int randbelow(int n) {
    int k = 32 - Integer.numberOfLeadingZeros(n);
    while (true) {
      int r = next32() >>> (32 - k);
      if (r < n) {
        return r;
      }
    }
  }
}
