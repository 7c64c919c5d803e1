package dev.tuna.core.io;

/** A PIL resampling filter, named like Keras' {@code interpolation} argument of {@code load_img}. */
public enum Interpolation {
  NEAREST("nearest", 0),
  BILINEAR("bilinear", 1),
  BICUBIC("bicubic", 2),
  HAMMING("hamming", 1),
  BOX("box", 0.5),
  LANCZOS("lanczos", 3);

  private final String kerasName;
  private final double support;

  Interpolation(String kerasName, double support) {
    this.kerasName = kerasName;
    this.support = support;
  }

  /** The Keras spelling, e.g. {@code bicubic}. */
  public String kerasName() {
    return kerasName;
  }

  /** The filter's support radius in source pixels at scale 1 (PIL {@code struct filter.support}). */
  double support() {
    return support;
  }

  /**
   * Parses a Keras interpolation name.
   *
   * @throws IllegalArgumentException with Keras' message ({@code "Invalid interpolation method X specified. Supported
   *     methods are nearest, bilinear, bicubic, hamming, box, lanczos"}) for anything else
   */
  public static Interpolation parse(String name) {
    for (Interpolation i : values()) {
      if (i.kerasName.equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Invalid interpolation method " + name
        + " specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos");
  }
}
