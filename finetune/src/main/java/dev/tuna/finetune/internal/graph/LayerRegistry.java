package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.load.KerasModelException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The supported Keras layer classes by class name. */
public final class LayerRegistry {
  private static final Map<String, KerasLayer> LAYERS = Map.ofEntries(
      Map.entry("Conv2D", new Conv2DLayer()),
      Map.entry("DepthwiseConv2D", new DepthwiseConv2DLayer()),
      Map.entry("SeparableConv2D", new SeparableConv2DLayer()),
      Map.entry("BatchNormalization", new BatchNormalizationLayer()),
      Map.entry("LayerNormalization", new LayerNormalizationLayer()),
      Map.entry("Normalization", new NormalizationLayer()),
      Map.entry("Rescaling", new RescalingLayer()),
      Map.entry("Activation", new ActivationLayer()),
      Map.entry("ReLU", new ReLULayer()),
      Map.entry("Add", new MergeLayer(false)),
      Map.entry("Multiply", new MergeLayer(true)),
      Map.entry("Concatenate", new ConcatenateLayer()),
      Map.entry("ZeroPadding2D", new ZeroPadding2DLayer()),
      Map.entry("MaxPooling2D", new Pooling2DLayer(true)),
      Map.entry("AveragePooling2D", new Pooling2DLayer(false)),
      Map.entry("GlobalAveragePooling2D", new GlobalPooling2DLayer(false)),
      Map.entry("GlobalMaxPooling2D", new GlobalPooling2DLayer(true)),
      Map.entry("Reshape", new ReshapeLayer()),
      Map.entry("Flatten", new FlattenLayer()),
      Map.entry("Dense", new DenseLayer()),
      Map.entry("Dropout", new IdentityLayer(Set.of("rate", "noise_shape", "seed"))),
      Map.entry("LayerScale", new LayerScaleLayer()));

  /** {@code keras.ops} operations (recorded in functional configs) that tuna runs, a subset of the layers. */
  private static final Set<String> OPERATIONS = Set.of("Add", "Multiply");

  private LayerRegistry() {}

  /**
   * Every supported class name.
   *
   * @return the names, sorted, InputLayer and the model classes included
   */
  public static Set<String> supported() {
    Set<String> all = new TreeSet<>(LAYERS.keySet());
    all.add("InputLayer");
    all.addAll(ModelConfig.MODEL_CLASSES);
    return all;
  }

  /** The implementation of {@code layer}, or a failure naming the layer, its class and the supported classes. */
  static KerasLayer find(ModelConfig.Layer layer) {
    boolean operation = layer.module().startsWith("keras.src.ops");
    KerasLayer found = LAYERS.get(layer.className());
    if (found == null || (operation && !OPERATIONS.contains(layer.className()))) {
      String what = operation ? "the keras.ops operation " + layer.className()
          : layer.className().equals("Lambda") ? "a Lambda layer (Python code, which tuna cannot run)"
          : "class " + layer.className() + (layer.module().isEmpty() ? "" : " from " + layer.module());
      throw new KerasModelException("layer " + layer.name() + " is " + what + ", which tuna does not support; "
          + "supported layers: " + String.join(", ", supported())
          + (operation ? "; supported keras.ops operations: " + new TreeSet<>(OPERATIONS) : ""));
    }
    return found;
  }
}
