package dev.tuna.benchmarks;

import dev.tuna.augment.FillMode;
import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_core;

/** Seeded benchmark fixtures: photo-like images (smooth colour fields, sharp rectangles, noise) and their files. */
final class Images {
  private Images() {}

  /** Integer-valued 0–255 HWC image. */
  static Image photoLike(int h, int w, int c, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[][] f = new double[c][6];
    for (double[] a : f) {
      for (int i = 0; i < a.length; i++) {
        a[i] = r.uniform(0.5, 4);
      }
    }
    int ry = (int) r.uniform(0, h / 2.0);
    int rx = (int) r.uniform(0, w / 2.0);
    float[] d = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < c; k++) {
          double v = 128 + 50 * Math.sin(f[k][0] * x / w * 6.28 + f[k][1] * y / h * 6.28 + f[k][2])
              + 40 * Math.sin(f[k][3] * x / w * 6.28 - f[k][4] * y / h * 6.28 + f[k][5]) + 8 * (r.randomSample() - 0.5);
          if (y >= ry && y < ry + h / 3 && x >= rx && x < rx + w / 4) {
            v = 30 + 60 * k;
          }
          d[(y * w + x) * c + k] = (float) Math.max(0, Math.min(255, Math.rint(v)));
        }
      }
    }
    return Image.wrap(h, w, c, d);
  }

  /** {@link #photoLike} encoded as "jpg" or "png". */
  static byte[] encoded(int h, int w, long seed, String format) {
    Image im = photoLike(h, w, 3, seed);
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    float[] d = im.data();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        b.setRGB(x, y, ((int) d[i] << 16) | ((int) d[i + 1] << 8) | (int) d[i + 2]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(b, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A two-class directory ({@code a/}, {@code b/}) of {@code n} JPEGs of 160–320 px per side. */
  static Path directory(int n) {
    try {
      Path dir = Files.createTempDirectory("tuna-bench");
      NumpyRandom r = new NumpyRandom(7);
      for (int i = 0; i < n; i++) {
        Path cls = dir.resolve(i % 2 == 0 ? "a" : "b");
        Files.createDirectories(cls);
        int h = 160 + (int) (r.randomSample() * 160);
        int w = 160 + (int) (r.randomSample() * 160);
        Files.write(cls.resolve(String.format("%05d.jpg", i)), encoded(h, w, i, "jpg"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int border(FillMode mode) {
    return switch (mode) {
      case CONSTANT -> opencv_core.BORDER_CONSTANT;
      case NEAREST -> opencv_core.BORDER_REPLICATE;
      case REFLECT -> opencv_core.BORDER_REFLECT;
      case MIRROR -> opencv_core.BORDER_REFLECT_101;
      case WRAP -> opencv_core.BORDER_WRAP;
    };
  }
}
