package dev.tuna.core.io;

/** The PIL image modes a decoded {@link Raster} can be in; they decide colour conversion and resampling rules. */
enum PilMode {
  /** 8-bit grey ("1", "L" and grey palettes all decode to this). */
  L(1),
  /** 8-bit RGB. */
  RGB(3),
  /** 8-bit RGBA (also grey+alpha and palettes with transparency, which convert identically). */
  RGBA(4),
  /** 16-bit unsigned grey, PIL {@code I;16}. */
  I16(1),
  /**
   * 16-bit unsigned big-endian grey, PIL {@code I;16B} (big-endian TIFFs). Keras' grayscale mode does not keep it
   * and PIL's {@code convert("L")} clips it to 255.
   */
  I16B(1),
  /** 32-bit signed grey, PIL {@code I}. */
  I32(1),
  /** 8-bit CMYK, PIL {@code CMYK} (already un-inverted). */
  CMYK(4);

  private final int channels;

  PilMode(int channels) {
    this.channels = channels;
  }

  int channels() {
    return channels;
  }
}
