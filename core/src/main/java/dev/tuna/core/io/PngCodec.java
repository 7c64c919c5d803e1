package dev.tuna.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * PNG: header and chunk checks in Java, pixels from OpenCV. PIL only needs the zlib stream to yield all scanlines,
 * so a file whose tail (IEND, the last CRC, even the Adler-32 checksum) is missing still decodes there; libpng in
 * OpenCV refuses it. For such files, and whenever OpenCV fails, the IDAT data is inflated here and, if complete,
 * re-wrapped in a clean PNG for OpenCV. Too little image data is "image file is truncated", as in PIL.
 */
final class PngCodec {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  /** zlib's largest possible expansion: deflate output never exceeds 1032 times its compressed size. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  private final byte[] data;
  private final String name;
  private int width;
  private int height;
  private int bitDepth;
  private int colorType;
  private boolean interlaced;
  private boolean complete;
  private boolean badLaterCrc;
  private byte[] ihdr;
  private byte[] plte;
  private byte[] trns;
  /** (offset, length) pairs of the IDAT payloads present in the file; only concatenated for a repair. */
  private final List<int[]> idat = new ArrayList<>();

  private PngCodec(byte[] data, String name) {
    this.data = data;
    this.name = name;
  }

  static Raster decode(byte[] data, String name, ImageDecoder limits) throws ImageDecodeException {
    return decode(data, name, limits, false);
  }

  /**
   * {@link #decode(byte[], String, ImageDecoder)}, or with {@code paletteIndices} a palette image (colour type 3)
   * as its palette indices in 8-bit grey, the values PIL's mode {@code P} holds: the scanlines are decoded as grey
   * samples of the same bit depth (1-, 2- and 4-bit samples, which libpng scales to 0–255, are scaled back).
   */
  static Raster decode(byte[] data, String name, ImageDecoder limits, boolean paletteIndices)
      throws ImageDecodeException {
    PngCodec png = new PngCodec(data, name);
    png.readHeader(limits);
    png.readChunks();
    if (paletteIndices && png.colorType == 3) {
      return png.indices();
    }
    Raster r = png.complete && !png.badLaterCrc ? OpenCvCodec.decode(data) : null;
    if (r == null) {
      r = OpenCvCodec.decode(png.rebuild());
      if (r == null) {
        throw new ImageDecodeException(name, "corrupt or unsupported PNG data");
      }
    }
    if (r.width != png.width || r.height != png.height) {
      throw new ImageDecodeException(name, "corrupt PNG: decoded " + r.width + "x" + r.height + " but the header says "
          + png.width + "x" + png.height);
    }
    if (r.mode == PilMode.L && png.colorType == 0 && png.bitDepth == 8 && png.trns != null && png.trns.length >= 2) {
      r = new Raster(r.width, r.height, r.mode, r.samples, Bytes.u16be(png.trns, 0));
    }
    return r;
  }

  private Raster indices() throws ImageDecodeException {
    ihdr[9] = 0; // colour type 3 (palette) -> 0 (grey): the same scanline layout, one sample per pixel
    plte = null;
    trns = null;
    Raster r = OpenCvCodec.decode(rebuild());
    if (r == null || r.mode != PilMode.L || r.width != width || r.height != height) {
      throw new ImageDecodeException(name, "corrupt or unsupported PNG data (palette indices)");
    }
    int scale = 255 / ((1 << bitDepth) - 1);
    if (scale > 1) {
      for (int i = 0; i < r.samples.length; i++) {
        r.samples[i] /= scale;
      }
    }
    return r;
  }

  private void readHeader(ImageDecoder limits) throws ImageDecodeException {
    if (data.length < 33 || Bytes.u32be(data, 8) != 13 || !type(12).equals("IHDR")) {
      throw new ImageDecodeException(name, "cannot identify image file (PNG without a complete IHDR chunk)");
    }
    long w = Bytes.u32be(data, 16);
    long h = Bytes.u32be(data, 20);
    bitDepth = Bytes.u8(data, 24);
    colorType = Bytes.u8(data, 25);
    interlaced = Bytes.u8(data, 28) == 1;
    if (w == 0 || h == 0) {
      throw new ImageDecodeException(name, "cannot identify image file (PNG size " + w + "x" + h + ")");
    }
    limits.checkPixels(w, h, name);
    if (!validDepth()) {
      throw new ImageDecodeException(name, "unsupported PNG bit depth " + bitDepth + " for colour type " + colorType);
    }
    width = (int) w;
    height = (int) h;
    ihdr = Arrays.copyOfRange(data, 16, 29);
  }

  private boolean validDepth() {
    switch (colorType) {
      case 0:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case 3:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case 2:
      case 4:
      case 6:
        return bitDepth == 8 || bitDepth == 16;
      default:
        return false;
    }
  }

  /**
   * Walks the chunks. Like PIL, the CRCs of complete chunks before the first IDAT are verified ("cannot identify"
   * otherwise) and later CRCs are not.
   */
  private void readChunks() throws ImageDecodeException {
    int pos = 8;
    while (pos + 8 <= data.length) {
      long length = Bytes.u32be(data, pos);
      String type = type(pos + 4);
      long end = pos + 12 + length;
      int available = (int) Math.min(length, data.length - (pos + 8L));
      boolean crcOk = end > data.length || crcMatches(pos, (int) length);
      if (!crcOk && idat.isEmpty() && !type.equals("IDAT")) {
        throw new ImageDecodeException(name, "cannot identify image file (bad PNG checksum in the " + type
            + " chunk)");
      }
      if (!crcOk) {
        badLaterCrc = true; // libpng would refuse the file; PIL ignores these CRCs, so the repair path decodes it
      }
      if (type.equals("IDAT")) {
        idat.add(new int[] {pos + 8, available});
      } else if (type.equals("PLTE") && end <= data.length) {
        plte = Arrays.copyOfRange(data, pos + 8, pos + 8 + (int) length);
      } else if (type.equals("tRNS") && end <= data.length) {
        trns = Arrays.copyOfRange(data, pos + 8, pos + 8 + (int) length);
      } else if (type.equals("IEND") && end <= data.length) {
        complete = true;
        return;
      }
      if (end > data.length) {
        return;
      }
      pos = (int) end;
    }
  }

  private boolean crcMatches(int pos, int length) {
    CRC32 crc = new CRC32();
    crc.update(data, pos + 4, 4 + length);
    return crc.getValue() == Bytes.u32be(data, pos + 8 + length);
  }

  private String type(int pos) {
    return new String(data, pos, 4, StandardCharsets.ISO_8859_1);
  }

  /** Inflates the IDAT data and re-wraps exactly the scanlines the image needs in a minimal, valid PNG. */
  private byte[] rebuild() throws ImageDecodeException {
    long needed = rawSize();
    if (needed > Integer.MAX_VALUE - 8) {
      throw new ImageDecodeException(name, "PNG too large to repair (" + needed + " bytes of scanlines)");
    }
    ByteArrayOutputStream compressedIdat = new ByteArrayOutputStream();
    for (int[] range : idat) {
      compressedIdat.write(data, range[0], range[1]);
    }
    if (needed > (long) compressedIdat.size() * MAX_DEFLATE_RATIO + 258) {
      // checked before allocating, so a small file declaring a huge image cannot exhaust the heap
      throw new ImageDecodeException(name, "image file is truncated (" + compressedIdat.size() + " bytes of PNG "
          + "image data cannot inflate to the " + needed + " bytes of scanlines the header declares)");
    }
    byte[] raw = new byte[(int) needed];
    Inflater inflater = new Inflater();
    int n = 0;
    try {
      inflater.setInput(compressedIdat.toByteArray());
      while (n < raw.length) {
        int k = inflater.inflate(raw, n, raw.length - n);
        n += k;
        if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
      }
      if (n == raw.length && !inflater.finished() && inflater.getRemaining() > 0) {
        inflater.inflate(new byte[1]); // lets zlib reach the Adler-32 check when it is present, as PIL's decoder does
      }
    } catch (DataFormatException e) {
      throw new ImageDecodeException(name, "broken PNG data stream (zlib: " + e.getMessage() + ")", e);
    } finally {
      inflater.end();
    }
    if (n < raw.length) {
      throw new ImageDecodeException(name, "image file is truncated (PNG image data ends after " + n + " of "
          + raw.length + " bytes)");
    }
    Deflater deflater = new Deflater(1);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buf = new byte[65536];
      while (!deflater.finished()) {
        compressed.write(buf, 0, deflater.deflate(buf));
      }
    } finally {
      deflater.end();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + 1024);
    out.writeBytes(SIGNATURE);
    chunk(out, "IHDR", ihdr);
    if (plte != null) {
      chunk(out, "PLTE", plte);
    }
    if (trns != null) {
      chunk(out, "tRNS", trns);
    }
    chunk(out, "IDAT", compressed.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Bytes of filtered scanlines (filter byte + packed row) for all rows, or all Adam7 passes. */
  private long rawSize() {
    int channels = new int[] {1, 0, 3, 1, 2, 0, 4}[colorType];
    int bits = bitDepth * channels;
    if (!interlaced) {
      return (long) height * (1 + ((long) width * bits + 7) / 8);
    }
    int[][] passes = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2},
        {0, 1, 1, 2}};
    long total = 0;
    for (int[] p : passes) {
      long pw = (width - p[0] + p[2] - 1L) / p[2];
      long ph = (height - p[1] + p[3] - 1L) / p[3];
      if (pw > 0 && ph > 0) {
        total += ph * (1 + (pw * bits + 7) / 8);
      }
    }
    return total;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] payload) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    writeInt(out, payload.length);
    out.writeBytes(t);
    out.writeBytes(payload);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(payload);
    writeInt(out, (int) crc.getValue());
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
