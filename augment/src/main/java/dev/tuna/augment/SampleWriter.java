package dev.tuna.augment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.tuna.core.internal.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Keras' {@code save_to_dir}: each finished sample min-max stretched to 0–255 ({@code array_to_img(scale=True)})
 * and written as {@code {prefix}_{index}_{hash}.{format}}.
 */
final class SampleWriter {
  private SampleWriter() {}

  static void write(BatchIterator.SaveOptions save, float[] images, int h, int w, int c, int[] indices,
      long[] hashes) {
    int per = h * w * c;
    for (int i = 0; i < indices.length; i++) {
      BufferedImage img = toImage(images, i * per, h, w, c);
      String name = String.format(Locale.ROOT, "%s_%d_%d.%s", save.prefix(), indices[i], hashes[i], save.format());
      Path target = save.directory().resolve(name);
      String format = save.format().toLowerCase(Locale.ROOT).replace("jpg", "jpeg");
      try {
        AtomicFiles.write(target, tmp -> {
          if (!ImageIO.write(img, format, tmp.toFile())) {
            throw new IllegalArgumentException("saveFormat " + save.format() + " is not supported; use png, jpeg "
                + "or bmp");
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write augmented sample " + target, e);
      }
    }
  }

  private static BufferedImage toImage(float[] x, int off, int h, int w, int c) {
    int per = h * w * c;
    float lo = Float.POSITIVE_INFINITY;
    for (int i = 0; i < per; i++) {
      lo = Math.min(lo, x[off + i]);
    }
    float hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < per; i++) {
      hi = Math.max(hi, x[off + i] - lo);
    }
    int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 4 ? BufferedImage.TYPE_INT_ARGB
        : BufferedImage.TYPE_INT_RGB;
    BufferedImage img = new BufferedImage(w, h, type);
    for (int r = 0; r < h; r++) {
      for (int col = 0; col < w; col++) {
        int base = off + (r * w + col) * c;
        int[] v = new int[Math.max(c, 1)];
        for (int k = 0; k < c; k++) {
          float s = x[base + k] - lo;
          if (hi != 0) {
            s /= hi;
          }
          v[k] = ((int) (s * 255f)) & 0xFF;
        }
        if (c == 1) {
          img.getRaster().setSample(col, r, 0, v[0]);
        } else {
          int a = c == 4 ? v[3] : 255;
          img.setRGB(col, r, (a << 24) | (v[0] << 16) | (v[1] << 8) | v[2]);
        }
      }
    }
    return img;
  }
}
