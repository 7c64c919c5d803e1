package dev.tuna.spark;

import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * PNG bytes of an image, as Keras' {@code save_img(path, x, scale=False)} would write them for pixel values: each
 * value clipped to [0, 255] and truncated to an integer ({@code astype('uint8')}); 1, 3 or 4 channels.
 */
public final class Png {
  private Png() {}

  /**
   * Encodes {@code image}.
   *
   * @param image an HWC image with 1, 3 or 4 channels
   * @return the PNG file's bytes
   */
  public static byte[] encode(Image image) {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    if (c != 1 && c != 3 && c != 4) {
      throw new IllegalArgumentException("PNG needs 1, 3 or 4 channels but the image has " + c);
    }
    int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 3 ? BufferedImage.TYPE_3BYTE_BGR
        : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(w, h, type);
    WritableRaster raster = img.getRaster();
    float[] d = image.data();
    int[] px = new int[c];
    for (int r = 0; r < h; r++) {
      for (int col = 0; col < w; col++) {
        int base = (r * w + col) * c;
        for (int k = 0; k < c; k++) {
          float v = d[base + k];
          px[k] = v >= 255f ? 255 : v > 0f ? (int) v : 0;
        }
        raster.setPixel(col, r, px);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    }
    return out.toByteArray();
  }
}
