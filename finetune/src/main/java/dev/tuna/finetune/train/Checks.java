package dev.tuna.finetune.train;

import java.util.Locale;

/** Argument checks with the house message shape: option name, rule, received value. */
final class Checks {
  private Checks() {}

  static void learningRate(double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "learningRate must be > 0 but was %s", lr));
    }
  }

  static void range(String name, double v, double lo, double hi, boolean closedLow) {
    boolean ok = (closedLow ? v >= lo : v > lo) && v < hi;
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in %s%s, %s) but was %s", name,
          closedLow ? "[" : "(", lo, hi == Double.MAX_VALUE ? "inf" : hi, v));
    }
  }
}
