package dev.tuna.augment;

import java.util.Locale;

/**
 * How the affine warp fills points that map outside the input, with SciPy's {@code ndimage} semantics
 * (Keras passes {@code fill_mode} to SciPy verbatim).
 */
public enum FillMode {
  /** Outside {@code [0, n-1]} becomes {@code cval}, with a hard edge (no blending). */
  CONSTANT("constant"),
  /** Edge pixels repeat: {@code aaaa|abcd|dddd}. Keras' default. */
  NEAREST("nearest"),
  /** Half-sample symmetric: {@code dcba|abcd|dcba}. */
  REFLECT("reflect"),
  /** SciPy's legacy wrap with period {@code n-1}: the first and last samples overlap. */
  WRAP("wrap"),
  /** Whole-sample symmetric: {@code dcb|abcd|cba}. Undocumented in Keras but accepted by SciPy. */
  MIRROR("mirror");

  private final String kerasName;

  FillMode(String kerasName) {
    this.kerasName = kerasName;
  }

  /**
   * The Keras / SciPy spelling, e.g. {@code "nearest"}.
   *
   * @return the Keras name
   */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Parses a Keras {@code fill_mode} string.
   *
   * @param name Keras' {@code fill_mode}, in any case
   * @return the fill mode
   */
  public static FillMode fromKeras(String name) {
    for (FillMode m : values()) {
      if (m.kerasName.equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("fillMode must be one of constant, nearest, reflect, wrap, mirror but was "
        + name);
  }
}
