package dev.tuna.core.io;

import dev.tuna.core.image.Image;
import dev.tuna.core.internal.Preconditions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Keras' {@code img_to_array(load_img(path, color_mode, target_size, interpolation, keep_aspect_ratio))}: decode
 * (see {@link ImageDecoder}), convert the colour mode, and resize with PIL's rules when the size differs from the
 * target (see {@link Resize}). The result is a float image with values 0–255 (0–65535 for 16-bit grey files in
 * grayscale mode), channels-last.
 *
 * <p>Instances are immutable and thread-safe. Defaults: {@link ColorMode#RGB}, original size,
 * {@link Interpolation#NEAREST}, no aspect-ratio crop, {@link ImageDecoder#defaults()}.
 */
public final class ImageLoader {
  private final ColorMode colorMode;
  private final int targetHeight;
  private final int targetWidth;
  private final Interpolation interpolation;
  private final boolean keepAspectRatio;
  private final ImageDecoder decoder;
  private final boolean paletteIndices;

  private ImageLoader(Builder b) {
    this.colorMode = b.colorMode == null ? ColorMode.RGB : b.colorMode;
    this.targetHeight = b.targetHeight;
    this.targetWidth = b.targetWidth;
    this.interpolation = b.interpolation == null ? Interpolation.NEAREST : b.interpolation;
    this.keepAspectRatio = b.keepAspectRatio != null && b.keepAspectRatio;
    this.decoder = b.decoder == null ? ImageDecoder.defaults() : b.decoder;
    this.paletteIndices = b.paletteIndices != null && b.paletteIndices;
  }

  /** {@return a builder with Keras' {@code load_img} defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the colour mode, as Keras' {@code color_mode}} */
  public ColorMode colorMode() {
    return colorMode;
  }

  /**
   * Whether a target size is set; without one images keep their size.
   *
   * @return true if images are resized
   */
  public boolean hasTargetSize() {
    return targetHeight > 0;
  }

  /**
   * The target height, or 0 without a target size.
   *
   * @return the target height
   */
  public int targetHeight() {
    return targetHeight;
  }

  /**
   * The target width, or 0 without a target size.
   *
   * @return the target width
   */
  public int targetWidth() {
    return targetWidth;
  }

  /** {@return the resampling filter, as Keras' {@code interpolation}} */
  public Interpolation interpolation() {
    return interpolation;
  }

  /** {@return whether images are centre-cropped to the target aspect ratio, as Keras' {@code keep_aspect_ratio}} */
  public boolean keepAspectRatio() {
    return keepAspectRatio;
  }

  /** {@return the decoder} */
  public ImageDecoder decoder() {
    return decoder;
  }

  /** {@return whether palette PNGs give their palette indices rather than their colours} */
  public boolean paletteIndices() {
    return paletteIndices;
  }

  /**
   * Loads the image file at {@code path}.
   *
   * @param path the image file
   * @return the image, values 0–255
   * @throws IOException if the file cannot be read or decoded ({@link ImageDecodeException})
   */
  public Image load(Path path) throws IOException {
    return load(ImageDecoder.readFile(path), path.toString());
  }

  /**
   * {@link #load(Path)} reusing {@code buffer} for the pixels where the decoder allows it (a colour JPEG with
   * Keras' defaults: RGB, nearest resize or none, no aspect-ratio crop) and {@code buffer} holds exactly the
   * result's values: the returned image then wraps {@code buffer}, whose previous content is overwritten. Otherwise
   * the image has a new array. For a caller that consumes each image before loading the next, e.g. one buffer per
   * worker thread; the pixels are the same either way.
   *
   * @param path the image file
   * @param buffer the array to decode into, or null for a new one
   * @return the image, values 0–255
   * @throws IOException if the file cannot be read or decoded
   */
  public Image load(Path path, float[] buffer) throws IOException {
    return load(ImageDecoder.readFile(path), path.toString(), buffer);
  }

  /**
   * {@link #load(Path)} writing the pixels into {@code dst} from {@code offset} on, e.g. straight into a slot of a
   * batch: {@code targetHeight × targetWidth × channels} values, channels-last. A colour JPEG with Keras' defaults
   * (RGB, nearest resize, no aspect-ratio crop) is decoded straight into {@code dst}, with no intermediate image;
   * other files take the general path and are copied. The values are the same either way.
   *
   * @param path the image file
   * @param dst the array to write into
   * @param offset the index of the first value in {@code dst}
   * @throws IOException if the file cannot be read or decoded
   * @throws IllegalStateException if this loader has no target size
   * @throws IllegalArgumentException if {@code dst} has fewer than the image's values from {@code offset} on
   */
  public void loadInto(Path path, float[] dst, int offset) throws IOException {
    Preconditions.requireState(hasTargetSize(), "loadInto needs a targetSize (the size of a slot)");
    Preconditions.requireNonNull("dst", dst);
    int values = targetHeight * targetWidth * colorMode.channels();
    Preconditions.requireArgument(offset >= 0 && offset <= dst.length - values,
        "dst must hold %d values from offset %d but has %d", values, offset, dst.length);
    byte[] data = ImageDecoder.readFile(path);
    String name = path.toString();
    if (colorMode == ColorMode.RGB && !keepAspectRatio && interpolation == Interpolation.NEAREST
        && JpegCodec.rgbNearestInto(data, name, decoder, targetWidth, targetHeight, dst, offset)) {
      return;
    }
    System.arraycopy(load(data, name, null).data(), 0, dst, offset, values);
  }

  /**
   * Loads an image from its encoded bytes.
   *
   * @param name the file name or other source used in error messages
   * @param data the encoded image
   * @return the image, values 0–255
   * @throws ImageDecodeException if the bytes cannot be decoded
   */
  public Image load(byte[] data, String name) throws ImageDecodeException {
    return load(data, name, null);
  }

  /**
   * {@link #load(byte[], String)} reusing {@code buffer} as {@link #load(Path, float[])} does.
   *
   * @param data the encoded bytes
   * @param name the file name or other source used in error messages
   * @param buffer the array to decode into, or null for a new one
   * @return the image, values 0–255
   * @throws ImageDecodeException if the bytes cannot be decoded
   */
  public Image load(byte[] data, String name, float[] buffer) throws ImageDecodeException {
    if (colorMode == ColorMode.RGB && !keepAspectRatio
        && (!hasTargetSize() || interpolation == Interpolation.NEAREST)) {
      // Keras' defaults on a colour JPEG: decode straight to the (nearest-resized) floats; identical pixels.
      Image fast = JpegCodec.rgbNearest(data, name, decoder, hasTargetSize() ? targetWidth : 0, targetHeight,
          buffer);
      if (fast != null) {
        return fast;
      }
    }
    Raster r = ColorConversion.convert(decoder.decodeRaster(data, name, paletteIndices), colorMode);
    if (hasTargetSize() && (r.width != targetWidth || r.height != targetHeight)) {
      CropBox box = keepAspectRatio ? Resize.keepAspectRatioBox(r.height, r.width, targetHeight, targetWidth)
          : CropBox.full(r.width, r.height);
      r = Resize.resize(r, targetHeight, targetWidth, interpolation, box);
    }
    return r.toImage();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ImageLoader[colorMode=%s, targetSize=%s, interpolation=%s, "
        + "keepAspectRatio=%s, %s%s]", colorMode.kerasName(),
        hasTargetSize() ? targetHeight + "x" + targetWidth : "original", interpolation.kerasName(), keepAspectRatio,
        decoder, paletteIndices ? ", paletteIndices" : "");
  }

  /** Builds an {@link ImageLoader}; each option may be set once, and {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private ColorMode colorMode;
    private int targetHeight;
    private int targetWidth;
    private Interpolation interpolation;
    private Boolean keepAspectRatio;
    private ImageDecoder decoder;
    private Boolean paletteIndices;

    private Builder() {}

    /**
     * The colour mode (default {@link ColorMode#RGB}).
     *
     * @param colorMode Keras' {@code color_mode}
     * @return this builder
     */
    public Builder colorMode(ColorMode colorMode) {
      requireUnset(this.colorMode, "colorMode");
      this.colorMode = Preconditions.requireNonNull("colorMode", colorMode);
      return this;
    }

    /**
     * The size images are resized to, Keras' {@code target_size=(height, width)} (default: keep the original size).
     *
     * @param height the target height
     * @param width the target width
     * @return this builder
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public Builder targetSize(int height, int width) {
      Preconditions.requireUnset(targetHeight != 0, "targetSize", targetHeight + "x" + targetWidth);
      Preconditions.requireArgument(height >= 1 && width >= 1, "targetSize must be positive but was %dx%d", height,
          width);
      this.targetHeight = height;
      this.targetWidth = width;
      return this;
    }

    /**
     * The resampling filter used when a resize happens (default {@link Interpolation#NEAREST}).
     *
     * @param interpolation Keras' {@code interpolation}
     * @return this builder
     */
    public Builder interpolation(Interpolation interpolation) {
      requireUnset(this.interpolation, "interpolation");
      this.interpolation = Preconditions.requireNonNull("interpolation", interpolation);
      return this;
    }

    /**
     * Whether to centre-crop to the target aspect ratio before resizing (default false).
     *
     * @param keepAspectRatio Keras' {@code keep_aspect_ratio}
     * @return this builder
     */
    public Builder keepAspectRatio(boolean keepAspectRatio) {
      requireUnset(this.keepAspectRatio, "keepAspectRatio");
      this.keepAspectRatio = keepAspectRatio;
      return this;
    }

    /**
     * The decoder, for example one with a different pixel limit (default {@link ImageDecoder#defaults()}).
     *
     * @param decoder the decoder
     * @return this builder
     */
    public Builder decoder(ImageDecoder decoder) {
      requireUnset(this.decoder, "decoder");
      this.decoder = Preconditions.requireNonNull("decoder", decoder);
      return this;
    }

    /**
     * Whether a palette PNG (PIL mode {@code P}) gives its palette indices, one grey channel holding each pixel's
     * index as {@code numpy.asarray(PIL.Image.open(f))} does, instead of its palette colours (default false, as
     * Keras' {@code load_img}, which converts through the palette). For segmentation masks stored as palette PNGs
     * (Pascal VOC), where the index is the class id. Other images are unaffected.
     *
     * @param paletteIndices true for the indices
     * @return this builder
     */
    public Builder paletteIndices(boolean paletteIndices) {
      requireUnset(this.paletteIndices, "paletteIndices");
      this.paletteIndices = paletteIndices;
      return this;
    }

    private static void requireUnset(Object value, String option) {
      Preconditions.requireUnset(value != null, option, value);
    }

    /** {@return the loader} */
    public ImageLoader build() {
      return new ImageLoader(this);
    }
  }
}
