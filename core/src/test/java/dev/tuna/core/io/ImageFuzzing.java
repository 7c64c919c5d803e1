package dev.tuna.core.io;

import dev.tuna.core.image.Image;

/**
 * The property every image fuzz target checks: {@link ImageLoader#load(byte[], String)} either returns an image of
 * a consistent shape or throws {@link ImageDecodeException} naming the source; any other exception, an error or a
 * hang is a finding. Each input is loaded twice: with Keras' defaults (the JPEG fast path) and with a colour mode,
 * resize filter and aspect-ratio crop chosen from the input's length.
 *
 * <p>The decoder's pixel limit is 2^22 so that every image the fuzzer can declare fits the fuzzing JVM's 512 MB
 * heap; PIL's default limit (179 million pixels) is exercised by the regression tests of oversized headers.
 */
public final class ImageFuzzing {
  static final String NAME = "fuzz-input";
  static final ImageDecoder DECODER = ImageDecoder.builder().maxPixels(1 << 22).build();

  private static final ImageLoader DEFAULTS = ImageLoader.builder().decoder(DECODER).build();
  private static final ImageLoader[] VARIANTS = variants();

  private ImageFuzzing() {}

  private static ImageLoader[] variants() {
    ColorMode[] modes = ColorMode.values();
    Interpolation[] filters = Interpolation.values();
    ImageLoader[] out = new ImageLoader[modes.length * filters.length * 2];
    int k = 0;
    for (ColorMode mode : modes) {
      for (Interpolation filter : filters) {
        for (boolean keep : new boolean[] {false, true}) {
          out[k++] = ImageLoader.builder().decoder(DECODER).colorMode(mode).interpolation(filter)
              .targetSize(keep ? 5 : 9, keep ? 11 : 4).keepAspectRatio(keep).build();
        }
      }
    }
    return out;
  }

  /** Checks one input; throws {@link AssertionError} (or whatever escaped) on a finding. */
  public static void check(byte[] data) {
    if (!load(DEFAULTS, data)) {
      return;
    }
    load(VARIANTS[Math.floorMod(data.length * 31 + (data.length > 0 ? data[data.length - 1] : 0), VARIANTS.length)],
        data);
  }

  /** Loads {@code data}; true if it decoded, false on a proper {@link ImageDecodeException}. */
  private static boolean load(ImageLoader loader, byte[] data) {
    Image image;
    try {
      image = loader.load(data, NAME);
    } catch (ImageDecodeException e) {
      if (!e.getMessage().startsWith(NAME + ": ") || !NAME.equals(e.source())) {
        throw new AssertionError("ImageDecodeException without the source name: " + e.getMessage(), e);
      }
      return false;
    }
    int channels = loader.colorMode() == ColorMode.GRAYSCALE ? 1 : loader.colorMode() == ColorMode.RGBA ? 4 : 3;
    if (image.channels() != channels || image.height() < 1 || image.width() < 1
        || (loader.hasTargetSize() && (image.height() != loader.targetHeight()
            || image.width() != loader.targetWidth()))) {
      throw new AssertionError(loader + " returned " + image);
    }
    for (float v : image.data()) {
      if (!Float.isFinite(v)) {
        throw new AssertionError(loader + " returned a non-finite value: " + v);
      }
    }
    return true;
  }
}
