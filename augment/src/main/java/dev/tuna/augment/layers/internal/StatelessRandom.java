package dev.tuna.augment.layers.internal;

import java.util.Arrays;

/**
 * TensorFlow's stateless random ops on the CPU ({@code tf.random.stateless_*} with the default algorithm, Philox),
 * for a seed pair as TF reads it (each word an int32 widened to 64 bits). Output {@code i} of a distribution that
 * yields {@code k} values per Philox call comes from call {@code i / k}, as TF's {@code FillPhiloxRandom}.
 */
public final class StatelessRandom {
  /** Philox outputs reserved per gamma sample ({@code kReservedSamplesPerOutput}). */
  private static final long GAMMA_RESERVED = 256;
  private static final float TINY = Float.MIN_NORMAL;

  private StatelessRandom() {}

  /**
   * {@code stateless_uniform(shape=[n], dtype=float32)} before scaling: floats in [0, 1).
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the number of values
   * @return the drawn values
   */
  public static float[] uniformUnit(int seed0, int seed1, int n) {
    Philox gen = Philox.fromSeed(seed0, seed1);
    float[] out = new float[n];
    int[] w = new int[4];
    for (int i = 0; i < n; i += 4) {
      gen.next(w);
      for (int j = 0; j < 4 && i + j < n; j++) {
        out[i + j] = Philox.toFloat(w[j]);
      }
    }
    return out;
  }

  /**
   * {@code stateless_uniform(shape=[n], minval, maxval, dtype=float32)}: {@code rnd * (maxval - minval) + minval}.
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @return the drawn values
   */
  public static float[] uniform(int seed0, int seed1, int n, float minval, float maxval) {
    float[] out = uniformUnit(seed0, seed1, n);
    float range = maxval - minval;
    for (int i = 0; i < n; i++) {
      out[i] = out[i] * range + minval;
    }
    return out;
  }

  /**
   * {@code stateless_uniform(shape=[n], minval, maxval, dtype=int32)}: {@code minval + word % (maxval - minval)}.
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @return the drawn values
   */
  public static int[] uniformInt(int seed0, int seed1, int n, int minval, int maxval) {
    if (minval >= maxval) {
      throw new IllegalArgumentException("maxval must be > minval but was " + maxval + " <= " + minval);
    }
    Philox gen = Philox.fromSeed(seed0, seed1);
    long range = ((long) maxval - minval) & 0xffffffffL;
    int[] out = new int[n];
    int[] w = new int[4];
    for (int i = 0; i < n; i += 4) {
      gen.next(w);
      for (int j = 0; j < 4 && i + j < n; j++) {
        out[i + j] = (int) (minval + ((w[j] & 0xffffffffL) % range));
      }
    }
    return out;
  }

  /**
   * {@code stateless_uniform(shape=[n], minval, maxval, dtype=int64)}: two words per value.
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the number of values
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @return the drawn values
   */
  public static long[] uniformLong(int seed0, int seed1, int n, long minval, long maxval) {
    if (minval >= maxval) {
      throw new IllegalArgumentException("maxval must be > minval but was " + maxval + " <= " + minval);
    }
    Philox gen = Philox.fromSeed(seed0, seed1);
    long range = maxval - minval;
    long[] out = new long[n];
    int[] w = new int[4];
    for (int i = 0; i < n; i += 2) {
      gen.next(w);
      for (int j = 0; j < 2 && i + j < n; j++) {
        long bits = (w[2 * j] & 0xffffffffL) | ((long) w[2 * j + 1] << 32);
        out[i + j] = minval + Long.remainderUnsigned(bits, range);
      }
    }
    return out;
  }

  /**
   * {@code stateless_normal(shape=[n], mean, stddev, dtype=float32)}: Box-Muller on word pairs, {@code rnd * stddev +
   * mean}.
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the number of values
   * @param mean the mean
   * @param stddev the standard deviation
   * @return the drawn values
   */
  public static float[] normal(int seed0, int seed1, int n, float mean, float stddev) {
    Philox gen = Philox.fromSeed(seed0, seed1);
    float[] out = new float[n];
    int[] w = new int[4];
    float[] pair = new float[2];
    for (int i = 0; i < n; i += 4) {
      gen.next(w);
      for (int j = 0; j < 4 && i + j < n; j += 2) {
        boxMuller(w[j], w[j + 1], pair);
        out[i + j] = pair[0] * stddev + mean;
        if (i + j + 1 < n) {
          out[i + j + 1] = pair[1] * stddev + mean;
        }
      }
    }
    return out;
  }

  /** TF's {@code BoxMullerFloat}, with glibc's {@code logf} and {@code sincosf} as TF calls them. */
  static void boxMuller(int x0, int x1, float[] out) {
    float u1 = Philox.toFloat(x0);
    if (u1 < 1.0e-7f) {
      u1 = 1.0e-7f;
    }
    float v1 = (float) (2.0 * Math.PI * Philox.toFloat(x1));
    float u2 = (float) Math.sqrt(-2.0f * GlibcMath.logf(u1));
    GlibcMath.sincosf(v1, out);
    out[0] *= u2;
    out[1] *= u2;
  }

  /**
   * {@code stateless_gamma(shape, alpha)} with {@code beta = 1}: Marsaglia-Tsang in double per sample, each sample
   * from its own 256-call window of the stream; {@code alpha} has the trailing shape (one alpha per column).
   *
   * @param seed0 the first seed word
   * @param seed1 the second seed word
   * @param n the total number of samples (a multiple of {@code alpha.length})
   * @param alpha the concentrations
   * @return the drawn values
   */
  public static float[] gamma(int seed0, int seed1, int n, float[] alpha) {
    int numAlphas = alpha.length;
    if (numAlphas == 0 || n % numAlphas != 0) {
      throw new IllegalArgumentException("sample count " + n + " is not a multiple of " + numAlphas + " alphas");
    }
    int perAlpha = n / numAlphas;
    Philox base = Philox.fromSeed(seed0, seed1);
    float[] out = new float[n];
    int[] w = new int[4];
    for (int outputIdx = 0; outputIdx < n; outputIdx++) {
      int alphaIdx = outputIdx / perAlpha;
      int sampleIdx = outputIdx % perAlpha;
      double a = alpha[alphaIdx];
      Philox gen = base.copy();
      gen.skip(GAMMA_RESERVED * outputIdx);
      double res;
      if (a == 1.0) {
        gen.next(w);
        double u = Philox.toDouble(w[2], w[3]);
        res = -Math.log1p(-u);
      } else {
        boolean lessThanOne = a < 1;
        double d = a + (lessThanOne ? 2.0 / 3 : -1.0 / 3);
        double c = 1.0 / 3 / Math.sqrt(d);
        DoubleBuffer normal = new DoubleBuffer(true);
        DoubleBuffer uniform = new DoubleBuffer(false);
        while (true) {
          double x = normal.next(gen);
          double v = 1 + c * x;
          if (v <= 0) {
            continue;
          }
          v = v * v * v;
          double u = uniform.next(gen);
          if ((u < 1 - 0.0331 * (x * x) * (x * x)) || (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))) {
            res = d * v;
            if (lessThanOne) {
              double b = uniform.next(gen);
              res *= Math.pow(b, 1 / a);
            }
            break;
          }
        }
      }
      float value = (float) res;
      out[sampleIdx * numAlphas + alphaIdx] = Math.max(TINY, value / 1.0f);
    }
    return out;
  }

  /** TF's {@code SampleBuffer}: two doubles per Philox call, handed out last first. */
  private static final class DoubleBuffer {
    private final boolean normal;
    private final double[] values = new double[2];
    private final int[] words = new int[4];
    private int remaining;

    DoubleBuffer(boolean normal) {
      this.normal = normal;
    }

    double next(Philox gen) {
      if (remaining == 0) {
        gen.next(words);
        if (normal) {
          boxMullerDouble(words, values);
        } else {
          values[0] = Philox.toDouble(words[0], words[1]);
          values[1] = Philox.toDouble(words[2], words[3]);
        }
        remaining = 2;
      }
      return values[--remaining];
    }
  }

  /** TF's {@code BoxMullerDouble}. */
  static void boxMullerDouble(int[] w, double[] out) {
    double u1 = Philox.toDouble(w[0], w[1]);
    if (u1 < 1.0e-7) {
      u1 = 1.0e-7;
    }
    double v1 = 2 * Math.PI * Philox.toDouble(w[2], w[3]);
    double u2 = Math.sqrt(-2.0 * Math.log(u1));
    out[0] = Math.sin(v1) * u2;
    out[1] = Math.cos(v1) * u2;
  }

  /**
   * The indices that sort {@code values} ascending, ties by index (TF's {@code argsort} of uniform floats).
   *
   * @param values the values
   * @return the permutation
   */
  public static int[] argsort(float[] values) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(values[a] + 0.0f, values[b] + 0.0f);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }
}
