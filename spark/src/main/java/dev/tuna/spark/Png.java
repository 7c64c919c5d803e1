package dev.tuna.spark;

import dev.tuna.core.image.Image;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG bytes of an image, as Keras' {@code save_img(path, x, scale=False)} would write them for pixel values: each
 * value clipped to [0, 255] and truncated to an integer ({@code astype('uint8')}); 1, 3 or 4 channels (grey, RGB,
 * RGBA, 8 bits).
 *
 * <p>The file is the one the JDK's ImageIO PNG writer produces for the same pixels (as a {@code TYPE_BYTE_GRAY},
 * {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR} image), byte for byte: IHDR, the rows unfiltered (filter type 0)
 * compressed by zlib at level 4, split into IDAT chunks of 32,768 bytes, and IEND. It is written directly, without
 * ImageIO's per-row raster copies and stream layers.
 */
public final class Png {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  /** ImageIO's default deflate level. */
  private static final int LEVEL = 4;
  /** ImageIO's IDAT chunk length. */
  private static final int CHUNK = 32768;

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
    int stride = w * c;
    byte[] raw = new byte[h * (stride + 1)];
    float[] d = image.data();
    for (int r = 0, in = 0, out = 0; r < h; r++) {
      raw[out++] = 0; // filter type: none
      for (int end = in + stride; in < end; in++) {
        float v = d[in];
        raw[out++] = (byte) (v >= 255f ? 255 : v > 0f ? (int) v : 0);
      }
    }
    byte[] idat = deflate(raw);
    int chunks = Math.max(1, (idat.length + CHUNK - 1) / CHUNK);
    Out out = new Out(SIGNATURE.length + 25 + idat.length + 12 * chunks + 12);
    out.bytes(SIGNATURE, 0, SIGNATURE.length);
    byte[] ihdr = new byte[13];
    int32(ihdr, 0, w);
    int32(ihdr, 4, h);
    ihdr[8] = 8; // bit depth
    ihdr[9] = (byte) (c == 1 ? 0 : c == 3 ? 2 : 6); // grey, RGB, RGBA
    out.chunk("IHDR", ihdr, 0, ihdr.length);
    for (int k = 0; k < chunks; k++) {
      int off = k * CHUNK;
      out.chunk("IDAT", idat, off, Math.min(CHUNK, idat.length - off));
    }
    out.chunk("IEND", idat, 0, 0);
    return out.result();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(LEVEL);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buf = new byte[raw.length / 2 + 64];
      int n = 0;
      while (!deflater.finished()) {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        n += deflater.deflate(buf, n, buf.length - n);
      }
      return n == buf.length ? buf : Arrays.copyOf(buf, n);
    } finally {
      deflater.end();
    }
  }

  private static void int32(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  /** A fixed-size output buffer with PNG chunk framing (length, type, data, CRC-32 of type and data). */
  private static final class Out {
    private final byte[] buf;
    private int pos;
    private final CRC32 crc = new CRC32();

    Out(int size) {
      buf = new byte[size];
    }

    void bytes(byte[] b, int off, int len) {
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    }

    void chunk(String type, byte[] data, int off, int len) {
      int32(buf, pos, len);
      pos += 4;
      int start = pos;
      for (int i = 0; i < 4; i++) {
        buf[pos++] = (byte) type.charAt(i);
      }
      bytes(data, off, len);
      crc.reset();
      crc.update(buf, start, pos - start);
      int32(buf, pos, (int) crc.getValue());
      pos += 4;
    }

    byte[] result() {
      return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }
  }
}
