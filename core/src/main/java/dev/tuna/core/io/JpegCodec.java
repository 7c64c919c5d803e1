package dev.tuna.core.io;

import java.util.Locale;

/**
 * JPEG: markers are walked in Java up to the first scan (size, component count), then OpenCV (libjpeg-turbo, the
 * same IDCT and fancy upsampling as PIL's libjpeg-turbo) decodes. A stream without an end-of-image marker after its
 * scans is rejected as truncated, like PIL's default {@code LOAD_TRUNCATED_IMAGES = False}. Four-component (CMYK)
 * JPEGs go through ImageIO for their raw samples.
 */
final class JpegCodec {
  private JpegCodec() {}

  /** Size and component count from the frame header; the checks PIL makes before decoding. */
  record Header(int width, int height, int components) {}

  /** Walks the markers up to the first scan and validates them (the first half of {@link #decode}). */
  static Header header(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    int pos = 2;
    int width = -1;
    int height = -1;
    int components = -1;
    int scanStart = -1;
    while (scanStart < 0) {
      while (pos < d.length && Bytes.u8(d, pos) != 0xFF) {
        pos++; // PIL and libjpeg skip junk between segments
      }
      while (pos < d.length && Bytes.u8(d, pos) == 0xFF) {
        pos++;
      }
      if (pos + 2 >= d.length) {
        throw new ImageDecodeException(name, "image file is truncated (JPEG header ends before the first scan)");
      }
      int marker = Bytes.u8(d, pos);
      if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
        pos++;
        continue;
      }
      if (marker == 0xD9) {
        throw new ImageDecodeException(name, "cannot identify image file (JPEG ends before any image data)");
      }
      int length = Bytes.u16be(d, pos + 1);
      if (length < 2 || pos + 1 + length > d.length) {
        throw new ImageDecodeException(name, "image file is truncated (JPEG segment 0x"
            + Integer.toHexString(marker).toUpperCase(Locale.ROOT) + " is cut off)");
      }
      if (isStartOfFrame(marker) && length >= 8) {
        height = Bytes.u16be(d, pos + 4);
        width = Bytes.u16be(d, pos + 6);
        components = Bytes.u8(d, pos + 8);
      } else if (marker == 0xDA) {
        scanStart = pos;
      }
      pos += 1 + length;
    }
    if (width < 0) {
      throw new ImageDecodeException(name, "cannot identify image file (JPEG scan without a frame header)");
    }
    if (width == 0 || height == 0) {
      throw new ImageDecodeException(name, "unsupported JPEG size " + width + "x" + height);
    }
    limits.checkPixels(width, height, name);
    if (!hasEndMarker(d, scanStart)) {
      throw new ImageDecodeException(name, "image file is truncated (no JPEG end-of-image marker after the scan data)");
    }
    return new Header(width, height, components);
  }

  static Raster decode(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    Header h = header(d, name, limits);
    int width = h.width();
    int height = h.height();
    int components = h.components();
    Raster r;
    if (components == 4) {
      r = ImageIoCodec.cmykJpeg(d, name);
    } else if (components == 1 || components == 3) {
      r = OpenCvCodec.decode(d);
    } else {
      throw new ImageDecodeException(name, "unsupported JPEG with " + components + " components");
    }
    if (r == null) {
      throw new ImageDecodeException(name, "corrupt or unsupported JPEG data");
    }
    if (r.width != width || r.height != height) {
      throw new ImageDecodeException(name, "corrupt JPEG: decoded " + r.width + "x" + r.height
          + " but the frame header says " + width + "x" + height);
    }
    return r;
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /**
   * Whether an EOI marker follows the first scan; entropy-coded data never contains 0xFF 0xD9 (0xFF is stuffed or
   * starts a marker). Searched from the end, where a complete file has it.
   */
  private static boolean hasEndMarker(byte[] d, int from) {
    for (int i = d.length - 2; i >= from; i--) {
      if (d[i] == (byte) 0xFF && d[i + 1] == (byte) 0xD9) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fast path of {@code load_img(path, color_mode="rgb", target_size, interpolation="nearest")} for 8-bit
   * three-component JPEGs: decoded pixels go straight to RGB floats through PIL's nearest maps, without the
   * full-size integer raster of the general path. Same header checks, same decoder, same maps, so the same pixels.
   * Returns null when the file is not such a JPEG or PIL would take another route (the caller then uses the
   * general path, which also produces any error).
   *
   * @param outW the target width, or 0 to keep the size
   */
  static dev.tuna.core.image.Image rgbNearest(byte[] d, String name, ImageDecoder limits, int outW, int outH)
      throws ImageDecodeException {
    return rgbNearest(d, name, limits, outW, outH, null);
  }

  /** {@link #rgbNearest(byte[], String, ImageDecoder, int, int)} decoding into {@code buffer} when it fits. */
  static dev.tuna.core.image.Image rgbNearest(byte[] d, String name, ImageDecoder limits, int outW, int outH,
      float[] buffer) throws ImageDecodeException {
    Header h = rgbHeader(d, name, limits);
    if (h == null) {
      return null;
    }
    int w = h.width();
    int hh = h.height();
    if (outW == 0 || (outW == w && outH == hh)) {
      return OpenCvCodec.decodeRgb8(d, w, hh, null, null, w, hh, buffer);
    }
    if (hh > w * 100L && outH < hh) {
      return null; // PIL's two-pass rule for very tall images
    }
    return OpenCvCodec.decodeRgb8(d, w, hh, pickColumns(w, outW), pickRows(hh, outH), outW, outH, buffer);
  }

  /**
   * {@link #rgbNearest(byte[], String, ImageDecoder, int, int)} to the {@code outW × outH} target (both positive),
   * writing its values into {@code dst} from {@code offset} on (no intermediate image); false, with nothing
   * written, when the fast path does not apply.
   */
  static boolean rgbNearestInto(byte[] d, String name, ImageDecoder limits, int outW, int outH, float[] dst,
      int offset) throws ImageDecodeException {
    Header h = rgbHeader(d, name, limits);
    if (h == null) {
      return false;
    }
    int w = h.width();
    int hh = h.height();
    if (outW == w && outH == hh) {
      return OpenCvCodec.decodeRgb8Into(d, w, hh, null, null, w, hh, dst, offset);
    }
    if (hh > w * 100L && outH < hh) {
      return false; // PIL's two-pass rule for very tall images
    }
    return OpenCvCodec.decodeRgb8Into(d, w, hh, pickColumns(w, outW), pickRows(hh, outH), outW, outH, dst, offset);
  }

  /** The header of an 8-bit three-component JPEG, or null for any other data. */
  private static Header rgbHeader(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    if (d.length == 0 || ImageFormat.sniff(d) != ImageFormat.JPEG) {
      return null;
    }
    Header h = header(d, name, limits);
    return h.components() == 3 ? h : null;
  }

  /** PIL's nearest source column of every output column, the box the whole image. */
  private static int[] pickColumns(int w, int outW) {
    return PilResample.accumulated((double) (float) w / outW, 0f, outW, w); // as PIL: float box
  }

  /** PIL's nearest source row of every output row, the box the whole image. */
  private static int[] pickRows(int h, int outH) {
    return PilResample.accumulated((double) (float) h / outH, 0f, outH, h);
  }
}
