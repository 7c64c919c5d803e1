package dev.tuna.finetune.model;

import java.util.Locale;

/**
 * Which backbone layers stay frozen, in Keras layer indexing ({@code base.layers[:n]} frozen). Frozen layers become
 * graph constants; the rest train.
 */
public final class FreezePolicy {
  private final int first;
  private final String upTo;
  private final String from;

  private FreezePolicy(int first, String upTo, String from) {
    this.first = first;
    this.upTo = upTo;
    this.from = from;
  }

  /**
   * Freezes every block but the last: {@code layers[:15]} (through {@code block4_pool}) for VGG16.
   *
   * @return the policy
   */
  public static FreezePolicy allButLastBlock() {
    return new FreezePolicy(-1, null, null);
  }

  /**
   * Freezes Keras layers {@code [0, n)}, like {@code for l in base.layers[:n]: l.trainable = False}.
   *
   * @param n the number of leading layers to freeze, {@code >= 0}
   * @return the policy
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static FreezePolicy first(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("freezeFirst must be >= 0 but was " + n);
    }
    return new FreezePolicy(n, null, null);
  }

  /**
   * Freezes every layer up to and including {@code layerName}; {@code upTo("block4_pool")} equals {@code first(15)}.
   *
   * @param layerName the last frozen layer
   * @return the policy
   */
  public static FreezePolicy upTo(String layerName) {
    return new FreezePolicy(-1, requireName(layerName), null);
  }

  /**
   * Freezes every layer before {@code layerName}, like the tutorial's {@code set_trainable} from block5_conv1.
   *
   * @param layerName the first trainable layer
   * @return the policy
   */
  public static FreezePolicy trainableFrom(String layerName) {
    return new FreezePolicy(-1, null, requireName(layerName));
  }

  /**
   * Trains everything.
   *
   * @return the policy
   */
  public static FreezePolicy none() {
    return first(0);
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("layerName must be a Keras layer name but was " + name);
    }
    return name;
  }

  /**
   * The number of frozen leading layers for {@code arch}.
   *
   * @param arch the backbone
   * @return the frozen layer count
   * @throws IllegalArgumentException if the policy names a layer {@code arch} lacks or an index past its end
   */
  public int frozenLayers(VggArchitecture arch) {
    int n = arch.layers().size();
    if (upTo != null) {
      return arch.layer(upTo).index() + 1;
    }
    if (from != null) {
      return arch.layer(from).index();
    }
    if (first >= 0) {
      if (first > n) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "freezeFirst must be <= %d (the backbone's layer count) but was %d", n, first));
      }
      return first;
    }
    for (Layer l : arch.layers()) {
      if (l.kind() == Layer.Kind.POOL && l.name().equals("block" + (arch.blocks() - 1) + "_pool")) {
        return l.index() + 1;
      }
    }
    return 1;
  }

  /**
   * The number of frozen leading layers of a model built from its Keras config, whose top-level layers are
   * {@code layerNames} in Keras order.
   *
   * @param layerNames the model's top-level layer names
   * @return the frozen layer count
   * @throws IllegalArgumentException if the policy names a layer the model lacks, an index past its end, or is
   *     {@link #allButLastBlock()} (VGG blocks only)
   */
  public int frozenLayers(java.util.List<String> layerNames) {
    int n = layerNames.size();
    String name = upTo != null ? upTo : from;
    if (name != null) {
      int i = layerNames.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException(toString() + ": the model has no layer named \"" + name + "\" (its " + n
            + " layers run from " + layerNames.get(0) + " to " + layerNames.get(n - 1) + ")");
      }
      return upTo != null ? i + 1 : i;
    }
    if (first < 0) {
      throw new IllegalArgumentException("allButLastBlock is for VGG backbones; use freezeFirst(n) or "
          + "trainableFrom(layer)");
    }
    if (first > n) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "freezeFirst must be <= %d (the model's layer count) but was %d", n, first));
    }
    return first;
  }

  @Override
  public String toString() {
    return upTo != null ? "freezeUpTo(" + upTo + ")" : from != null ? "trainableFrom(" + from + ")"
        : first >= 0 ? "freezeFirst(" + first + ")" : "allButLastBlock";
  }
}
