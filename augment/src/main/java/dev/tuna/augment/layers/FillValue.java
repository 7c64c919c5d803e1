package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * The {@code fillValue} builder option of Resizing and RandomPerspective (Keras' {@code fill_value}): a finite number,
 * kept as float32, default 0, set once.
 */
final class FillValue {
  private float value;
  private boolean set;

  /** Sets the value; throws IllegalStateException when already set, IllegalArgumentException when not finite. */
  void set(double newValue) {
    requireUnset(set, "fillValue", value);
    requireArgument(Double.isFinite(newValue), "fillValue must be finite but was %s", newValue);
    this.value = (float) newValue;
    this.set = true;
  }

  /** The value set, or 0. */
  float get() {
    return value;
  }
}
