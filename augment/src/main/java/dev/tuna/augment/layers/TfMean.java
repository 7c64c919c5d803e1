package dev.tuna.augment.layers;

/**
 * TF's {@code reduce_mean} on the CPU in float32, in Eigen's summation order (sum, then divide by the count), for
 * 8-float packets (AVX): a reduction over a middle axis sums rows in order, or, for outputs evaluated as a packet
 * that lies within one inner row and at least 16 rows, in four interleaved accumulators; a reduction over the
 * innermost axis uses packet lanes (four accumulators from 32 values on, a tree split above 8192 values).
 */
final class TfMean {
  private static final int P = 8;
  private static final int LEAF = 1024;

  private TfMean() {}

  /** Reads element {@code (outer, mid, inner)} of the reduced tensor. */
  interface Source {
    float get(int outer, int mid, int inner);
  }

  /**
   * The mean over the middle axis of an {@code (outer, mid, inner)} tensor.
   *
   * @return {@code outer * inner} means, row-major
   */
  static float[] middle(Source x, int outer, int mid, int inner) {
    int total = outer * inner;
    int vecEnd = total / P * P;
    float[] out = new float[total];
    float count = mid;
    for (int o = 0; o < total; o++) {
      int a = o / inner;
      int b = o % inner;
      int packetStart = o - o % P;
      boolean packet = o < vecEnd && (packetStart % inner) + P - 1 < inner;
      float sum;
      if (packet && mid >= 16) {
        int unrolled = mid / 4 * 4;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int j = 0; j < unrolled; j += 4) {
          s0 += x.get(a, j, b);
          s1 += x.get(a, j + 1, b);
          s2 += x.get(a, j + 2, b);
          s3 += x.get(a, j + 3, b);
        }
        s0 += s1;
        s0 += s2;
        s0 += s3;
        for (int j = unrolled; j < mid; j++) {
          s0 += x.get(a, j, b);
        }
        sum = s0;
      } else {
        sum = 0f;
        for (int j = 0; j < mid; j++) {
          sum += x.get(a, j, b);
        }
      }
      out[o] = sum / count;
    }
    return out;
  }

  /**
   * The mean over the innermost axis of {@code rows} rows of {@code n} values stored contiguously in {@code v}.
   *
   * @return one mean per row
   */
  static float[] inner(float[] v, int rows, int n) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = sum(v, r * n, n) / (float) n;
    }
    return out;
  }

  /** Eigen's {@code InnerMostDimReducer} (vectorised, tree) for a sum of {@code n} values from {@code first}. */
  static float sum(float[] v, int first, int n) {
    if (n > P * LEAF) {
      int split = P * ceilDiv(first + ceilDiv(n, 2), P);
      int numLeft = Math.min(split - first, n);
      float accum = 0f + sum(v, first, numLeft);
      if (numLeft < n) {
        accum += sum(v, split, n - numLeft);
      }
      return accum;
    }
    float[] p0 = new float[P];
    int start = 0;
    if (n >= 4 * P) {
      float[] p1 = new float[P];
      float[] p2 = new float[P];
      float[] p3 = new float[P];
      int v4 = n / (4 * P) * (4 * P);
      for (int j = 0; j < v4; j += 4 * P) {
        for (int l = 0; l < P; l++) {
          p0[l] += v[first + j + l];
          p1[l] += v[first + j + P + l];
          p2[l] += v[first + j + 2 * P + l];
          p3[l] += v[first + j + 3 * P + l];
        }
      }
      for (int l = 0; l < P; l++) {
        p0[l] += p1[l];
        p0[l] += p2[l];
        p0[l] += p3[l];
      }
      start = v4;
    }
    if (start <= n - P) {
      int vec = n / P * P;
      for (int j = start; j < vec; j += P) {
        for (int l = 0; l < P; l++) {
          p0[l] += v[first + j + l];
        }
      }
      start = vec;
    }
    float s = 0f;
    for (int j = start; j < n; j++) {
      s += v[first + j];
    }
    float l0 = p0[0] + p0[4];
    float l1 = p0[1] + p0[5];
    float l2 = p0[2] + p0[6];
    float l3 = p0[3] + p0[7];
    return s + ((l0 + l2) + (l1 + l3));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
