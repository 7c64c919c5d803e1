package dev.tuna.finetune.model;

import java.util.Locale;

/**
 * Input preprocessing baked into the graph, so callers always feed RGB floats in [0, 255]. The same choice is used
 * for training, evaluation and the exported model. {@link #CAFFE}, {@link #TF} and {@link #TORCH} are the modes of
 * {@code keras.applications.imagenet_utils.preprocess_input}; {@link #auto} picks the one Keras documents for a
 * recognised application.
 */
public enum Preprocessing {
  /** Feed values unchanged (models that carry their own Rescaling/Normalization layers). */
  NONE,
  /** {@code x * (1/255)} in float32, like {@code ImageDataGenerator(rescale=1./255)} or {@code Rescaling(1/255)}. */
  RESCALE,
  /**
   * {@code keras.applications.vgg16.preprocess_input} ("caffe"): RGB to BGR, then subtract the ImageNet BGR means
   * [103.939, 116.779, 123.68]. The right choice for ImageNet VGG and ResNet50 weights.
   */
  CAFFE,
  /** Mode "tf": {@code x / 127.5 - 1}, to [-1, 1] (MobileNet, MobileNetV2, ResNetV2, Xception, InceptionV3). */
  TF,
  /** Mode "torch": {@code (x / 255 - mean) / std} with the ImageNet RGB mean and std (DenseNet). */
  TORCH;

  /** ImageNet channel means in BGR order, as Keras' {@code imagenet_utils} uses them. */
  public static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
  /** ImageNet channel means in RGB order of mode "torch". */
  public static final float[] TORCH_MEAN = {0.485f, 0.456f, 0.406f};
  /** ImageNet channel standard deviations in RGB order of mode "torch". */
  public static final float[] TORCH_STD = {0.229f, 0.224f, 0.225f};

  /**
   * The rule {@code auto}: the preprocessing Keras documents for the {@code keras.applications} model named
   * {@code modelName} (Keras' model name, e.g. {@code resnet50}, {@code mobilenetv2_1.00_224}):
   * <ul>
   *   <li>{@link #CAFFE} for VGG16/VGG19 and ResNet50/101/152 ({@code vgg*}, {@code resnet<n>});
   *   <li>{@link #TF} for MobileNet, MobileNetV2, ResNet50V2/101V2/152V2, Xception, InceptionV3,
   *       InceptionResNetV2 and NASNet;
   *   <li>{@link #TORCH} for DenseNet;
   *   <li>{@link #NONE} for EfficientNet, EfficientNetV2, MobileNetV3, ConvNeXt and RegNet, which carry their own
   *       Rescaling/Normalization layers, and for any model not recognised (fed as {@code model.predict} takes it).
   * </ul>
   *
   * @param modelName the Keras model name
   * @return the preprocessing
   */
  public static Preprocessing auto(String modelName) {
    String n = modelName == null ? "" : modelName.toLowerCase(Locale.ROOT);
    if (n.startsWith("vgg") || n.matches("resnet\\d+")) {
      return CAFFE;
    }
    if (n.matches("resnet\\d+v2") || n.startsWith("mobilenet_") || n.startsWith("mobilenetv2")
        || n.equals("xception") || n.startsWith("inception") || n.startsWith("nasnet")) {
      return TF;
    }
    if (n.startsWith("densenet")) {
      return TORCH;
    }
    return NONE;
  }
}
