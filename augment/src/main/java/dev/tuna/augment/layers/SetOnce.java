package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * A builder option with a default that can be set once: a null value and a second set are rejected with the house
 * messages naming the option.
 *
 * @param <T> the value type
 */
final class SetOnce<T> {
  private final String option;
  private T value;
  private boolean set;

  SetOnce(String option, T defaultValue) {
    this.option = option;
    this.value = defaultValue;
  }

  /** Sets the value; throws NullPointerException for null and IllegalStateException when already set. */
  void set(T newValue) {
    requireNonNull(option, newValue);
    requireUnset(set, option, value);
    this.value = newValue;
    this.set = true;
  }

  /** The value set, or the default. */
  T get() {
    return value;
  }
}
