package dev.tuna.augment.layers.internal;

/**
 * TensorFlow's float32 {@code sin}/{@code cos} over a tensor: Eigen's vectorised {@code psincos_float} for the
 * elements that fill whole 8-wide packets (AVX), glibc's {@code sinf}/{@code cosf} for the remainder, as TF's CPU
 * kernels split a 1-D tensor.
 */
public final class EigenTrig {
  /** Floats per packet of TF's CPU build. */
  static final int PACKET = 8;

  private EigenTrig() {}

  /**
   * {@code tf.sin} (or {@code tf.cos}) of every element.
   *
   * @param x the angles in radians
   * @param sine true for sin, false for cos
   * @return the values
   */
  public static float[] apply(float[] x, boolean sine) {
    float[] out = new float[x.length];
    int vectorised = x.length / PACKET * PACKET;
    float[] sc = new float[2];
    for (int i = 0; i < x.length; i++) {
      if (i < vectorised && Math.abs(x[i]) < 18838f) {
        out[i] = packet(x[i], sine);
      } else {
        GlibcMath.sincosf(x[i], sc);
        out[i] = sine ? sc[0] : sc[1];
      }
    }
    return out;
  }

  /** Eigen's {@code pmadd} in TF's build (no FMA instructions): two roundings. */
  private static float madd(float a, float b, float c) {
    return a * b + c;
  }

  /** One lane of Eigen's {@code psincos_float} (arguments below its huge-argument threshold). */
  static float packet(float in, boolean sine) {
    float x = Math.abs(in);
    float y = x * 0.636619746685028076171875f;
    float yRound = y + 12582912f;
    int yInt = Float.floatToRawIntBits(yRound);
    y = yRound - 12582912f;
    // Cody-Waite reduction by pi/2 in four float parts
    x = y * -1.5703125f + x;
    x = y * -0.000483989715576171875f + x;
    x = y * 1.62865035235881805419921875e-07f + x;
    x = y * 5.5644315544167710640977020375430583953857421875e-11f + x;
    int sign = (sine ? Float.floatToRawIntBits(in) ^ (yInt << 30) : (yInt + 1) << 30) & 0x80000000;
    boolean even = (yInt & 1) == 0;
    float x2 = x * x;
    float y1 = 2.4372266125283204019069671630859375e-05f;
    y1 = madd(y1, x2, -0.00138865201734006404876708984375f);
    y1 = madd(y1, x2, 0.041666619479656219482421875f);
    y1 = madd(y1, x2, -0.5f);
    y1 = madd(y1, x2, 1f);
    float y2 = -0.0001959234114083702898469196984621021329076029360294342041015625f;
    y2 = madd(y2, x2, 0.0083326873655616851693794799871284340042620897293090820312500000f);
    y2 = madd(y2, x2, -0.1666666203982298255503735617821803316473960876464843750000000000f);
    y2 = y2 * x2;
    y2 = madd(y2, x, x);
    float r = sine == even ? y2 : y1;
    return Float.intBitsToFloat(Float.floatToRawIntBits(r) ^ sign);
  }
}
