package dev.tuna.core.io;

/** Unsigned big/little-endian reads from a byte array (callers check bounds). */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] d, int i) {
    return d[i] & 0xFF;
  }

  static int u16be(byte[] d, int i) {
    return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
  }

  static int u16le(byte[] d, int i) {
    return (d[i + 1] & 0xFF) << 8 | (d[i] & 0xFF);
  }

  static long u32be(byte[] d, int i) {
    return ((long) u16be(d, i) << 16) | u16be(d, i + 2);
  }

  static long u32le(byte[] d, int i) {
    return ((long) u16le(d, i + 2) << 16) | u16le(d, i);
  }

  static int u16(byte[] d, int i, boolean bigEndian) {
    return bigEndian ? u16be(d, i) : u16le(d, i);
  }

  static long u32(byte[] d, int i, boolean bigEndian) {
    return bigEndian ? u32be(d, i) : u32le(d, i);
  }

  /** An unsigned 64-bit value; values beyond {@link Long#MAX_VALUE} come back negative. */
  static long u64(byte[] d, int i, boolean bigEndian) {
    long hi = u32(d, bigEndian ? i : i + 4, bigEndian);
    long lo = u32(d, bigEndian ? i + 4 : i, bigEndian);
    return hi << 32 | lo;
  }
}
