package dev.tuna.core.io;

import dev.tuna.core.image.Image;
import dev.tuna.core.internal.Preconditions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes PNG, JPEG, BMP, TIFF and PBM/PGM/PPM bytes into 0–255 float images exactly like Keras
 * {@code img_to_array(load_img(path, color_mode=...))} with Pillow 12 (no resizing; see {@link ImageLoader}).
 *
 * <p>The format is recognised from the content, never from the file name. The image size is read from the header
 * and checked against {@link #maxPixels()} before any pixel is decoded. Decoding follows PIL: no EXIF rotation,
 * palettes expanded, 16-bit grey kept at 0–65535 in grayscale mode (clipped to 255 in rgb/rgba like PIL's
 * {@code I;16 → RGB}), 16-bit colour reduced to its high byte, truncated files rejected. Pixels come from OpenCV's
 * codecs (libjpeg-turbo, libpng, libtiff, its BMP reader), from ImageIO for CMYK and 4-sample TIFFs, and from Java
 * for PBM/PGM/PPM; measured against Pillow 12.3 on the test fixtures every format, JPEG included, decodes with a
 * maximum absolute difference of 0. Not verified against PIL: 16-bit (565/555) and alpha-bitfield BMPs, YCCK JPEGs,
 * tRNS in 16-bit or sub-8-bit grey PNGs. Rejected: GIF, WebP and other formats (Keras does not list them), float
 * and 32-bit integer TIFFs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageDecoder {
  /** PIL's decompression-bomb error threshold, {@code 2 * Image.MAX_IMAGE_PIXELS} = 178,956,970 pixels. */
  public static final long DEFAULT_MAX_PIXELS = 2L * (1024L * 1024 * 1024 / 4 / 3);

  private static final ImageDecoder DEFAULTS = new ImageDecoder(DEFAULT_MAX_PIXELS);

  private final long maxPixels;

  private ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /**
   * A decoder with the default pixel limit.
   *
   * @return the shared default decoder
   */
  public static ImageDecoder defaults() {
    return DEFAULTS;
  }

  /** {@return a builder for a decoder with other options} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The largest accepted width × height; larger images fail before decoding.
   *
   * @return the pixel limit
   */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Decodes {@code data} and converts it to {@code mode}.
   *
   * @param name the file name or other source used in error messages
   * @param data the encoded image
   * @param mode the colour mode of the result, as Keras' {@code color_mode}
   * @return the image, values 0–255 (0–65535 for 16-bit grey in grayscale mode)
   * @throws ImageDecodeException if the bytes are empty, not a supported image, corrupt, truncated or too large
   */
  public Image decode(byte[] data, String name, ColorMode mode) throws ImageDecodeException {
    return ColorConversion.convert(decodeRaster(data, name), mode).toImage();
  }

  /**
   * Reads and decodes a file; see {@link #decode}.
   *
   * @param path the image file
   * @param mode the colour mode of the result, as Keras' {@code color_mode}
   * @return the image
   * @throws IOException if the file cannot be read or decoded ({@link ImageDecodeException})
   */
  public Image read(Path path, ColorMode mode) throws IOException {
    return decode(readFile(path), path.toString(), mode);
  }

  static byte[] readFile(Path path) throws IOException {
    long size = Files.size(path);
    if (size > Integer.MAX_VALUE - 8) {
      throw new ImageDecodeException(path.toString(), "file of " + size + " bytes is too large to decode");
    }
    return Files.readAllBytes(path);
  }

  /** The decoded image in its PIL mode, before colour conversion. */
  Raster decodeRaster(byte[] data, String name) throws ImageDecodeException {
    return decodeRaster(data, name, false);
  }

  /** {@link #decodeRaster(byte[], String)}; with {@code paletteIndices} palette PNGs give their indices (mode L). */
  Raster decodeRaster(byte[] data, String name, boolean paletteIndices) throws ImageDecodeException {
    if (data.length == 0) {
      throw new ImageDecodeException(name, "cannot identify image file (the file is empty)");
    }
    ImageFormat format = ImageFormat.sniff(data);
    if (format == null) {
      throw new ImageDecodeException(name,
          "cannot identify image file (not a PNG, JPEG, BMP, TIFF, PBM, PGM or PPM image)");
    }
    switch (format) {
      case PNG:
        return PngCodec.decode(data, name, this, paletteIndices);
      case JPEG:
        return JpegCodec.decode(data, name, this);
      case BMP:
        return BmpCodec.decode(data, name, this);
      case TIFF:
        return TiffCodec.decode(data, name, this);
      case PNM:
        return PnmCodec.decode(data, name, this);
      default:
        throw new AssertionError(format);
    }
  }

  /** PIL's {@code _decompression_bomb_check}, with this decoder's limit. */
  void checkPixels(long width, long height, String name) throws ImageDecodeException {
    BigInteger pixels = BigInteger.valueOf(width).multiply(BigInteger.valueOf(height));
    if (pixels.compareTo(BigInteger.valueOf(maxPixels)) > 0) {
      throw new ImageDecodeException(name, String.format(Locale.ROOT,
          "image size (%s pixels, %dx%d) exceeds limit of %d pixels, could be decompression bomb DOS attack",
          pixels, width, height, maxPixels));
    }
    if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new ImageDecodeException(name, "image size " + width + "x" + height + " is too large for Java arrays");
    }
  }

  @Override
  public String toString() {
    return "ImageDecoder[maxPixels=" + maxPixels + "]";
  }

  /** Builds an {@link ImageDecoder}; each option may be set once. */
  public static final class Builder {
    private long maxPixels = -1;

    private Builder() {}

    /**
     * The pixel limit (default {@link #DEFAULT_MAX_PIXELS}); images with more pixels are rejected from their header.
     * OpenCV refuses images over 2^30 pixels whatever this limit says.
     *
     * @param maxPixels the largest accepted width × height
     * @return this builder
     * @throws IllegalArgumentException if {@code maxPixels} is not positive
     * @throws IllegalStateException if already set
     */
    public Builder maxPixels(long maxPixels) {
      Preconditions.requireUnset(this.maxPixels != -1, "maxPixels", this.maxPixels);
      Preconditions.requireArgument(maxPixels > 0, "maxPixels must be positive but was %s", maxPixels);
      this.maxPixels = maxPixels;
      return this;
    }

    /** {@return the decoder} */
    public ImageDecoder build() {
      return new ImageDecoder(maxPixels == -1 ? DEFAULT_MAX_PIXELS : maxPixels);
    }
  }
}
