package dev.tuna.finetune.model;

import java.util.Locale;

/**
 * The classifier on top of the backbone, either the lecture's Flatten → Dense(units, relu) → Dropout(rate) →
 * Dense(classes, softmax) ({@link #of}) or the keras.io guide's GlobalAveragePooling2D → Dropout(rate) →
 * Dense(classes, softmax) ({@link #globalAveragePooling}); either fits any backbone. Kernels start Glorot-uniform
 * from the seeded source, biases at zero (see {@link HeadInit}).
 */
public final class Head {
  /** Keras tutorial default width of the hidden Dense layer. */
  public static final int DEFAULT_UNITS = 256;
  /** Keras tutorial default dropout rate. */
  public static final double DEFAULT_DROPOUT = 0.5;

  private final int classes;
  private final int units;
  private final double dropout;
  private final boolean pooling;

  private Head(int classes, int units, double dropout, boolean pooling) {
    this.classes = classes;
    this.units = units;
    this.dropout = dropout;
    this.pooling = pooling;
  }

  /** The keras.io transfer-learning guide's dropout rate before its softmax layer. */
  public static final double GAP_DROPOUT = 0.2;

  /**
   * The keras.io transfer-learning head {@code GlobalAveragePooling2D -> Dropout(0.2) -> Dense(classes, softmax)},
   * the default for backbones other than VGG (on a VGG backbone it averages the last pooling block's output).
   *
   * @param classes the class count, {@code >= 2}
   * @return the head
   * @throws IllegalArgumentException if {@code classes < 2}
   */
  public static Head globalAveragePooling(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2 but was " + classes);
    }
    return new Head(classes, 0, GAP_DROPOUT, true);
  }

  /** {@return whether this is the GlobalAveragePooling2D head (no hidden Dense layer)} */
  public boolean globalAveragePooling() {
    return pooling;
  }

  /**
   * The lecture's head {@code Flatten -> Dense(256, relu) -> Dropout(0.5) -> Dense(classes, softmax)}: {@code
   * classes} softmax outputs, {@value #DEFAULT_UNITS} hidden units and dropout {@value #DEFAULT_DROPOUT}; the default
   * for VGG backbones.
   *
   * @param classes the class count, {@code >= 2}
   * @return the head
   * @throws IllegalArgumentException if {@code classes < 2}
   */
  public static Head of(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2 but was " + classes);
    }
    return new Head(classes, DEFAULT_UNITS, DEFAULT_DROPOUT, false);
  }

  /**
   * A copy with {@code units} hidden units (positive).
   *
   * @param units the hidden units
   * @return the new head
   * @throws IllegalArgumentException if {@code units < 1}
   * @throws IllegalStateException on the GlobalAveragePooling2D head, which has no hidden layer
   */
  public Head withUnits(int units) {
    if (pooling) {
      throw new IllegalStateException("the GlobalAveragePooling2D head has no hidden Dense layer to size");
    }
    if (units < 1) {
      throw new IllegalArgumentException("units must be positive but was " + units);
    }
    return new Head(classes, units, dropout, false);
  }

  /**
   * A copy with dropout {@code rate} in [0, 1); 0 disables dropout.
   *
   * @param rate the dropout rate
   * @return the new head
   * @throws IllegalArgumentException unless {@code 0 <= rate < 1}
   */
  public Head withDropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "dropout must be in [0, 1) but was %s", rate));
    }
    return new Head(classes, units, rate, pooling);
  }

  /** {@return the number of softmax outputs} */
  public int classes() {
    return classes;
  }

  /** {@return the number of hidden units, 0 for the GlobalAveragePooling2D head} */
  public int units() {
    return units;
  }

  /** {@return the dropout rate, 0 for none} */
  public double dropout() {
    return dropout;
  }

  @Override
  public String toString() {
    if (pooling) {
      return String.format(Locale.ROOT, "Head[GlobalAveragePooling2D -> Dropout(%s) -> Dense(%d, softmax)]",
          dropout, classes);
    }
    return String.format(Locale.ROOT, "Head[Dense(%d, relu) -> Dropout(%s) -> Dense(%d, softmax)]", units, dropout,
        classes);
  }
}
