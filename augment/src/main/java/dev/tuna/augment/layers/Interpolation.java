package dev.tuna.augment.layers;

import java.util.Locale;

/** The {@code interpolation} of Keras' geometric layers. */
public enum Interpolation {
  /** {@code "nearest"}: the nearest pixel (TF rounds halves away from zero). */
  NEAREST,
  /** {@code "bilinear"}: the four neighbouring pixels, weighted. */
  BILINEAR;

  /**
   * The Keras name, e.g. {@code "bilinear"}.
   *
   * @return the Keras name
   */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The interpolation of a Keras name.
   *
   * @param name {@code "nearest"} or {@code "bilinear"}
   * @return the interpolation
   * @throws IllegalArgumentException for other names
   */
  public static Interpolation fromKeras(String name) {
    for (Interpolation i : values()) {
      if (i.kerasName().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("interpolation must be one of nearest, bilinear but was " + name);
  }

  dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation kernel() {
    return this == NEAREST ? dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation.NEAREST : dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation.BILINEAR;
  }
}
