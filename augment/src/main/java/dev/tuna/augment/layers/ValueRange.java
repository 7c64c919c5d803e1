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

  @Override
  public String toString() {
    return "(" + Python.repr(low) + ", " + Python.repr(high) + ")";
  }
}
