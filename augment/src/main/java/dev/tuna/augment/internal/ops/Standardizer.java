package dev.tuna.augment.internal.ops;

/**
 * The normalisation steps of Keras' {@code standardize}, after {@code preprocessing_function} and {@code rescale}:
 * samplewise centre and std, featurewise centre and std with fitted per-channel statistics, and ZCA whitening. All
 * steps work in place on one HWC sample.
 */
public final class Standardizer {
  private Standardizer() {}

  /** Subtracts the sample's own mean over all pixels and channels. */
  public static void samplewiseCenter(float[] x) {
    float mean = (float) mean(x);
    for (int i = 0; i < x.length; i++) {
      x[i] -= mean;
    }
  }

  /** Divides by the sample's own population std plus 1e-6. */
  public static void samplewiseStd(float[] x) {
    double mean = mean(x);
    double ss = 0;
    for (float v : x) {
      double d = v - mean;
      ss += d * d;
    }
    float div = (float) Math.sqrt(ss / x.length) + 1e-6f;
    for (int i = 0; i < x.length; i++) {
      x[i] /= div;
    }
  }

  /** Subtracts a per-channel mean. */
  public static void featurewiseCenter(float[] x, float[] mean) {
    int c = mean.length;
    for (int i = 0; i < x.length; i++) {
      x[i] -= mean[i % c];
    }
  }

  /** Divides by a per-channel std plus 1e-6. */
  public static void featurewiseStd(float[] x, float[] std) {
    int c = std.length;
    float[] div = new float[c];
    for (int k = 0; k < c; k++) {
      div[k] = std[k] + 1e-6f;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] /= div[i % c];
    }
  }

  /** Returns {@code x · W} for a flattened sample and a {@code d × d} whitening matrix. */
  public static float[] zca(float[] x, float[] w) {
    int d = x.length;
    if (w.length != (long) d * d) {
      throw new IllegalArgumentException("zca whitening matrix is for " + (int) Math.sqrt(w.length)
          + " values per sample but the sample has " + d + "; fit and flow images of the same shape");
    }
    double[] acc = new double[d];
    for (int a = 0; a < d; a++) {
      double xa = x[a];
      if (xa == 0) {
        continue;
      }
      int row = a * d;
      for (int b = 0; b < d; b++) {
        acc[b] += xa * w[row + b];
      }
    }
    float[] out = new float[d];
    for (int b = 0; b < d; b++) {
      out[b] = (float) acc[b];
    }
    return out;
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s / x.length;
  }
}
