package dev.tuna.spark;

/**
 * A frozen feature extractor loaded on an executor: NHWC RGB images in [0, 255] in, one feature array per image
 * out. {@link FeatureExtractor} finds implementations through a {@link BackboneLoader}.
 */
public interface Backbone extends AutoCloseable {
  /**
   * The shape of one image's features, e.g. {@code {h, w, c}} of a last pooling layer.
   *
   * @return the shape
   */
  int[] outputShape();

  /**
   * The features of a batch.
   *
   * @param images {@code n} NHWC images of the loaded input size
   * @param n the batch size
   * @return {@code n} feature arrays, concatenated
   */
  float[] features(float[] images, int n);

  /** Frees the backbone's native resources. */
  @Override
  void close();
}
