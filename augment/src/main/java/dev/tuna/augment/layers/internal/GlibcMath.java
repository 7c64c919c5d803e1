package dev.tuna.augment.layers.internal;

/**
 * glibc's single-precision {@code logf}, {@code sincosf} and {@code expf} as x86-64 glibc (2.28 and later) computes
 * them on a CPU with FMA: the table-driven double-precision algorithms of Arm's optimized-routines (MIT licence), with the fused
 * multiply-adds glibc's FMA build uses. TF's Box-Muller calls these two functions, so their last-bit rounding decides
 * TF's normal samples; TF's scalar {@code exp} (Gaussian kernels) calls {@code expf}. Valid for the arguments TF
 * passes: {@code logf} on normal positive floats, {@code sincosf} on [0, 120), {@code expf} on finite floats.
 */
public final class GlibcMath {
  private static final int OFF = 0x3f330000;
  private static final double[] INVC = {
      0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
      0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
      0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
      0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1};
  private static final double[] LOGC = {
      -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
      -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
      -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
      0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2};
  private static final double LN2 = 0x1.62e42fefa39efp-1;
  private static final double A0 = -0x1.00ea348b88334p-2;
  private static final double A1 = 0x1.5575b0be00b6ap-2;
  private static final double A2 = -0x1.ffffef20a4123p-2;

  private static final double HPI_INV = 0x1.45F306DC9C883p+23;
  private static final double HPI = 0x1.921FB54442D18p0;
  private static final double S1 = -0x1.555545995a603p-3;
  private static final double S2 = 0x1.1107605230bc4p-7;
  private static final double S3 = -0x1.994eb3774cf24p-13;
  private static final double C0 = 0x1p0;
  private static final double C1 = -0x1.ffffffd0c621cp-2;
  private static final double C2 = 0x1.55553e1068f19p-5;
  private static final double C3 = -0x1.6c087e89a359dp-10;
  private static final double C4 = 0x1.99343027bf8c3p-16;
  private static final float PIO4 = (float) 0x1.921FB54442D18p-1;

  private static final long[] EXP2F_TAB = {
      0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
      0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
      0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
      0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
      0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
      0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
      0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
      0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L};
  private static final double EXP_INVLN2N = 0x1.71547652b82fep+0 * 32;
  private static final double EXP_SHIFT = 0x1.8p+52;
  private static final double EXP_C0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
  private static final double EXP_C1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
  private static final double EXP_C2 = 0x1.62e42ff0c52d6p-1 / 32;

  private GlibcMath() {}

  /**
   * glibc's {@code expf}: {@code 2^(k/32)} from a table times a cubic in double precision.
   *
   * @param x the argument
   * @return {@code e^x}, rounded as glibc rounds it (subnormal results are not flushed here)
   */
  public static float expf(float x) {
    if (Float.isNaN(x) || x == Float.POSITIVE_INFINITY) {
      return x + x;
    }
    if (x == Float.NEGATIVE_INFINITY || x < -0x1.9fe368p6f) {
      return 0f;
    }
    if (x > 0x1.62e42ep6f) {
      return Float.POSITIVE_INFINITY;
    }
    double z = EXP_INVLN2N * x;
    double kd = z + EXP_SHIFT;
    long ki = Double.doubleToRawLongBits(kd);
    kd -= EXP_SHIFT;
    double r = z - kd;
    long t = EXP2F_TAB[(int) (ki & 31)];
    t += ki << (52 - 5);
    double s = Double.longBitsToDouble(t);
    double zz = Math.fma(EXP_C0, r, EXP_C1);
    double r2 = r * r;
    double y = Math.fma(EXP_C2, r, 1.0);
    y = Math.fma(zz, r2, y);
    y = y * s;
    return (float) y;
  }

  /**
   * glibc's {@code logf} for a positive normal float.
   *
   * @param x the argument
   * @return the natural logarithm, rounded as glibc rounds it
   */
  public static float logf(float x) {
    int ix = Float.floatToRawIntBits(x);
    if (ix == 0x3f800000) {
      return 0f;
    }
    if (ix - 0x00800000 >= 0x7f800000 - 0x00800000 || ix < 0) {
      return (float) Math.log(x); // zero, subnormal, negative, inf, NaN: outside what TF passes
    }
    int tmp = ix - OFF;
    int i = (tmp >>> (23 - 4)) % 16;
    int k = tmp >> 23;
    int iz = ix - (tmp & (0x1ff << 23));
    double invc = INVC[i];
    double logc = LOGC[i];
    double z = Float.intBitsToFloat(iz);
    double r = Math.fma(z, invc, -1.0);
    double y0 = Math.fma(k, LN2, logc);
    double r2 = r * r;
    double y = Math.fma(A1, r, A2);
    y = Math.fma(A0, r2, y);
    y = Math.fma(y, r2, y0 + r);
    return (float) y;
  }

  /**
   * glibc's {@code sincosf} for {@code 0 <= y < 120}: {@code {sin(y), cos(y)}} into {@code out}.
   *
   * @param y the argument
   * @param out receives the result
   */
  public static void sincosf(float y, float[] out) {
    double x = y;
    if (abstop12(y) < abstop12(PIO4)) {
      if (abstop12(y) < abstop12(0x1p-12f)) {
        out[0] = y;
        out[1] = 1.0f;
        return;
      }
      poly(x, x * x, false, 0, out);
      return;
    }
    if (!(Math.abs(y) < 120f)) {
      out[0] = (float) Math.sin(y);
      out[1] = (float) Math.cos(y);
      return;
    }
    double r = x * HPI_INV;
    int n = ((int) r + 0x800000) >> 24;
    x = Math.fma(-(double) n, HPI, x);
    double s = (n & 3) == 1 || (n & 3) == 2 ? -1.0 : 1.0;
    poly(x * s, x * x, (n & 2) != 0, n, out);
  }

  private static int abstop12(float x) {
    return (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
  }

  private static void poly(double x, double x2, boolean negCos, int n, float[] out) {
    double c0 = negCos ? -C0 : C0;
    double c1 = negCos ? -C1 : C1;
    double c2c = negCos ? -C2 : C2;
    double c3 = negCos ? -C3 : C3;
    double c4 = negCos ? -C4 : C4;
    double x4 = x2 * x2;
    double x3 = x2 * x;
    double c2 = Math.fma(x2, c4, c3);
    double s1 = Math.fma(x2, S3, S2);
    double c1v = Math.fma(x2, c1, c0);
    double x5 = x3 * x2;
    double x6 = x4 * x2;
    double s = Math.fma(x3, S1, x);
    double c = Math.fma(x4, c2c, c1v);
    float sin = (float) Math.fma(x5, s1, s);
    float cos = (float) Math.fma(x6, c2, c);
    if ((n & 1) != 0) {
      out[0] = cos;
      out[1] = sin;
    } else {
      out[0] = sin;
      out[1] = cos;
    }
  }
}
