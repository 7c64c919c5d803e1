package dev.tuna.core.image;

/** The axis order of the pixels in an {@link ImageBatch}. */
public enum ImageLayout {
  /** {@code [n, height, width, channels]}, channels last (Keras' {@code channels_last}). */
  NHWC,
  /** {@code [n, channels, height, width]}, channels first (Keras' {@code channels_first}). */
  NCHW
}
