package dev.tuna.core.io;

import java.util.Locale;

/**
 * A source region for {@link Resize}, PIL's {@code box=(left, top, right, bottom)} in pixel coordinates
 * (right/bottom exclusive). PIL keeps box coordinates as float32, and so does the resizer.
 */
public record CropBox(double left, double top, double right, double bottom) {
  /**
   * The whole {@code width × height} image.
   *
   * @param width the image width
   * @param height the image height
   * @return the box {@code (0, 0, width, height)}
   */
  public static CropBox full(int width, int height) {
    return new CropBox(0, 0, width, height);
  }

  /** {@return {@code right - left}} */
  public double width() {
    return right - left;
  }

  /** {@return {@code bottom - top}} */
  public double height() {
    return bottom - top;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "(%s, %s, %s, %s)", fmt(left), fmt(top), fmt(right), fmt(bottom));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
