package dev.tuna.augment.internal.warp;

/**
 * The pull map {@code (r_in, c_in) = A·(r, c) + b} that Keras' {@code apply_affine_transform} hands to SciPy,
 * built with Keras' composition {@code M = R·S·Sh·Z}, centred and axis-swapped exactly as Keras does.
 *
 * <p>By default the centre offsets are Keras': {@code h/2 − 0.5} on the column axis and {@code w/2 − 0.5} on the
 * row axis, which is correct only for square images. {@code trueCentre} uses {@code (w−1)/2} for columns and
 * {@code (h−1)/2} for rows instead.
 */
public final class AffineMatrix {
  /** Row-major 2×3: {@code a00 a01 b0 / a10 a11 b1}. */
  private final double[] m;

  private AffineMatrix(double[] m) {
    this.m = m;
  }

  /**
   * Builds the map for an {@code height × width} image, or returns null when every component is neutral (Keras
   * then returns the input untouched).
   */
  public static AffineMatrix of(double thetaDeg, double tx, double ty, double shearDeg, double zx, double zy,
      int height, int width, boolean trueCentre) {
    if (neutral(thetaDeg, tx, ty, shearDeg, zx, zy)) {
      return null;
    }
    double[][] t = null;
    if (thetaDeg != 0) {
      double th = Math.toRadians(thetaDeg);
      double c = Math.cos(th);
      double s = Math.sin(th);
      t = new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }
    if (tx != 0 || ty != 0) {
      t = times(t, new double[][] {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}});
    }
    if (shearDeg != 0) {
      double sh = Math.toRadians(shearDeg);
      t = times(t, new double[][] {{1, -Math.sin(sh), 0}, {0, Math.cos(sh), 0}, {0, 0, 1}});
    }
    if (zx != 1 || zy != 1) {
      t = times(t, new double[][] {{zx, 0, 0}, {0, zy, 0}, {0, 0, 1}});
    }
    // Keras: transform_matrix_offset_center(M, h, w) puts h on the first axis, which after the swap below is the
    // column axis.
    double o1 = trueCentre ? width / 2.0 - 0.5 : height / 2.0 - 0.5;
    double o2 = trueCentre ? height / 2.0 - 0.5 : width / 2.0 - 0.5;
    double[][] centred = times(times(new double[][] {{1, 0, o1}, {0, 1, o2}, {0, 0, 1}}, t),
        new double[][] {{1, 0, -o1}, {0, 1, -o2}, {0, 0, 1}});
    // Keras swaps the first two rows and columns before calling SciPy.
    return new AffineMatrix(new double[] {
        centred[1][1], centred[1][0], centred[1][2],
        centred[0][1], centred[0][0], centred[0][2]});
  }

  /**
   * Whether every component is neutral (no rotation, shift or shear, zoom 1), so that {@link #of} returns null and
   * Keras leaves the image untouched.
   */
  public static boolean neutral(double thetaDeg, double tx, double ty, double shearDeg, double zx, double zy) {
    return thetaDeg == 0 && tx == 0 && ty == 0 && shearDeg == 0 && zx == 1 && zy == 1;
  }

  /** A map given directly as {@code r_in = a00·r + a01·c + b0}, {@code c_in = a10·r + a11·c + b1}. */
  public static AffineMatrix ofPullMap(double a00, double a01, double b0, double a10, double a11, double b1) {
    return new AffineMatrix(new double[] {a00, a01, b0, a10, a11, b1});
  }

  private static double[][] times(double[][] a, double[][] b) {
    if (a == null) {
      return b;
    }
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
      }
    }
    return r;
  }

  /** {@code a00, a01, b0, a10, a11, b1} in a new array, the native kernels' layout. */
  double[] coefficients() {
    return m.clone();
  }

  public double a00() {
    return m[0];
  }

  public double a01() {
    return m[1];
  }

  public double b0() {
    return m[2];
  }

  public double a10() {
    return m[3];
  }

  public double a11() {
    return m[4];
  }

  public double b1() {
    return m[5];
  }

  /** The input row sampled for output pixel {@code (r, c)}, in SciPy's operation order. */
  public double rowIn(int r, int c) {
    return r * m[0] + c * m[1] + m[2];
  }

  /** The input column sampled for output pixel {@code (r, c)}, in SciPy's operation order. */
  public double colIn(int r, int c) {
    return r * m[3] + c * m[4] + m[5];
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "[[%s, %s, %s], [%s, %s, %s]]", m[0], m[1], m[2], m[3], m[4], m[5]);
  }
}
