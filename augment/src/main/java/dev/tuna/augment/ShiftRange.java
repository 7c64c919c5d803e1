package dev.tuna.augment;

import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.random.RandomSource;
import java.util.Arrays;
import java.util.List;

/**
 * Keras' {@code width_shift_range}/{@code height_shift_range} value with its three meanings: a float {@code v}
 * draws {@code uniform(-v, v)}; an int {@code n} draws {@code choice(n)} times a random sign; a list draws one
 * element times a random sign. Fractions ({@code max < 1}) are multiplied by the image dimension.
 */
public final class ShiftRange {
  /** No shift; nothing is drawn. */
  public static final ShiftRange NONE = new ShiftRange(Kind.FLOAT, 0, new double[0]);

  private enum Kind { FLOAT, INT, LIST }

  private final Kind kind;
  private final double value;
  private final double[] choices;

  private ShiftRange(Kind kind, double value, double[] choices) {
    this.kind = kind;
    this.value = value;
    this.choices = choices;
  }

  /**
   * A Python float range: {@code uniform(-v, v)}, times the dimension when {@code v < 1}.
   *
   * @param v the range, finite
   * @return the shift range
   */
  public static ShiftRange ofFloat(double v) {
    Preconditions.requireFinite("shift range", v);
    return v == 0 ? NONE : new ShiftRange(Kind.FLOAT, v, null);
  }

  /**
   * A Python int range: {@code choice(n)} times a random sign, in pixels.
   *
   * @param n the range in pixels
   * @return the shift range
   */
  public static ShiftRange ofInt(int n) {
    return n == 0 ? NONE : new ShiftRange(Kind.INT, n, null);
  }

  /**
   * A list of choices: one element times a random sign, times the dimension when every value is below 1.
   *
   * @param values the choices, finite
   * @return the shift range
   */
  public static ShiftRange ofChoices(List<? extends Number> values) {
    double[] c = values.stream().mapToDouble(Number::doubleValue).toArray();
    for (double v : c) {
      Preconditions.requireFinite("shift range choice", v);
    }
    return c.length == 0 ? NONE : new ShiftRange(Kind.LIST, 0, c);
  }

  /**
   * Whether no shift is drawn (Keras' falsy value).
   *
   * @return true for no shift
   */
  public boolean isNone() {
    return this == NONE;
  }

  private double max() {
    return kind == Kind.LIST ? Arrays.stream(choices).max().orElse(0) : value;
  }

  /** Draws one shift for an axis of length {@code dim}, consuming the random source exactly like Keras. */
  double sample(RandomSource rng, int dim) {
    if (isNone()) {
      return 0;
    }
    double s;
    if (kind == Kind.LIST) {
      s = choices[(int) rng.randint(choices.length)];
      s *= rng.randint(2) == 0 ? -1 : 1;
    } else if (kind == Kind.INT && value > 0) {
      s = rng.randint((long) value);
      s *= rng.randint(2) == 0 ? -1 : 1;
    } else {
      // Python float, or a negative int that numpy's choice rejects: Keras falls back to uniform(-v, v)
      s = rng.uniform(-value, value);
    }
    if (max() < 1) {
      s *= dim;
    }
    return s + 0.0; // Python ints have no negative zero; -0.0 and 0.0 are the same shift

  }

  /** Keras' spelling of the value, e.g. {@code 0.2}, {@code 3} or {@code [-8.0, 0.0, 8.0]}. */
  @Override
  public String toString() {
    switch (kind) {
      case INT:
        return Integer.toString((int) value);
      case LIST:
        return Arrays.toString(choices);
      default:
        return Double.toString(value);
    }
  }
}
