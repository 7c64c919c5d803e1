package dev.tuna.augment.internal.ops;

/**
 * Keras' {@code apply_channel_shift}: adds one intensity to every channel and clips to the image's own minimum and
 * maximum over all channels. It is a global brightness offset despite its name.
 */
public final class ChannelShift {
  private ChannelShift() {}

  /** Shifts {@code data} in place. */
  public static void apply(float[] data, double intensity) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    float delta = (float) intensity; // NumPy casts the Python float to the array's float32
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.min(Math.max(data[i] + delta, lo), hi);
    }
  }
}
