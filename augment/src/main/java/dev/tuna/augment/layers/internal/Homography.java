package dev.tuna.augment.layers.internal;

/**
 * Keras' {@code compute_homography_matrix} on the TensorFlow backend in float32, as TF evaluates it: the 8 × 8
 * system {@code tf.linalg.solve} gets is solved the way Eigen's {@code PartialPivLU} does for TF's row-major
 * matrices (unblocked LU with partial pivoting, then both triangular solves one term at a time, the diagonal applied
 * as a multiplication by its reciprocal); {@code tf.linalg.inv} of the 3 × 3 homography the same way.
 */
public final class Homography {
  private Homography() {}

  /**
   * The 8 transform values that map each output point to its input point: {@code end} corners (the output) to
   * {@code start} corners (the input).
   *
   * @param start 4 corners {@code x, y}, 8 values
   * @param end 4 corners {@code x, y}, 8 values
   * @return {@code a0, a1, a2, b0, b1, b2, c0, c1}
   * @throws IllegalArgumentException when the system is singular (TF's error)
   */
  public static float[] compute(float[] start, float[] end) {
    float[] a = new float[64];
    float[] b = new float[8];
    for (int i = 0; i < 4; i++) {
      float sx = start[2 * i];
      float sy = start[2 * i + 1];
      float ex = end[2 * i];
      float ey = end[2 * i + 1];
      int r = 16 * i;
      a[r] = ex;
      a[r + 1] = ey;
      a[r + 2] = 1;
      a[r + 6] = -sx * ex;
      a[r + 7] = -sx * ey;
      a[r + 8 + 3] = ex;
      a[r + 8 + 4] = ey;
      a[r + 8 + 5] = 1;
      a[r + 8 + 6] = -sy * ex;
      a[r + 8 + 7] = -sy * ey;
      b[2 * i] = sx;
      b[2 * i + 1] = sy;
    }
    int[] pivots = lu(a, 8);
    return solve(a, pivots, b, 8);
  }

  /**
   * {@code tf.linalg.inv} of a row-major n × n float32 matrix.
   *
   * @param m the matrix, {@code n * n} values (not modified)
   * @param n the size
   * @return the inverse, row-major
   * @throws IllegalArgumentException when the matrix is singular (TF's error)
   */
  public static float[] inverse(float[] m, int n) {
    float[] a = m.clone();
    int[] pivots = lu(a, n);
    float[] out = new float[n * n];
    for (int j = 0; j < n; j++) {
      float[] e = new float[n];
      e[j] = 1;
      float[] x = solve(a, pivots, e, n);
      for (int i = 0; i < n; i++) {
        out[i * n + j] = x[i];
      }
    }
    return out;
  }

  /** Eigen's {@code unblocked_lu} in place; returns the row transpositions. */
  private static int[] lu(float[] a, int n) {
    int[] pivots = new int[n];
    for (int k = 0; k < n; k++) {
      int p = k;
      float biggest = Math.abs(a[k * n + k]);
      for (int r = k + 1; r < n; r++) {
        float v = Math.abs(a[r * n + k]);
        if (v > biggest) {
          biggest = v;
          p = r;
        }
      }
      pivots[k] = p;
      if (biggest != 0) {
        if (p != k) {
          for (int c = 0; c < n; c++) {
            float t = a[k * n + c];
            a[k * n + c] = a[p * n + c];
            a[p * n + c] = t;
          }
        }
        float pivot = a[k * n + k];
        for (int r = k + 1; r < n; r++) {
          a[r * n + k] /= pivot;
        }
      }
      for (int r = k + 1; r < n; r++) {
        float l = a[r * n + k];
        for (int c = k + 1; c < n; c++) {
          a[r * n + c] -= l * a[k * n + c];
        }
      }
    }
    for (int k = 0; k < n; k++) {
      if (!(Math.abs(a[k * n + k]) > 0)) {
        throw new IllegalArgumentException("Input matrix is not invertible.");
      }
    }
    return pivots;
  }

  /** The permuted right-hand side through the unit-lower, then the upper triangle, one term at a time. */
  private static float[] solve(float[] lu, int[] pivots, float[] rhs, int n) {
    float[] x = rhs.clone();
    for (int k = 0; k < n; k++) {
      float t = x[k];
      x[k] = x[pivots[k]];
      x[pivots[k]] = t;
    }
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < j; k++) {
        x[j] -= x[k] * lu[j * n + k];
      }
    }
    for (int j = n - 1; j >= 0; j--) {
      for (int k = j + 1; k < n; k++) {
        x[j] -= x[k] * lu[j * n + k];
      }
      x[j] *= 1f / lu[j * n + j];
    }
    return x;
  }
}
