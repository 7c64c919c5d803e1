package dev.tuna.augment.layers.internal;

/**
 * TensorFlow's Philox-4x32-10 counter-based generator ({@code tsl::random::PhiloxRandom}): a 128-bit counter and a
 * 64-bit key; each call returns four 32-bit words and advances the counter by one.
 */
public final class Philox {
  private static final int W32A = 0x9E3779B9;
  private static final int W32B = 0xBB67AE85;
  private static final long M4x32A = 0xD2511F53L;
  private static final long M4x32B = 0xCD9E8D57L;

  private final int key0;
  private final int key1;
  private int c0;
  private int c1;
  private int c2;
  private int c3;

  /**
   * A generator at {@code counter} (four words, low first) with {@code key} (two words, low first).
   *
   * @param counter four counter words, low first
   * @param key two key words, low first
   */
  public Philox(int[] counter, int[] key) {
    this.c0 = counter[0];
    this.c1 = counter[1];
    this.c2 = counter[2];
    this.c3 = counter[3];
    this.key0 = key[0];
    this.key1 = key[1];
  }

  /**
   * A copy of this generator at the same position.
   *
   * @return a copy of this generator at the same position
   */
  public Philox copy() {
    return new Philox(new int[] {c0, c1, c2, c3}, new int[] {key0, key1});
  }

  /**
   * The generator of TF's stateless ops for a seed pair ({@code GenerateKey} in {@code stateless_random_ops.cc}): the
   * seeds, read as the 64-bit words TF widens them to, are scrambled by one Philox call.
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @return the generator
   */
  public static Philox fromSeed(long seed0, long seed1) {
    int[] mix = new Philox(new int[] {(int) seed0, (int) (seed0 >>> 32), (int) seed1, (int) (seed1 >>> 32)},
        new int[] {0x3ec8f720, 0x02461e29}).next();
    return new Philox(new int[] {0, 0, mix[2], mix[3]}, new int[] {mix[0], mix[1]});
  }

  /**
   * Skips {@code count} 128-bit outputs.
   *
   * @param count the number of 128-bit outputs to skip
   */
  public void skip(long count) {
    int lo = (int) count;
    int hi = (int) (count >>> 32);
    c0 += lo;
    if (Integer.compareUnsigned(c0, lo) < 0) {
      hi++;
    }
    c1 += hi;
    if (Integer.compareUnsigned(c1, hi) < 0) {
      if (++c2 == 0) {
        c3++;
      }
    }
  }

  /**
   * The next four words.
   *
   * @return the next four words
   */
  public int[] next() {
    int[] out = new int[4];
    next(out);
    return out;
  }

  /**
   * Writes the next four words into {@code out}.
   *
   * @param out receives the result
   */
  public void next(int[] out) {
    int x0 = c0;
    int x1 = c1;
    int x2 = c2;
    int x3 = c3;
    int k0 = key0;
    int k1 = key1;
    for (int round = 0; round < 10; round++) {
      long p0 = M4x32A * (x0 & 0xffffffffL);
      long p1 = M4x32B * (x2 & 0xffffffffL);
      int n0 = (int) (p1 >>> 32) ^ x1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ x3 ^ k1;
      x1 = (int) p1;
      x3 = (int) p0;
      x0 = n0;
      x2 = n2;
      k0 += W32A;
      k1 += W32B;
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
    if (++c0 == 0 && ++c1 == 0 && ++c2 == 0) {
      c3++;
    }
  }

  /**
   * TF's {@code Uint32ToFloat}: 23 random mantissa bits as a float in [0, 1).
   *
   * @param x the argument
   * @return the float in [0, 1)
   */
  public static float toFloat(int x) {
    return Float.intBitsToFloat((x & 0x7fffff) | 0x3f800000) - 1.0f;
  }

  /**
   * TF's {@code Uint64ToDouble}: 52 random mantissa bits (20 from {@code x0}, 32 from {@code x1}) in [0, 1).
   *
   * @param x0 the word giving the upper 20 mantissa bits
   * @param x1 the word giving the lower 32 mantissa bits
   * @return the double in [0, 1)
   */
  public static double toDouble(int x0, int x1) {
    long man = ((long) (x0 & 0xfffff) << 32) | (x1 & 0xffffffffL);
    return Double.longBitsToDouble((1023L << 52) | man) - 1.0;
  }
}
