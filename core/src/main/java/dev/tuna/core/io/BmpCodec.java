package dev.tuna.core.io;

import java.util.Arrays;

/**
 * BMP: header in Java, pixels from OpenCV. Like PIL, an uncompressed file may lack the padding after its last row;
 * it is zero-padded for OpenCV. Missing pixel bytes are "image file is truncated".
 */
final class BmpCodec {
  private BmpCodec() {}

  static Raster decode(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    if (d.length < 26) {
      throw new ImageDecodeException(name, "cannot identify image file (BMP header is cut off)");
    }
    long headerSize = Bytes.u32le(d, 14);
    long width;
    long height;
    int bpp;
    long compression = 0;
    if (headerSize == 12) {
      width = Bytes.u16le(d, 18);
      height = Bytes.u16le(d, 20);
      bpp = Bytes.u16le(d, 24);
    } else if (headerSize == 40 || headerSize == 52 || headerSize == 56 || headerSize == 64 || headerSize == 108
        || headerSize == 124) {
      if (d.length < 34) {
        throw new ImageDecodeException(name, "cannot identify image file (BMP header is cut off)");
      }
      width = (int) Bytes.u32le(d, 18);
      height = Math.abs((long) (int) Bytes.u32le(d, 22));
      bpp = Bytes.u16le(d, 28);
      compression = Bytes.u32le(d, 30);
    } else {
      throw new ImageDecodeException(name, "cannot identify image file (unsupported BMP header size " + headerSize
          + ")");
    }
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(name, "unsupported BMP size " + width + "x" + height);
    }
    limits.checkPixels(width, height, name);
    byte[] input = d;
    if (compression == 0 || compression == 3 || compression == 6) {
      long offset = Bytes.u32le(d, 10);
      long rowBytes = (width * bpp + 7) / 8;
      long stride = (width * bpp + 31) / 32 * 4;
      long needed = offset + (height - 1) * stride + rowBytes;
      long full = offset + height * stride;
      if (d.length < needed) {
        throw new ImageDecodeException(name, "image file is truncated (BMP pixel data needs " + needed
            + " bytes but the file has " + d.length + ")");
      }
      if (d.length < full) {
        input = Arrays.copyOf(d, (int) full);
      }
    }
    Raster r = OpenCvCodec.decode(input);
    if (r == null) {
      throw new ImageDecodeException(name, "corrupt or unsupported BMP data");
    }
    if (r.width != width || r.height != height) {
      throw new ImageDecodeException(name, "corrupt BMP: decoded " + r.width + "x" + r.height
          + " but the header says " + width + "x" + height);
    }
    return r;
  }
}
