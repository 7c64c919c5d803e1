package dev.tuna.augment.layers;

/** Windows cut from and padding added to NHWC batches, as Python slices and TF concatenations do. */
final class Crops {
  private Crops() {}

  /** The window {@code [top, top + rows) × [left, left + cols)} of every image (inside the image). */
  static float[] window(float[] src, int n, int h, int w, int c, int top, int left, int rows, int cols) {
    float[] out = new float[n * rows * cols * c];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < rows; y++) {
        System.arraycopy(src, ((b * h + top + y) * w + left) * c, out, ((b * rows + y) * cols) * c, cols * c);
      }
    }
    return out;
  }

  /** Every image placed at {@code (top, left)} of an {@code outH × outW} canvas of {@code fill}. */
  static float[] pad(float[] src, int n, int h, int w, int c, int top, int left, int outH, int outW, float fill) {
    float[] out = new float[n * outH * outW * c];
    java.util.Arrays.fill(out, fill);
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(src, ((b * h + y) * w) * c, out, ((b * outH + top + y) * outW + left) * c, w * c);
      }
    }
    return out;
  }

  /**
   * Keras' {@code smart_resize} window in Python arithmetic: the largest centred window of the target aspect ratio,
   * as {@code {top, left, rows, cols}}.
   */
  static int[] aspectWindow(int h, int w, int targetH, int targetW) {
    int cropH = Math.max(Math.min(h, (int) ((double) (w * targetH) / targetW)), 1);
    int cropW = Math.max(Math.min(w, (int) ((double) (h * targetW) / targetH)), 1);
    return new int[] {(int) ((double) (h - cropH) / 2), (int) ((double) (w - cropW) / 2), cropH, cropW};
  }
}
