package dev.tuna.finetune.model;

/**
 * One layer of the rebuilt network as Keras lists it: index in {@code model.layers}, name and kind.
 *
 * @param index Keras layer index (0 is the input layer)
 * @param name Keras layer name, e.g. {@code block5_conv1}
 * @param kind what the layer does
 * @param filters output channels of a convolution, otherwise 0
 */
public record Layer(int index, String name, Kind kind, int filters) {
  /** Layer kinds of a VGG backbone. */
  public enum Kind {
    /** The input layer. */
    INPUT,
    /** A 3×3 same-padded ReLU convolution. */
    CONV,
    /** A 2×2 max pool. */
    POOL
  }
}
