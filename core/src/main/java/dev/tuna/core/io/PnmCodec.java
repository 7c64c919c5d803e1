package dev.tuna.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PBM/PGM/PPM (P1–P6), decoded in Java with the rules of PIL's {@code PpmImagePlugin}: P4/P1 become 0/255, PGM with
 * {@code maxval > 255} becomes PIL mode {@code I} scaled to 0..65535, other non-255 maxvals are scaled with
 * {@code round(v / maxval * max)} (round half to even), and plain formats take a cut-off last token as is.
 */
final class PnmCodec {
  private static final int MAX_TOKEN = 10;

  private final byte[] d;
  private final String name;
  private int pos;

  private PnmCodec(byte[] d, String name) {
    this.d = d;
    this.name = name;
  }

  static Raster decode(byte[] d, String name, ImageDecoder limits) throws ImageDecodeException {
    return new PnmCodec(d, name).decode(limits);
  }

  private Raster decode(ImageDecoder limits) throws ImageDecodeException {
    StringBuilder magic = new StringBuilder();
    while (pos < d.length && magic.length() < 6) {
      int c = d[pos++] & 0xFF;
      if (isSpace(c)) {
        break;
      }
      magic.append((char) c);
    }
    String m = magic.toString();
    if (!m.matches("P[1-6]")) {
      throw new ImageDecodeException(name, "cannot identify image file (unsupported PNM variant " + m + ")");
    }
    int kind = m.charAt(1) - '0';
    long width = number(token());
    long height = number(token());
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(name, "unsupported PNM size " + width + "x" + height);
    }
    limits.checkPixels(width, height, name);
    boolean bitmap = kind == 1 || kind == 4;
    int maxval = 1;
    if (!bitmap) {
      long v = number(token());
      if (v <= 0 || v >= 65536) {
        throw new ImageDecodeException(name, "maxval must be greater than 0 and less than 65536 but was " + v);
      }
      maxval = (int) v;
    }
    boolean gray = kind == 2 || kind == 5;
    PilMode mode = bitmap || gray ? (gray && maxval > 255 ? PilMode.I32 : PilMode.L) : PilMode.RGB;
    int n = Math.multiplyExact(Math.multiplyExact((int) width, (int) height), mode.channels());
    int[] s;
    if (kind == 4) {
      s = rawBits((int) width, (int) height);
    } else if (kind == 1) {
      s = plainBits(n);
    } else if (kind == 5 || kind == 6) {
      s = raw(n, maxval, mode == PilMode.I32 ? 65535 : 255);
    } else {
      s = plain(n, maxval, mode == PilMode.I32 ? 65535 : 255);
    }
    return new Raster((int) width, (int) height, mode, s);
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == 0x0C || c == '\r';
  }

  /** PIL's {@code _read_token}: skips whitespace and {@code #} comments, stops after one whitespace byte. */
  private String token() throws ImageDecodeException {
    StringBuilder t = new StringBuilder();
    while (t.length() <= MAX_TOKEN) {
      if (pos >= d.length) {
        break;
      }
      int c = d[pos++] & 0xFF;
      if (isSpace(c)) {
        if (t.length() == 0) {
          continue;
        }
        break;
      } else if (c == '#') {
        while (pos < d.length && d[pos] != '\r' && d[pos] != '\n') {
          pos++;
        }
        pos = Math.min(pos + 1, d.length);
        continue;
      }
      t.append((char) c);
    }
    if (t.length() == 0) {
      throw new ImageDecodeException(name, "image file is truncated (reached EOF while reading the PNM header)");
    }
    if (t.length() > MAX_TOKEN) {
      throw new ImageDecodeException(name, "token too long in PNM header: " + t);
    }
    return t.toString();
  }

  private long number(String token) throws ImageDecodeException {
    if (!token.matches("[+-]?[0-9]+")) {
      throw new ImageDecodeException(name, "invalid number in PNM header: " + token);
    }
    return Long.parseLong(token.startsWith("+") ? token.substring(1) : token);
  }

  private int[] rawBits(int width, int height) throws ImageDecodeException {
    int rowBytes = (width + 7) / 8;
    requireBytes((long) rowBytes * height);
    int[] s = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int bit = (d[pos + y * rowBytes + x / 8] >> (7 - x % 8)) & 1;
        s[y * width + x] = bit == 1 ? 0 : 255;
      }
    }
    return s;
  }

  private int[] raw(int n, int maxval, int outMax) throws ImageDecodeException {
    int size = maxval < 256 ? 1 : 2;
    requireBytes((long) n * size);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      int v = size == 1 ? d[pos + i] & 0xFF : Bytes.u16be(d, pos + 2 * i);
      s[i] = maxval == outMax ? v : (int) Math.min(outMax, Math.rint((double) v / maxval * outMax));
    }
    return s;
  }

  private void requireBytes(long needed) throws ImageDecodeException {
    if (d.length - pos < needed) {
      throw new ImageDecodeException(name, "image file is truncated (PNM pixel data needs " + needed
          + " bytes but " + (d.length - pos) + " remain)");
    }
  }

  private int[] plainBits(int n) throws ImageDecodeException {
    if (d.length - pos < n) {
      // checked before allocating: every value takes at least one byte
      throw new ImageDecodeException(name, "not enough image data (plain PBM needs " + n + " values but only "
          + (d.length - pos) + " bytes remain)");
    }
    int[] s = new int[n];
    int k = 0;
    for (byte b : withoutComments()) {
      if (k == n) {
        break;
      }
      if (isSpace(b & 0xFF)) {
        continue;
      }
      if (b != '0' && b != '1') {
        throw new ImageDecodeException(name, "invalid token for a plain PBM: " + (char) (b & 0xFF));
      }
      s[k++] = b == '1' ? 0 : 255;
    }
    if (k < n) {
      throw new ImageDecodeException(name, "not enough image data (plain PBM has " + k + " of " + n + " values)");
    }
    return s;
  }

  private int[] plain(int n, int maxval, int outMax) throws ImageDecodeException {
    if (d.length - pos < 2L * n - 1) {
      // checked before allocating: every value takes at least one digit and a separator
      throw new ImageDecodeException(name, "not enough image data (plain PNM needs " + n + " values but only "
          + (d.length - pos) + " bytes remain)");
    }
    int[] s = new int[n];
    int k = 0;
    StringBuilder t = new StringBuilder();
    byte[] body = withoutComments();
    for (int i = 0; i <= body.length && k < n; i++) {
      if (i < body.length && !isSpace(body[i] & 0xFF)) {
        t.append((char) (body[i] & 0xFF));
        if (t.length() > MAX_TOKEN) {
          throw new ImageDecodeException(name, "token too long in PNM data: " + t);
        }
        continue;
      }
      if (t.length() > 0) {
        long v = number(t.toString());
        t.setLength(0);
        if (v < 0 || v > maxval) {
          throw new ImageDecodeException(name, "channel value " + v + " is outside 0.." + maxval);
        }
        s[k++] = (int) Math.rint((double) v / maxval * outMax);
      }
    }
    if (k < n) {
      throw new ImageDecodeException(name, "not enough image data (plain PNM has " + k + " of " + n + " values)");
    }
    return s;
  }

  /** The pixel data with every {@code #} comment removed up to and including its line end. */
  private byte[] withoutComments() {
    List<byte[]> parts = new ArrayList<>();
    int start = pos;
    int total = 0;
    int i = pos;
    while (i < d.length) {
      if (d[i] == '#') {
        parts.add(Arrays.copyOfRange(d, start, i));
        total += i - start;
        while (i < d.length && d[i] != '\n' && d[i] != '\r') {
          i++;
        }
        start = Math.min(i + 1, d.length);
        i = start;
      } else {
        i++;
      }
    }
    parts.add(Arrays.copyOfRange(d, start, d.length));
    total += d.length - start;
    byte[] out = new byte[total];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
