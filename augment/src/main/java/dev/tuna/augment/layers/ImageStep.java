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

  /**
   * Writes the transformed image {@code n} into {@code dst}, reading it from the whole batch's array; by default
   * through a copy into {@code tmp}.
   *
   * @param n the image's index in the batch
   * @param images the batch's NHWC images
   * @param offset where image {@code n} starts in {@code images}
   * @param tmp an array of one image this call may overwrite, not {@code dst}
   * @param dst the output image; every value is written
   */
  default void applyFromBatch(int n, float[] images, int offset, float[] tmp, float[] dst) {
    System.arraycopy(images, offset, tmp, 0, tmp.length);
    apply(n, tmp, dst);
  }
}
