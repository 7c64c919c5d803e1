package dev.tuna.augment;

/** Conversions between channels-first and channels-last arrays. */
final class Layout {
  private Layout() {}

  /** NCHW → NHWC. */
  static float[] toChannelsLast(float[] x, int n, int c, int h, int w) {
    float[] out = new float[x.length];
    int plane = h * w;
    for (int i = 0; i < n; i++) {
      int base = i * c * plane;
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < plane; p++) {
          out[base + p * c + ch] = x[base + ch * plane + p];
        }
      }
    }
    return out;
  }

  /** NHWC → NCHW. */
  static float[] toChannelsFirst(float[] x, int n, int h, int w, int c) {
    float[] out = new float[x.length];
    int plane = h * w;
    for (int i = 0; i < n; i++) {
      int base = i * c * plane;
      for (int p = 0; p < plane; p++) {
        for (int ch = 0; ch < c; ch++) {
          out[base + ch * plane + p] = x[base + p * c + ch];
        }
      }
    }
    return out;
  }
}
