package dev.tuna.core.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * A float32 image in height × width × channels (HWC, channels-last) order, with 1, 3 or 4 channels or any other
 * positive channel count for intermediate data.
 *
 * <p>An {@code Image} owns its pixel array. {@link #data()} exposes that array without copying so that hot loops
 * can read and write it; callers that keep an image must not share the array elsewhere. Pixel values are on
 * whatever scale the producer chose (decoders produce 0–255).
 */
public final class Image {
  private final int height;
  private final int width;
  private final int channels;
  private final float[] data;

  private Image(int height, int width, int channels, float[] data) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.data = data;
  }

  /**
   * Wraps {@code data} (not copied) as an image of the given shape.
   *
   * @param height rows, positive
   * @param width columns, positive
   * @param channels channels per pixel, positive
   * @param data the pixels in HWC order, of length {@code height * width * channels}
   * @return the image backed by {@code data}
   * @throws IllegalArgumentException when the shape is not positive or does not match the length of {@code data}
   */
  public static Image wrap(int height, int width, int channels, float[] data) {
    checkShape(height, width, channels);
    if (data.length != (long) height * width * channels) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "data length must be height*width*channels = %d but was %d",
          (long) height * width * channels, data.length));
    }
    return new Image(height, width, channels, data);
  }

  /**
   * A zero-filled image of the given shape.
   *
   * @param height rows, positive
   * @param width columns, positive
   * @param channels channels per pixel, positive
   * @return the new image
   * @throws IllegalArgumentException when the shape is not positive or too large for one array
   */
  public static Image zeros(int height, int width, int channels) {
    checkShape(height, width, channels);
    long n = (long) height * width * channels;
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("image of " + height + "x" + width + "x" + channels + " is too large");
    }
    return new Image(height, width, channels, new float[(int) n]);
  }

  private static void checkShape(int height, int width, int channels) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "image shape must be positive but was %dx%dx%d", height, width, channels));
    }
  }

  /** {@return the number of rows} */
  public int height() {
    return height;
  }

  /** {@return the number of columns} */
  public int width() {
    return width;
  }

  /** {@return the number of channels per pixel} */
  public int channels() {
    return channels;
  }

  /**
   * The backing array in HWC order (not a copy).
   *
   * @return the pixel array
   */
  public float[] data() {
    return data;
  }

  /**
   * The value at row {@code r}, column {@code c}, channel {@code ch}.
   *
   * @param r the row
   * @param c the column
   * @param ch the channel
   * @return the pixel value
   */
  public float get(int r, int c, int ch) {
    return data[(r * width + c) * channels + ch];
  }

  /**
   * Sets the value at row {@code r}, column {@code c}, channel {@code ch}.
   *
   * @param r the row
   * @param c the column
   * @param ch the channel
   * @param value the new pixel value
   */
  public void set(int r, int c, int ch, float value) {
    data[(r * width + c) * channels + ch] = value;
  }

  /**
   * A deep copy.
   *
   * @return a copy with its own pixel array
   */
  public Image copy() {
    return new Image(height, width, channels, data.clone());
  }

  /**
   * Whether {@code other} has the same shape as this image.
   *
   * @param other the image to compare with
   * @return true when height, width and channels are equal
   */
  public boolean sameShape(Image other) {
    return height == other.height && width == other.width && channels == other.channels;
  }

  /**
   * The shape as {@code [height, width, channels]}.
   *
   * @return a new array {@code [height, width, channels]}
   */
  public int[] shape() {
    return new int[] {height, width, channels};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image other && sameShape(other) && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Image[" + height + "x" + width + "x" + channels + "]";
  }
}
