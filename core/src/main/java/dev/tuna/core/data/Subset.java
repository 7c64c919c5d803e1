package dev.tuna.core.data;

import dev.tuna.core.internal.Preconditions;

/** Which side of a {@code validation_split} to list, like Keras' {@code subset}. */
public enum Subset {
  /** The files after the first {@code floor(validationSplit * n)}. */
  TRAINING("training"),
  /** The first {@code floor(validationSplit * n)} files. */
  VALIDATION("validation");

  private final String kerasName;

  Subset(String kerasName) {
    this.kerasName = kerasName;
  }

  /** {@return the Keras spelling, {@code training} or {@code validation}} */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Parses {@code "training"} or {@code "validation"}.
   *
   * @param name Keras' {@code subset}
   * @return the subset
   * @throws IllegalArgumentException with Keras' message for anything else
   */
  public static Subset parse(String name) {
    for (Subset s : values()) {
      if (s.kerasName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Invalid subset name: " + name + ";expected \"training\" or \"validation\"");
  }

  /**
   * A builder's {@code validationSplit(requested)}: returns {@code requested} when {@code current} is unset (NaN).
   *
   * @throws IllegalStateException when it was already set
   * @throws IllegalArgumentException unless {@code 0 <= requested < 1}
   */
  static double checkValidationSplit(double current, double requested) {
    Preconditions.requireUnset(!Double.isNaN(current), "validationSplit", current);
    Preconditions.requireArgument(requested >= 0 && requested < 1, "validationSplit must be in [0, 1) but was %s",
        requested);
    return requested;
  }

  /** Keras' {@code (start, stop)} fractions: validation {@code (0, vs)}, training {@code (vs, 1)}. */
  int[] range(double validationSplit, int n) {
    return this == VALIDATION ? new int[] {0, (int) (validationSplit * n)}
        : new int[] {(int) (validationSplit * n), (int) (1.0 * n)};
  }
}
