package dev.tuna.augment;

import dev.tuna.augment.internal.ops.Standardizer;
import dev.tuna.augment.internal.ops.Zca;
import dev.tuna.core.image.Image;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.random.RandomSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * What Keras' {@code fit} computes: per-channel mean and std and the ZCA whitening matrix, each null when the
 * generator does not use it.
 *
 * @param mean per-channel mean (Keras {@code gen.mean}), or null
 * @param std per-channel std of the centred data (Keras {@code gen.std}), or null
 * @param zcaWhiteningMatrix {@code d × d} row-major with {@code d = H·W·C} in channels-last order, or null
 */
public record FitStatistics(float[] mean, float[] std, float[] zcaWhiteningMatrix) {
  /**
   * Copies the arrays, so the statistics never change after construction.
   *
   * @param mean per-channel mean, or null
   * @param std per-channel std, or null
   * @param zcaWhiteningMatrix the ZCA matrix, or null
   */
  public FitStatistics {
    mean = copy(mean);
    std = copy(std);
    zcaWhiteningMatrix = copy(zcaWhiteningMatrix);
  }

  /**
   * The per-channel mean.
   *
   * @return a copy, or null
   */
  @Override
  public float[] mean() {
    return copy(mean);
  }

  /**
   * The per-channel std.
   *
   * @return a copy, or null
   */
  @Override
  public float[] std() {
    return copy(std);
  }

  /**
   * The ZCA whitening matrix.
   *
   * @return a copy, or null
   */
  @Override
  public float[] zcaWhiteningMatrix() {
    return copy(zcaWhiteningMatrix);
  }

  /** The mean without copying, for the generator's read-only use. */
  float[] sharedMean() {
    return mean;
  }

  /** The std without copying, for the generator's read-only use. */
  float[] sharedStd() {
    return std;
  }

  /** The ZCA matrix without copying, for the generator's read-only use. */
  float[] sharedZcaWhiteningMatrix() {
    return zcaWhiteningMatrix;
  }

  private static float[] copy(float[] a) {
    return a == null ? null : a.clone();
  }

  /** Equal when all three arrays hold the same values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FitStatistics f && Arrays.equals(mean, f.mean) && Arrays.equals(std, f.std)
        && Arrays.equals(zcaWhiteningMatrix, f.zcaWhiteningMatrix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(mean), Arrays.hashCode(std), Arrays.hashCode(zcaWhiteningMatrix));
  }

  @Override
  public String toString() {
    return "FitStatistics[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
        + (zcaWhiteningMatrix == null ? "" : ", zcaWhiteningMatrix of " + zcaWhiteningMatrix.length + " values")
        + "]";
  }

  static FitStatistics compute(ImageDataGenerator gen, float[] x, int[] shape, boolean augment, int rounds,
      RandomSource rng) {
    boolean first = gen.dataFormat() == DataFormat.CHANNELS_FIRST;
    int n = shape[0];
    int h = first ? shape[2] : shape[1];
    int w = first ? shape[3] : shape[2];
    int c = first ? shape[1] : shape[3];
    int per = h * w * c;
    Preconditions.requireArgument(x.length == (long) n * per, "x has %s values but shape %s needs %s", x.length,
        java.util.Arrays.toString(shape), (long) n * per);
    if (c != 1 && c != 3 && c != 4) {
      ImageDataGenerator.LOG.log(System.Logger.Level.WARNING, "Expected input to be images (as Numpy array) "
          + "with 1, 3 or 4 channels; got " + c + " channels.");
    }
    float[] data = first ? Layout.toChannelsLast(x, n, c, h, w) : x.clone();
    if (gen.rescale() != 0) {
      float r = (float) gen.rescale();
      for (int i = 0; i < data.length; i++) {
        data[i] *= r;
      }
    }
    if (augment) {
      float[] ax = new float[data.length * rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < n; i++) {
          float[] sample = java.util.Arrays.copyOfRange(data, i * per, (i + 1) * per);
          Image out = gen.randomTransform(Image.wrap(h, w, c, sample), rng);
          System.arraycopy(out.data(), 0, ax, (i + r * n) * per, per);
        }
      }
      data = ax;
      n *= rounds;
    }
    float[] mean = null;
    float[] std = null;
    float[] zca = null;
    if (gen.featurewiseCenter()) {
      mean = channelMeans(data, c);
      Standardizer.featurewiseCenter(data, mean);
    }
    if (gen.featurewiseStdNormalization()) {
      std = channelStds(data, c);
      Standardizer.featurewiseStd(data, std);
    }
    if (gen.zcaWhitening()) {
      zca = Zca.whiteningMatrix(data, n, per, gen.zcaEpsilon());
    }
    return new FitStatistics(mean, std, zca);
  }

  private static float[] channelMeans(float[] data, int c) {
    double[] s = new double[c];
    for (int i = 0; i < data.length; i++) {
      s[i % c] += data[i];
    }
    float[] m = new float[c];
    for (int k = 0; k < c; k++) {
      m[k] = (float) (s[k] / (data.length / c));
    }
    return m;
  }

  private static float[] channelStds(float[] data, int c) {
    double[] mean = new double[c];
    for (int i = 0; i < data.length; i++) {
      mean[i % c] += data[i];
    }
    int count = data.length / c;
    for (int k = 0; k < c; k++) {
      mean[k] /= count;
    }
    double[] ss = new double[c];
    for (int i = 0; i < data.length; i++) {
      double d = data[i] - mean[i % c];
      ss[i % c] += d * d;
    }
    float[] std = new float[c];
    for (int k = 0; k < c; k++) {
      std[k] = (float) Math.sqrt(ss[k] / count);
    }
    return std;
  }
}
