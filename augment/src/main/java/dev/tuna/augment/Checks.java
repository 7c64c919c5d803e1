package dev.tuna.augment;

import java.util.Locale;

/** Argument and state checks with messages that name the option and show the value. */
final class Checks {
  private Checks() {}

  static void requireArgument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, format, args));
    }
  }

  static void requireState(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  static double requireFinite(String option, double value) {
    requireArgument(Double.isFinite(value), "%s must be a finite number but was %s", option, value);
    return value;
  }
}
