package dev.tuna.core.io;

import java.util.Locale;

/** The colour mode an image is converted to after decoding, like Keras' {@code color_mode}. */
public enum ColorMode {
  /** Three channels; PIL {@code convert("RGB")}: alpha dropped, grey replicated, palettes expanded. */
  RGB("rgb", 3),
  /** Four channels; PIL {@code convert("RGBA")}: opaque alpha unless the file carries transparency. */
  RGBA("rgba", 4),
  /**
   * One channel; PIL {@code convert("L")} with ITU-R 601-2 luma {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16},
   * except that 16- and 32-bit grey images (PIL modes {@code I;16} and {@code I}) keep their full range.
   */
  GRAYSCALE("grayscale", 1);

  private final String kerasName;
  private final int channels;

  ColorMode(String kerasName, int channels) {
    this.kerasName = kerasName;
    this.channels = channels;
  }

  /**
   * The Keras spelling: {@code rgb}, {@code rgba} or {@code grayscale}.
   *
   * @return the Keras name
   */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Number of channels of images in this mode.
   *
   * @return the channel count
   */
  public int channels() {
    return channels;
  }

  /**
   * Parses a Keras {@code color_mode} string.
   *
   * @param name Keras' {@code color_mode}
   * @return the mode
   * @throws IllegalArgumentException with Keras' message for anything else
   */
  public static ColorMode parse(String name) {
    for (ColorMode mode : values()) {
      if (mode.kerasName.equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "Invalid color mode: %s; expected \"rgb\", \"rgba\", or \"grayscale\".", name));
  }
}
