package dev.tuna.core.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The options a builder has been given, for the house rule that each option is set at most once and never to null:
 * {@link #set} throws {@link NullPointerException} {@code "X must not be null"} for a null value and
 * {@link IllegalStateException} {@code "X was already set to V"} for a second set. A builder made from an existing
 * object ({@code newBuilder()}) starts with a fresh {@code BuilderOptions}, so each option can be changed once.
 */
public final class BuilderOptions {
  private final Map<String, String> shown = new HashMap<>();

  /**
   * Records {@code option} as set to {@code value} and returns {@code value}.
   *
   * @param <T> the value's type
   * @param option the option's name, as in the builder's setter
   * @param value the new value
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException if {@code option} was already set
   */
  public <T> T set(String option, T value) {
    Preconditions.requireNonNull(option, value);
    return mark(option, value);
  }

  /**
   * Records {@code option} as set, showing {@code value} in a later message (for options given as several
   * arguments, such as a height and a width), and returns it.
   *
   * @param <T> the value's type
   * @param option the option's name, as in the builder's setter
   * @param value what a later message shows as the option's value
   * @return {@code value}
   * @throws IllegalStateException if {@code option} was already set
   */
  public <T> T mark(String option, T value) {
    Preconditions.requireUnset(shown.containsKey(option), option, shown.get(option));
    shown.put(option, show(value));
    return value;
  }

  /**
   * Whether {@code option} was set.
   *
   * @param option the option's name
   * @return true after {@link #set} or {@link #mark} for it
   */
  public boolean isSet(String option) {
    return shown.containsKey(option);
  }

  private static String show(Object value) {
    if (value instanceof double[] d) {
      return Arrays.toString(d);
    }
    if (value instanceof int[] i) {
      return Arrays.toString(i);
    }
    if (value instanceof Object[] o) {
      return Arrays.deepToString(o);
    }
    return String.valueOf(value);
  }
}
