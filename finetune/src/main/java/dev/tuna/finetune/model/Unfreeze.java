package dev.tuna.finetune.model;

import java.util.List;
import java.util.Locale;

/**
 * Where the second phase of fine-tuning starts training the base, in Keras layer order: from a named layer, the last
 * {@code n} layers ({@code base.layers[-n:]}), or from the first layer whose name starts with a prefix (a whole
 * block, e.g. {@code "conv5_"} of ResNet50 or {@code "block_16"} of MobileNetV2). Every layer from that point on
 * trains, except BatchNormalization layers of a model built from its Keras config, which stay frozen and in
 * inference mode.
 */
public final class Unfreeze {
  private final String layer;
  private final int last;
  private final String prefix;

  private Unfreeze(String layer, int last, String prefix) {
    this.layer = layer;
    this.last = last;
    this.prefix = prefix;
  }

  /**
   * Trains from {@code layerName} on ({@code base.layers[:index(layerName)]} stay frozen).
   *
   * @param layerName the first layer to train
   * @return the point
   * @throws IllegalArgumentException if the name is blank
   */
  public static Unfreeze from(String layerName) {
    return new Unfreeze(requireName("from", layerName), 0, null);
  }

  /**
   * Trains the last {@code n} layers of the base ({@code base.layers[-n:]}).
   *
   * @param n the number of layers, at least 1
   * @return the point
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Unfreeze last(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("last must be >= 1 but was " + n);
    }
    return new Unfreeze(null, n, null);
  }

  /**
   * Trains from the first layer whose name starts with {@code prefix} on.
   *
   * @param prefix the name prefix, e.g. {@code "block5_"}
   * @return the point
   * @throws IllegalArgumentException if the prefix is blank
   */
  public static Unfreeze prefix(String prefix) {
    return new Unfreeze(null, 0, requireName("prefix", prefix));
  }

  private static String requireName(String option, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(option + " must be a Keras layer name but was " + name);
    }
    return name;
  }

  /**
   * The index of the first layer to train among {@code layerNames} (the base's layers in Keras order).
   *
   * @param layerNames the base's layer names
   * @return the index of the first trained layer; the layers before it stay frozen
   * @throws IllegalArgumentException if no layer has the name or prefix, or {@code n} exceeds the layer count
   */
  public int firstTrained(List<String> layerNames) {
    int n = layerNames.size();
    if (last > 0) {
      if (last > n) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "fineTune: last(%d) exceeds the base's %d layers", last, n));
      }
      return n - last;
    }
    for (int i = 0; i < n; i++) {
      if (layer != null ? layerNames.get(i).equals(layer) : layerNames.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new IllegalArgumentException("fineTune: the base has no layer " + (layer != null ? "named \"" + layer
        : "whose name starts with \"" + prefix) + "\" (its " + n + " layers run from " + layerNames.get(0) + " to "
        + layerNames.get(n - 1) + ")");
  }

  @Override
  public String toString() {
    return layer != null ? "from(" + layer + ")" : last > 0 ? "last(" + last + ")" : "prefix(" + prefix + ")";
  }
}
