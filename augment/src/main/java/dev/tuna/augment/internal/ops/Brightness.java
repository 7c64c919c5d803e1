package dev.tuna.augment.internal.ops;

/**
 * Keras' {@code apply_brightness_shift(x, b, scale=False)}: a round trip through an 8-bit PIL image and
 * {@code ImageEnhance.Brightness}, reproduced in float32 arithmetic so that the quantisation matches Pillow.
 *
 * <p>Images inside {@code [0, 255]} are truncated to bytes, scaled by {@code b} and truncated again; images with
 * values outside that range are min-max stretched to 0–255 first and mapped back afterwards. The output is always
 * integer-valued on the 0–255 path. Supports 1, 3 and 4 channels (the alpha of 4-channel images is kept).
 */
public final class Brightness {
  private Brightness() {}

  /** Applies the brightness factor to an HWC image in place. */
  public static void apply(float[] data, int channels, double factor) {
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("brightness needs 1, 3 or 4 channels (PIL L, RGB, RGBA) but the image has "
          + channels + " (Unsupported channel number)");
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    boolean localScale = lo < 0 || hi > 255;
    float alpha = (float) factor;
    float span = 0;
    if (localScale) {
      // array_to_img(scale=True): x - min, /= max (if != 0), *= 255, all in float32
      span = hi - lo;
      for (int i = 0; i < data.length; i++) {
        float v = data[i] - lo;
        if (span != 0) {
          v /= span;
        }
        data[i] = v * 255f;
      }
    }
    for (int i = 0; i < data.length; i++) {
      int b = toByte(data[i]);
      boolean isAlpha = channels == 4 && i % 4 == 3;
      data[i] = isAlpha ? b : blend(b, alpha);
    }
    if (localScale) {
      float range = hi - lo;
      for (int i = 0; i < data.length; i++) {
        data[i] = data[i] / 255f * range + lo;
      }
    }
  }

  /** NumPy {@code astype(uint8)} of a value that is normally inside [0, 255]: truncation, wrapping modulo 256. */
  private static int toByte(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    return ((int) v) & 0xFF;
  }

  /** Pillow's {@code ImagingBlend(black, img, alpha)} for one byte. */
  private static int blend(int v, float alpha) {
    if (alpha >= 0f && alpha <= 1f) {
      return (int) (alpha * v) & 0xFF;
    }
    float t = alpha * v;
    if (t <= 0f) {
      return 0;
    }
    if (t >= 255f) {
      return 255;
    }
    return (int) t;
  }
}
