package dev.tuna.core.internal;

import java.util.Locale;

/**
 * The project's one set of argument and state checks. Messages name the option or file and show the value, in the
 * house shape {@code "rotationRange must be >= 0 but was -1"}. Builders reject a second set of the same option
 * ({@link #requireUnset}) and a null value ({@link #requireNonNull}).
 */
public final class Preconditions {
  private Preconditions() {}

  /** Throws {@link IllegalArgumentException} with the formatted message unless {@code ok}. */
  public static void requireArgument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, format, args));
    }
  }

  /** Throws {@link IllegalStateException} with the formatted message unless {@code ok}. */
  public static void requireState(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  /** Returns {@code value}; throws {@link NullPointerException} naming {@code option} when it is null. */
  public static <T> T requireNonNull(String option, T value) {
    if (value == null) {
      throw new NullPointerException(option + " must not be null");
    }
    return value;
  }

  /** Throws {@link IllegalStateException} when a builder option was already set ({@code alreadySet}). */
  public static void requireUnset(boolean alreadySet, String option, Object previous) {
    if (alreadySet) {
      throw new IllegalStateException(String.format(Locale.ROOT, "%s was already set to %s", option, previous));
    }
  }

  /** Returns {@code value} when it is finite; else throws {@link IllegalArgumentException} naming the option. */
  public static double requireFinite(String option, double value) {
    requireArgument(Double.isFinite(value), "%s must be a finite number but was %s", option, value);
    return value;
  }

  /** Returns {@code value} when it is a NumPy seed, in [0, 2^32); else throws naming the option. */
  public static long requireSeed(String option, long value) {
    requireArgument(value >= 0 && value <= 0xFFFF_FFFFL, "%s must be in [0, 2^32) but was %s", option, value);
    return value;
  }
}
