package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireFinite;

/** A layer's {@code value_range}: the lower and upper pixel value, as Keras keeps them (sorted where Keras sorts). */
record ValueRange(double low, double high) {
  static final ValueRange DEFAULT = new ValueRange(0, 255);

  static ValueRange of(double low, double high) {
    requireFinite("valueRange low", low);
    requireFinite("valueRange high", high);
    return new ValueRange(low, high);
  }

  ValueRange sorted() {
    return low <= high ? this : new ValueRange(high, low);
  }

  float lowF() {
    return (float) low;
  }

  float highF() {
    return (float) high;
  }

  /** Whether Keras' {@code _transform_value_range} between this range and (0, 255) is the identity. */
  boolean is255() {
    return low == 0 && high == 255;
  }

  /** Keras' {@code _transform_value_range} from this range to (0, 255), in float32. */
  float to255(float x) {
    return is255() ? x : (x - lowF()) / (highF() - lowF()) * 255f + 0f;
  }

  /** Keras' {@code _transform_value_range} from (0, 255) to this range, in float32. */
  float from255(float x) {
    return is255() ? x : (x - 0f) / (255f - 0f) * (highF() - lowF()) + lowF();
  }

  @Override
  public String toString() {
    return "(" + Python.repr(low) + ", " + Python.repr(high) + ")";
  }
}
