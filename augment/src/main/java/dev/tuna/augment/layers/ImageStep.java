package dev.tuna.augment.layers;

/**
 * A drawn layer transformation applied to one image at a time, with the same height, width and channels in and out:
 * what {@link Pipeline} chains per image, so that an image goes through consecutive layers while it is still in the
 * processor's cache instead of the whole batch passing through memory once per layer. The input and the output are
 * each given as an array and an offset, so that a chain writes its last output into the returned batch, each image
 * in its place, without a copy, and a first step that reads its input in order reads it straight from the batch.
 */
interface ImageStep {
  /**
   * Writes the transformed image {@code n} of the batch into {@code dst} from {@code dstOffset}.
   *
   * @param n the image's index in the batch (which of the drawn values apply)
   * @param src holds the input image, {@code height * width * channels} values (NHWC) from {@code srcOffset}
   * @param srcOffset where the input image starts in {@code src}
   * @param dst receives the output image, the same number of values from {@code dstOffset}: every one of them is
   *     written and no other value of {@code dst}; not {@code src}
   * @param dstOffset where the output image starts in {@code dst}
   */
  void apply(int n, float[] src, int srcOffset, float[] dst, int dstOffset);

  /**
   * Whether the step reads image {@code n} row after row, in memory order (a flip, an image left as it is): then a
   * chain lets it read the image straight from the batch. Steps that read elsewhere (a rotation's slanted rows) get
   * a copy of the image, in the cache, first: their scattered reads from memory cost more than the copy. False by
   * default.
   *
   * @param n the image's index in the batch
   * @return whether the step reads image {@code n} in order
   */
  default boolean readsInOrder(int n) {
    return false;
  }
}
