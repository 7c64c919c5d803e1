package dev.tuna.finetune.model;

/**
 * Input preprocessing baked into the graph, so callers always feed RGB floats in [0, 255]. The same choice is used
 * for training, evaluation and the exported model.
 */
public enum Preprocessing {
  /** Feed values unchanged. */
  NONE,
  /** {@code x * (1/255)} in float32, like {@code ImageDataGenerator(rescale=1./255)} or {@code Rescaling(1/255)}. */
  RESCALE,
  /**
   * {@code keras.applications.vgg16.preprocess_input} ("caffe"): RGB to BGR, then subtract the ImageNet BGR means
   * [103.939, 116.779, 123.68]. The right choice for ImageNet VGG weights.
   */
  CAFFE;

  /** ImageNet channel means in BGR order, as Keras' {@code imagenet_utils} uses them. */
  public static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
}
