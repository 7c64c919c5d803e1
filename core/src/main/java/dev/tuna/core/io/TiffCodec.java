package dev.tuna.core.io;

/**
 * TIFF: the first IFD is read in Java (size, samples, photometric interpretation, ExtraSamples). 8-bit
 * 4-sample RGB and CMYK images are decoded through ImageIO with PIL's sample rules, everything else by OpenCV's
 * libtiff.
 */
final class TiffCodec {
  private static final int WIDTH = 256;
  private static final int LENGTH = 257;
  private static final int BITS = 258;
  private static final int PHOTOMETRIC = 262;
  private static final int SAMPLES = 277;
  private static final int EXTRA_SAMPLES = 338;
  private static final int STRIP_OFFSETS = 273;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int TILE_OFFSETS = 324;
  private static final int TILE_BYTE_COUNTS = 325;

  private TiffCodec() {}

  static Raster decode(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    boolean big = d[0] == 'M';
    boolean bigTiff = Bytes.u16(d, 2, big) == 43;
    long width = -1;
    long height = -1;
    long bits = 1;
    long photometric = -1;
    long samples = 1;
    long extra = -1;
    long[] offsets = null;
    long[] counts = null;
    try {
      long ifd = bigTiff ? Bytes.u64(d, 8, big) : Bytes.u32(d, 4, big);
      int at = checkedOffset(ifd, d.length);
      long count = bigTiff ? Bytes.u64(d, at, big) : Bytes.u16(d, at, big);
      int entrySize = bigTiff ? 20 : 12;
      int first = at + (bigTiff ? 8 : 2);
      for (long i = 0; i < count; i++) {
        int e = checkedOffset(first + i * entrySize, d.length - entrySize + 1);
        int tag = Bytes.u16(d, e, big);
        int type = Bytes.u16(d, e + 2, big);
        int value = e + (bigTiff ? 12 : 8);
        requireValueInFile(d, e, type, bigTiff, big);
        long v = type == 3 ? Bytes.u16(d, value, big) : type == 4 ? Bytes.u32(d, value, big)
            : type == 16 ? Bytes.u64(d, value, big) : -1;
        switch (tag) {
          case WIDTH: width = v; break;
          case LENGTH: height = v; break;
          case BITS: bits = firstShort(d, e, type, bigTiff, big); break;
          case PHOTOMETRIC: photometric = v; break;
          case SAMPLES: samples = v; break;
          case EXTRA_SAMPLES: extra = firstShort(d, e, type, bigTiff, big); break;
          case STRIP_OFFSETS:
          case TILE_OFFSETS: offsets = values(d, e, type, bigTiff, big); break;
          case STRIP_BYTE_COUNTS:
          case TILE_BYTE_COUNTS: counts = values(d, e, type, bigTiff, big); break;
          default: break;
        }
      }
    } catch (IndexOutOfBoundsException e) {
      throw new ImageDecodeException(name, "cannot identify image file (TIFF directory is cut off)", e);
    }
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(name, "cannot identify image file (TIFF size " + width + "x" + height + ")");
    }
    limits.checkPixels(width, height, name);
    if (offsets != null && counts != null) {
      for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
        if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > d.length) {
          throw new ImageDecodeException(name, "image file is truncated (TIFF strip or tile " + i + " ends at byte "
              + (offsets[i] + counts[i]) + " of " + d.length + ")");
        }
      }
    }
    Raster r;
    if (bits == 8 && samples == 4 && photometric == 5) {
      r = ImageIoCodec.cmykTiff(d, name);
    } else if (bits == 8 && samples == 4 && photometric == 2) {
      r = ImageIoCodec.rgbaTiff(d, name, (int) extra);
    } else {
      r = OpenCvCodec.decode(d);
      if (r != null && r.mode == PilMode.I16 && big) {
        r = new Raster(r.width, r.height, PilMode.I16B, r.samples);
      }
    }
    if (r == null) {
      throw new ImageDecodeException(name, "corrupt, truncated or unsupported TIFF data");
    }
    if (r.width != width || r.height != height) {
      throw new ImageDecodeException(name, "corrupt TIFF: decoded " + r.width + "x" + r.height
          + " but the directory says " + width + "x" + height);
    }
    return r;
  }

  /** The first SHORT of a tag's value, inline or at its offset. */
  private static long firstShort(byte[] d, int entry, int type, boolean bigTiff, boolean big) {
    if (type != 3) {
      return -1;
    }
    long count = bigTiff ? Bytes.u64(d, entry + 4, big) : Bytes.u32(d, entry + 4, big);
    int value = entry + (bigTiff ? 12 : 8);
    if (count * 2 <= (bigTiff ? 8 : 4)) {
      return Bytes.u16(d, value, big);
    }
    long offset = bigTiff ? Bytes.u64(d, value, big) : Bytes.u32(d, value, big);
    return Bytes.u16(d, checkedOffset(offset, d.length - 1), big);
  }

  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 0, 0, 0, 8, 8, 8};

  /** An out-of-line tag value must lie inside the file (libtiff and PIL reject the directory otherwise). */
  private static void requireValueInFile(byte[] d, int entry, int type, boolean bigTiff, boolean big) {
    long count = bigTiff ? Bytes.u64(d, entry + 4, big) : Bytes.u32(d, entry + 4, big);
    int size = type < TYPE_SIZES.length ? TYPE_SIZES[type] : 0;
    int value = entry + (bigTiff ? 12 : 8);
    if (size > 0 && count > 0 && count * size > (bigTiff ? 8 : 4)) {
      long offset = bigTiff ? Bytes.u64(d, value, big) : Bytes.u32(d, value, big);
      if (count > d.length || offset < 0 || offset + count * size > d.length) {
        throw new IndexOutOfBoundsException("tag value at " + offset);
      }
    }
  }

  /** All SHORT, LONG or LONG8 values of a tag (offsets and byte counts); null for other types or huge counts. */
  private static long[] values(byte[] d, int entry, int type, boolean bigTiff, boolean big) {
    int size = type == 3 ? 2 : type == 4 ? 4 : type == 16 ? 8 : 0;
    long count = bigTiff ? Bytes.u64(d, entry + 4, big) : Bytes.u32(d, entry + 4, big);
    if (size == 0 || count < 0 || count > d.length) {
      return null;
    }
    int value = entry + (bigTiff ? 12 : 8);
    int at = count * size <= (bigTiff ? 8 : 4) ? value : checkedOffset(
        bigTiff ? Bytes.u64(d, value, big) : Bytes.u32(d, value, big), d.length - count * size + 1);
    long[] out = new long[(int) count];
    for (int i = 0; i < out.length; i++) {
      int p = at + i * size;
      out[i] = size == 2 ? Bytes.u16(d, p, big) : size == 4 ? Bytes.u32(d, p, big) : Bytes.u64(d, p, big);
    }
    return out;
  }

  private static int checkedOffset(long offset, long limit) {
    if (offset < 0 || offset >= limit) {
      throw new IndexOutOfBoundsException("offset " + offset);
    }
    return (int) offset;
  }
}
