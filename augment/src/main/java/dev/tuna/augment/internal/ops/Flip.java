package dev.tuna.augment.internal.ops;

/** Reverses the column axis (horizontal flip) or the row axis (vertical flip) of an HWC image in place. */
public final class Flip {
  private Flip() {}

  /** Reverses the columns of every row. */
  public static void horizontal(float[] data, int height, int width, int channels) {
    for (int r = 0; r < height; r++) {
      int row = r * width * channels;
      for (int a = 0, b = width - 1; a < b; a++, b--) {
        swap(data, row + a * channels, row + b * channels, channels);
      }
    }
  }

  /** Reverses the order of the rows. */
  public static void vertical(float[] data, int height, int width, int channels) {
    int rowLen = width * channels;
    for (int a = 0, b = height - 1; a < b; a++, b--) {
      swap(data, a * rowLen, b * rowLen, rowLen);
    }
  }

  private static void swap(float[] data, int i, int j, int n) {
    for (int k = 0; k < n; k++) {
      float t = data[i + k];
      data[i + k] = data[j + k];
      data[j + k] = t;
    }
  }
}
