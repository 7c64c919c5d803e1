package dev.tuna.augment.layers;

/**
 * TF's {@code rgb_to_hsv} and {@code hsv_to_rgb} kernels ({@code colorspace_op.h}) in float32, on interleaved
 * 3-channel pixels, with TF's operation order.
 */
final class Hsv {
  private static final float SIXTH = 1f / 6f;
  private static final float TWO_SIXTHS = 2f / 6f;
  private static final float FOUR_SIXTHS = 4f / 6f;

  private Hsv() {}

  /** Converts {@code rgb[p..p+2]} to H, S, V in {@code out[0..2]}. */
  static void toHsv(float[] rgb, int p, float[] out) {
    float r = rgb[p];
    float g = rgb[p + 1];
    float b = rgb[p + 2];
    float v = Math.max(Math.max(r, g), b);
    float range = v - Math.min(Math.min(r, g), b);
    float s = v > 0 ? range / v : 0f;
    float norm = (1f / range) * SIXTH;
    float h;
    if (r == v) {
      h = norm * (g - b);
    } else if (g == v) {
      h = norm * (b - r) + TWO_SIXTHS;
    } else {
      h = norm * (r - g) + FOUR_SIXTHS;
    }
    if (!(range > 0)) {
      h = 0f;
    }
    if (h < 0) {
      h = h + 1f;
    }
    out[0] = h;
    out[1] = s;
    out[2] = v;
  }

  /** Converts H, S, V at {@code hsv[p..p+2]} to RGB in {@code out[p..p+2]}. */
  static void toRgb(float h, float s, float v, float[] out, int p) {
    float dh = h * 6f;
    float dr = clamp01(Math.abs(dh - 3f) - 1f);
    float dg = clamp01(-Math.abs(dh - 2f) + 2f);
    float db = clamp01(-Math.abs(dh - 4f) + 2f);
    float oneS = -s + 1f;
    out[p] = (oneS + s * dr) * v;
    out[p + 1] = (oneS + s * dg) * v;
    out[p + 2] = (oneS + s * db) * v;
  }

  private static float clamp01(float x) {
    return Math.min(Math.max(x, 0f), 1f);
  }

  /** Rejects images without three channels, with Keras' wording. */
  static void requireRgb(LayerBatch batch, String layer) {
    if (batch.channels() != 3) {
      throw new IllegalArgumentException(layer + " needs 3-channel RGB images but got " + batch.channels()
          + " channels");
    }
  }
}
