package dev.tuna.core.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The Java ImageIO path for the cases OpenCV converts differently from PIL: CMYK JPEGs (OpenCV applies its own
 * CMYK to BGR formula) and 4-sample TIFFs (libtiff's RGBA reader premultiplies alpha). Only raw samples are taken
 * from ImageIO; every conversion is PIL's.
 */
final class ImageIoCodec {
  private ImageIoCodec() {}

  /** A 4-component JPEG as PIL's {@code CMYK} (the raw samples inverted, PIL's "CMYK;I" Adobe convention). */
  static Raster cmykJpeg(byte[] data, String name) throws ImageDecodeException {
    Samples r = readSamples(data, name, "jpeg", true);
    int[] s = r.samples;
    for (int i = 0; i < s.length; i++) {
      s[i] = 255 - s[i];
    }
    return new Raster(r.width, r.height, PilMode.CMYK, s);
  }

  /** A CMYK (Photometric 5) TIFF, samples as stored. */
  static Raster cmykTiff(byte[] data, String name) throws ImageDecodeException {
    Samples r = readSamples(data, name, "tiff", false);
    return new Raster(r.width, r.height, PilMode.CMYK, r.samples);
  }

  /**
   * An 8-bit 4-sample RGB TIFF with PIL's ExtraSamples rules: absent or 2 (unassociated) → RGBA, 0 (unspecified) →
   * RGB with the fourth sample dropped, 1 (associated alpha) → RGBA un-premultiplied like PIL's {@code RGBa}
   * unpacker.
   */
  static Raster rgbaTiff(byte[] data, String name, int extraSamples) throws ImageDecodeException {
    Samples r = readSamples(data, name, "tiff", false);
    int[] s = r.samples;
    if (extraSamples == 0) {
      int[] rgb = new int[s.length / 4 * 3];
      for (int i = 0, j = 0; i < s.length; i += 4, j += 3) {
        rgb[j] = s[i];
        rgb[j + 1] = s[i + 1];
        rgb[j + 2] = s[i + 2];
      }
      return new Raster(r.width, r.height, PilMode.RGB, rgb);
    }
    if (extraSamples == 1) {
      for (int i = 0; i < s.length; i += 4) {
        int a = s[i + 3];
        if (a == 0) {
          s[i] = s[i + 1] = s[i + 2] = 0;
        } else if (a != 255) {
          for (int k = 0; k < 3; k++) {
            s[i + k] = Math.min(255, s[i + k] * 255 / a);
          }
        }
      }
    }
    return new Raster(r.width, r.height, PilMode.RGBA, s);
  }

  private record Samples(int width, int height, int[] samples) {}

  private static Samples readSamples(byte[] data, String name, String format, boolean raw)
      throws ImageDecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new ImageDecodeException(name, "no ImageIO reader for " + format + " is available");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      java.awt.image.Raster r;
      if (raw) {
        r = reader.readRaster(0, null);
      } else {
        BufferedImage image = reader.read(0);
        r = image.getRaster();
      }
      if (r.getNumBands() != 4) {
        throw new ImageDecodeException(name, "expected 4 samples per pixel but ImageIO decoded " + r.getNumBands());
      }
      return new Samples(r.getWidth(), r.getHeight(),
          r.getPixels(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), (int[]) null));
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name, "corrupt " + format.toUpperCase(Locale.ROOT) + " data ("
          + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
    }
  }
}
