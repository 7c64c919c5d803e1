package dev.tuna.core.io;

import dev.tuna.core.image.Image;

/**
 * Integer samples of a decoded image in HWC order together with their PIL mode. Package-private working format
 * between decoding, colour conversion and resampling.
 */
final class Raster {
  /** No transparent grey value. */
  static final int NO_TRANSPARENCY = -1;

  final int width;
  final int height;
  final PilMode mode;
  final int[] samples;
  /** For {@link PilMode#L}: the grey value that becomes transparent in RGBA (PNG tRNS), or {@link #NO_TRANSPARENCY}. */
  final int transparentGray;

  Raster(int width, int height, PilMode mode, int[] samples, int transparentGray) {
    if (samples.length != (long) width * height * mode.channels()) {
      throw new IllegalArgumentException("samples length " + samples.length + " does not match " + width + "x"
          + height + " " + mode);
    }
    this.width = width;
    this.height = height;
    this.mode = mode;
    this.samples = samples;
    this.transparentGray = transparentGray;
  }

  Raster(int width, int height, PilMode mode, int[] samples) {
    this(width, height, mode, samples, NO_TRANSPARENCY);
  }

  int channels() {
    return mode.channels();
  }

  Image toImage() {
    float[] out = new float[samples.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = samples[i];
    }
    return Image.wrap(height, width, mode.channels(), out);
  }
}
