package dev.tuna.finetune.graph;

import java.util.Arrays;

/**
 * One weight a Keras layer needs, described as Keras describes it.
 *
 * @param layer the Keras layer name (unique in the flattened model)
 * @param layerClass the Keras class name, e.g. {@code DepthwiseConv2D}
 * @param index the weight's position in the layer's {@code layer.weights} (the {@code vars/<index>} of a Keras 3
 *     weights file)
 * @param name the Keras weight name: {@code kernel}, {@code bias}, {@code gamma}, {@code moving_mean} …
 * @param shape the weight's shape, Keras' layout (HWIO kernels)
 * @param trainable whether Keras counts it as trainable (moving statistics are not)
 */
public record WeightSpec(String layer, String layerClass, int index, String name, long[] shape, boolean trainable) {
  /**
   * Keeps a copy of the shape array.
   *
   * @param layer the Keras layer name
   * @param layerClass the Keras class name
   * @param index the position in {@code layer.weights}
   * @param name the Keras weight name
   * @param shape the shape
   * @param trainable whether Keras trains it
   */
  public WeightSpec {
    shape = shape.clone();
  }

  /**
   * The number of scalars.
   *
   * @return the product of the shape
   */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * The shape.
   *
   * @return a copy of the shape
   */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The weight's key in the seeded-weight scheme of the parity fixtures.
   *
   * @return {@code layer/index}
   */
  public String key() {
    return layer + "/" + index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightSpec w && w.layer.equals(layer) && w.index == index && w.name.equals(name)
        && Arrays.equals(w.shape, shape) && w.trainable == trainable && w.layerClass.equals(layerClass);
  }

  @Override
  public int hashCode() {
    return (layer.hashCode() * 31 + index) * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return layer + "/" + name + Arrays.toString(shape);
  }
}
