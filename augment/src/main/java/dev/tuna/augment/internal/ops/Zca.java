package dev.tuna.augment.internal.ops;

/**
 * Keras' (current) ZCA whitening matrix: with centred data {@code X} of {@code n} rows and {@code d} columns and the
 * thin SVD {@code Xᵀ = U·diag(s)·Vᵀ}, {@code W = U·diag(√n / (s + ε))·Uᵀ}. Computed through a symmetric eigen
 * decomposition of the smaller Gram matrix (cyclic Jacobi, double precision).
 */
public final class Zca {
  private Zca() {}

  /** Returns the {@code d × d} whitening matrix, row-major. */
  public static float[] whiteningMatrix(float[] x, int n, int d, double epsilon) {
    int k = Math.min(n, d);
    double[][] u = new double[d][k];
    double[] s = new double[k];
    if (d <= n) {
      double[][] gram = new double[d][d];
      for (int i = 0; i < n; i++) {
        int row = i * d;
        for (int a = 0; a < d; a++) {
          double xa = x[row + a];
          if (xa == 0) {
            continue;
          }
          for (int b = a; b < d; b++) {
            gram[a][b] += xa * x[row + b];
          }
        }
      }
      mirror(gram);
      double[][] vecs = new double[d][d];
      double[] vals = jacobi(gram, vecs);
      int[] order = descending(vals);
      for (int j = 0; j < k; j++) {
        s[j] = Math.sqrt(Math.max(vals[order[j]], 0));
        for (int a = 0; a < d; a++) {
          u[a][j] = vecs[a][order[j]];
        }
      }
    } else {
      double[][] gram = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double t = 0;
          for (int a = 0; a < d; a++) {
            t += (double) x[i * d + a] * x[j * d + a];
          }
          gram[i][j] = t;
        }
      }
      mirror(gram);
      double[][] vecs = new double[n][n];
      double[] vals = jacobi(gram, vecs);
      int[] order = descending(vals);
      for (int j = 0; j < k; j++) {
        s[j] = Math.sqrt(Math.max(vals[order[j]], 0));
        for (int a = 0; a < d; a++) {
          double t = 0;
          for (int i = 0; i < n; i++) {
            t += x[i * d + a] * vecs[i][order[j]];
          }
          u[a][j] = s[j] > 0 ? t / s[j] : 0;
        }
      }
    }
    double sqrtN = Math.sqrt(n);
    float[] w = new float[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double t = 0;
        for (int j = 0; j < k; j++) {
          t += u[a][j] * (sqrtN / (s[j] + epsilon)) * u[b][j];
        }
        w[a * d + b] = (float) t;
      }
    }
    return w;
  }

  private static void mirror(double[][] m) {
    for (int a = 0; a < m.length; a++) {
      for (int b = 0; b < a; b++) {
        m[a][b] = m[b][a];
      }
    }
  }

  private static int[] descending(double[] vals) {
    return java.util.stream.IntStream.range(0, vals.length).boxed()
        .sorted((i, j) -> Double.compare(vals[j], vals[i])).mapToInt(Integer::intValue).toArray();
  }

  /** Cyclic Jacobi: diagonalises symmetric {@code a} (destroyed), eigenvectors into the columns of {@code v}. */
  static double[] jacobi(double[][] a, double[][] v) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int p = 0; p < n; p++) {
        diag += a[p][p] * a[p][p];
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < n; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
          }
          for (int r = 0; r < n; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
          }
          for (int r = 0; r < n; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = c * vrp - s * vrq;
            v[r][q] = s * vrp + c * vrq;
          }
        }
      }
    }
    double[] vals = new double[n];
    for (int i = 0; i < n; i++) {
      vals[i] = a[i][i];
    }
    return vals;
  }
}
