package dev.tuna.augment.layers;

/**
 * TF's {@code depthwise_conv2d(images, kernel, strides=1, padding="SAME")} with one kernel shared by every channel,
 * as TF's CPU kernel (oneDNN on an FMA CPU) evaluates it: per output value a fused multiply-add over the kernel taps
 * in row-major order, starting from 0, with zero padding ({@code (k - 1) / 2} before, the rest after).
 */
final class DepthwiseConv {
  private DepthwiseConv() {}

  /**
   * The convolution of NHWC {@code images}.
   *
   * @param kernel {@code kh * kw} taps, row-major
   */
  static float[] same(float[] images, int n, int h, int w, int c, float[] kernel, int kh, int kw) {
    float[] out = new float[images.length];
    int top = (kh - 1) / 2;
    int left = (kw - 1) / 2;
    for (int b = 0; b < n; b++) {
      int base = b * h * w * c;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            float acc = 0f;
            for (int i = 0; i < kh; i++) {
              int sy = y + i - top;
              if (sy < 0 || sy >= h) {
                continue;
              }
              for (int j = 0; j < kw; j++) {
                int sx = x + j - left;
                if (sx >= 0 && sx < w) {
                  acc = Math.fma(kernel[i * kw + j], images[base + (sy * w + sx) * c + k], acc);
                }
              }
            }
            out[base + (y * w + x) * c + k] = acc;
          }
        }
      }
    }
    return out;
  }

  /** Swaps the height and width axes of NHWC pixels (Keras' {@code swapaxes(-3, -1)} on NCHW). */
  static float[] swapHw(float[] a, int n, int h, int w, int c) {
    float[] out = new float[a.length];
    for (int b = 0; b < n; b++) {
      int base = b * h * w * c;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          System.arraycopy(a, base + (y * w + x) * c, out, base + (x * h + y) * c, c);
        }
      }
    }
    return out;
  }
}
