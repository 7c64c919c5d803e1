package dev.tuna.core.io;

import dev.tuna.core.image.Image;
import java.util.Locale;

/**
 * PIL-compatible resizing ({@code Image.resize(size, filter, box)}, Pillow 12) of 8-bit-valued images, plus Keras'
 * {@code keep_aspect_ratio} centre crop.
 *
 * <p>Images with 1, 3 or 4 channels are resized as PIL modes L, RGB and RGBA (RGBA through premultiplied alpha
 * for every filter but NEAREST); values must be integers in 0–255. NEAREST reproduces PIL's accumulating source
 * step exactly; the other filters port {@code Resample.c} (separable, horizontal first, 8-bit rounding between the
 * passes, 22-bit fixed-point weights). Measured against Pillow 12.3 on the test fixtures (down-, up- and mixed
 * scaling, crop boxes, L/RGB/RGBA, and the I;16/I paths {@link ImageLoader} uses for 16-bit grey), the maximum
 * absolute difference is 0 for every filter.
 */
public final class Resize {
  private Resize() {}

  /**
   * Resizes the whole image to {@code height × width}.
   *
   * @param image the image, values integers in 0–255
   * @param height the target height
   * @param width the target width
   * @param interpolation the PIL filter
   * @return the resized image
   * @throws IllegalArgumentException as {@link #resize(Image, int, int, Interpolation, CropBox)}
   */
  public static Image resize(Image image, int height, int width, Interpolation interpolation) {
    return resize(image, height, width, interpolation, CropBox.full(image.width(), image.height()));
  }

  /**
   * Resizes the {@code box} region of {@code image} to {@code height × width}.
   *
   * @param image the image, values integers in 0–255
   * @param height the target height
   * @param width the target width
   * @param interpolation the PIL filter
   * @param box the source region, as PIL's {@code box}
   * @return the resized image
   * @throws IllegalArgumentException if the size is not positive, the box lies outside the image or is inverted, the
   *     channel count is not 1, 3 or 4, or a value is not an integer in 0–255
   */
  public static Image resize(Image image, int height, int width, Interpolation interpolation, CropBox box) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "height and width must be positive but were %d and %d", height, width));
    }
    PilMode mode = switch (image.channels()) {
      case 1 -> PilMode.L;
      case 3 -> PilMode.RGB;
      case 4 -> PilMode.RGBA;
      default -> throw new IllegalArgumentException(
          "image channels must be 1, 3 or 4 but was " + image.channels());
    };
    float[] f = image.data();
    int[] s = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      float v = f[i];
      if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "image values must be integers in 0..255 but value %s was found at index %d", v, i));
      }
      s[i] = (int) v;
    }
    Raster in = new Raster(image.width(), image.height(), mode, s);
    return resize(in, height, width, interpolation, box).toImage();
  }

  static Raster resize(Raster in, int height, int width, Interpolation interpolation, CropBox box) {
    float[] b = {(float) box.left(), (float) box.top(), (float) box.right(), (float) box.bottom()};
    if (b[0] < 0 || b[1] < 0) {
      throw new IllegalArgumentException("box " + box + " offset can't be negative");
    }
    if (b[2] > in.width || b[3] > in.height) {
      throw new IllegalArgumentException("box " + box + " can't exceed original image size " + in.width + "x"
          + in.height);
    }
    if (b[2] - b[0] < 0 || b[3] - b[1] < 0) {
      throw new IllegalArgumentException("box " + box + " can't be empty");
    }
    return PilResample.resize(in, width, height, interpolation, b);
  }

  /**
   * Keras' {@code keep_aspect_ratio} crop: the largest centred region of a {@code height × width} image with the
   * target's aspect ratio, by integer floor division like Keras. For example a 40 × 60 (h × w) image and a 20 × 20
   * target give {@code (10, 0, 50, 40)}.
   *
   * @param height the image height
   * @param width the image width
   * @param targetHeight the target height
   * @param targetWidth the target width
   * @return the crop box, in image coordinates
   * @throws IllegalArgumentException if a size is not positive
   */
  public static CropBox keepAspectRatioBox(int height, int width, int targetHeight, int targetWidth) {
    if (height < 1 || width < 1 || targetHeight < 1 || targetWidth < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "sizes must be positive but were %dx%d and target %dx%d", height, width, targetHeight, targetWidth));
    }
    long cropHeight = Math.min(height, (long) width * targetHeight / targetWidth);
    long cropWidth = Math.min(width, (long) height * targetWidth / targetHeight);
    long top = (height - cropHeight) / 2;
    long left = (width - cropWidth) / 2;
    return new CropBox(left, top, left + cropWidth, top + cropHeight);
  }
}
