package dev.tuna.augment.layers;

/**
 * A drawn layer transformation applied to one image at a time, with the same height, width and channels in and out:
 * what {@link Pipeline} chains per image, so that an image goes through consecutive layers while it is still in the
 * processor's cache instead of the whole batch passing through memory once per layer.
 */
interface ImageStep {
  /**
   * Writes the transformed image {@code n} of the batch into {@code dst}.
   *
   * @param n the image's index in the batch (which of the drawn values apply)
   * @param src the input image alone, {@code height * width * channels} values (NHWC)
   * @param dst the output image, the same length; every value is written; not {@code src}
   */
  void apply(int n, float[] src, float[] dst);
}
