package dev.tuna.core.io;

/** A PIL resampling filter, named like Keras' {@code interpolation} argument of {@code load_img}. */
public enum Interpolation {
  /** PIL's {@code NEAREST}. */
  NEAREST("nearest", 0),
  /** PIL's {@code BILINEAR} (triangle filter). */
  BILINEAR("bilinear", 1),
  /** PIL's {@code BICUBIC}. */
  BICUBIC("bicubic", 2),
  /** PIL's {@code HAMMING}. */
  HAMMING("hamming", 1),
  /** PIL's {@code BOX}. */
  BOX("box", 0.5),
  /** PIL's {@code LANCZOS}. */
  LANCZOS("lanczos", 3);

  private final String kerasName;
  private final double support;

  Interpolation(String kerasName, double support) {
    this.kerasName = kerasName;
    this.support = support;
  }

  /**
   * The Keras spelling, e.g. {@code bicubic}.
   *
   * @return the Keras name
   */
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
   * @param name the Keras name, e.g. {@code bilinear}
   * @return the interpolation
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
