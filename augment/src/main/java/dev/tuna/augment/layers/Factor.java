package dev.tuna.augment.layers;

import java.util.Locale;

/**
 * Keras' {@code _set_factor}: a number {@code f} becomes {@code (max(-|f|, lowerBound), |f|)}, a pair is sorted;
 * values outside the layer's bounds are rejected with Keras' message.
 */
final class Factor {
  private Factor() {}

  static double[] of(String name, double factor, double lowerBound, double upperBound) {
    if (!(factor >= lowerBound && factor <= upperBound)) {
      throw error(name, Python.repr(factor), lowerBound, upperBound);
    }
    double f = Math.abs(factor);
    return new double[] {Math.max(-f, lowerBound), f};
  }

  static double[] of(String name, double lower, double upper, double lowerBound, double upperBound) {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upperBound || upper < lowerBound) {
      throw error(name, "(" + Python.repr(lower) + ", " + Python.repr(upper) + ")", lowerBound, upperBound);
    }
    return new double[] {Math.min(lower, upper), Math.max(lower, upper)};
  }

  private static IllegalArgumentException error(String name, String received, double lo, double hi) {
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "The `%s` argument should be a number (or a list of two numbers) in the range [%s, %s]. Received: "
            + "factor=%s", name, Python.repr(lo), Python.repr(hi), received));
  }
}
