package dev.tuna.core.io;

import dev.tuna.core.internal.AtomicFiles;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0–3.0, C order). Reads {@code <f4}, {@code <f8},
 * {@code |u1}, {@code <u2}, {@code <i4} and {@code <i8}; writes {@code <f4}, {@code |u1} and {@code <i8} with
 * byte-for-byte the header {@code np.save} writes. Writes are atomic: a temporary file in the target directory is
 * moved into place. Nothing depends on the default locale.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final int CHUNK = 1 << 20;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Reads a {@code .npy} file.
   *
   * @param path the file
   * @return the array
   * @throws IOException if the file cannot be read, is not a {@code .npy} file, is truncated, is in Fortran order,
   *     or has an unsupported dtype; the message names the file
   */
  public static NpyArray read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer pre = readFully(ch, 10, path);
      byte[] magic = new byte[6];
      pre.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(path + ": not a .npy file (bad magic string)");
      }
      int major = pre.get() & 0xFF;
      pre.get();
      long headerLength;
      if (major == 1) {
        headerLength = pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFF;
      } else if (major == 2 || major == 3) {
        ByteBuffer extra = readFully(ch, 2, path);
        headerLength = (pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFFL)
            | (extra.order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFFL) << 16;
      } else {
        throw new IOException(path + ": unsupported .npy format version " + major);
      }
      if (headerLength > 1 << 24) {
        throw new IOException(path + ": .npy header of " + headerLength + " bytes is implausibly large");
      }
      ByteBuffer hb = readFully(ch, (int) headerLength, path);
      String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      return readData(ch, path, header);
    }
  }

  private static NpyArray readData(FileChannel ch, Path path, String header) throws IOException {
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeM = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeM.find()) {
      throw new IOException(path + ": malformed .npy header " + header.trim());
    }
    if (fortran.group(1).equals("True")) {
      throw new IOException(path + ": fortran_order=True arrays are not supported (save a C-ordered array, e.g. "
          + "np.save(path, np.ascontiguousarray(a)))");
    }
    NpyArray.DType dtype = NpyArray.DType.fromDescr(descr.group(1));
    if (dtype == null) {
      throw new IOException(path + ": unsupported dtype '" + descr.group(1)
          + "' (supported: <f4, <f8, |u1, <u2, <i4, <i8)");
    }
    String dims = shapeM.group(1).trim();
    String[] parts = dims.isEmpty() ? new String[0] : dims.split("\\s*,\\s*");
    int rank = parts.length > 0 && parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
    int[] shape = new int[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      String p = parts[i].endsWith("L") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
      if (!p.matches("[0-9]{1,10}")) {
        throw new IOException(path + ": invalid dimension " + parts[i] + " in shape (" + dims + ")");
      }
      long d = Long.parseLong(p);
      if (d > Integer.MAX_VALUE) {
        throw new IOException(path + ": invalid dimension " + parts[i] + " in shape (" + dims + ")");
      }
      shape[i] = (int) d;
      n *= d;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IOException(path + ": array of shape (" + dims + ") is too large for a Java array");
      }
    }
    int count = (int) n;
    long available = ch.size() - ch.position();
    if ((long) count * dtype.size() > available) {
      // checked before allocating, so a header declaring a huge shape cannot exhaust the heap
      throw new IOException(path + ": .npy data is truncated (expected " + (long) count * dtype.size() + " bytes of "
          + (dtype.size() == 1 ? "" : "little-endian ") + "data)");
    }
    Object data;
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[count];
        readElements(ch, path, count, 4, (b, off, k) -> b.asFloatBuffer().get(a, off, k));
        data = a;
        break;
      }
      case FLOAT64: {
        double[] a = new double[count];
        readElements(ch, path, count, 8, (b, off, k) -> b.asDoubleBuffer().get(a, off, k));
        data = a;
        break;
      }
      case UINT8: {
        byte[] a = new byte[count];
        readElements(ch, path, count, 1, (b, off, k) -> b.get(a, off, k));
        data = a;
        break;
      }
      case UINT16: {
        short[] a = new short[count];
        readElements(ch, path, count, 2, (b, off, k) -> b.asShortBuffer().get(a, off, k));
        data = a;
        break;
      }
      case INT32: {
        int[] a = new int[count];
        readElements(ch, path, count, 4, (b, off, k) -> b.asIntBuffer().get(a, off, k));
        data = a;
        break;
      }
      default: {
        long[] a = new long[count];
        readElements(ch, path, count, 8, (b, off, k) -> b.asLongBuffer().get(a, off, k));
        data = a;
        break;
      }
    }
    return new NpyArray(shape, dtype, data);
  }

  private interface Sink {
    void take(ByteBuffer buffer, int offset, int count);
  }

  private static void readElements(FileChannel ch, Path path, int count, int size, Sink sink) throws IOException {
    int perChunk = CHUNK / size;
    ByteBuffer buf = ByteBuffer.allocate(Math.min(count, perChunk) * size).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int k = Math.min(perChunk, count - done);
      buf.clear().limit(k * size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw new IOException(path + ": .npy data is truncated (expected " + (long) count * size
              + " bytes of " + (size == 1 ? "" : "little-endian ") + "data)");
        }
      }
      buf.flip();
      sink.take(buf, done, k);
      done += k;
    }
  }

  private static ByteBuffer readFully(FileChannel ch, int n, Path path) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException(path + ": not a .npy file or truncated header");
      }
    }
    b.flip();
    return b;
  }

  /**
   * Writes a float32 ({@code <f4}) array of the given shape.
   *
   * @param path the file to write
   * @param shape the shape
   * @param data the values in C order
   * @throws IOException if the file cannot be written
   */
  public static void write(Path path, int[] shape, float[] data) throws IOException {
    checkLength(shape, data.length);
    write(path, shape, NpyArray.DType.FLOAT32, data.length, (b, off, k) -> b.asFloatBuffer().put(data, off, k));
  }

  /**
   * Writes an image as a float32 {@code (height, width, channels)} array.
   *
   * @param path the file to write
   * @param image the image
   * @throws IOException if the file cannot be written
   */
  public static void write(Path path, Image image) throws IOException {
    write(path, image.shape(), image.data());
  }

  /**
   * Writes a uint8 ({@code |u1}) array of the given shape; bytes are taken as unsigned.
   *
   * @param path the file to write
   * @param shape the shape
   * @param data the values in C order
   * @throws IOException if the file cannot be written
   */
  public static void writeUint8(Path path, int[] shape, byte[] data) throws IOException {
    checkLength(shape, data.length);
    write(path, shape, NpyArray.DType.UINT8, data.length, (b, off, k) -> b.put(data, off, k));
  }

  /**
   * Writes an int64 ({@code <i8}) array of the given shape.
   *
   * @param path the file to write
   * @param shape the shape
   * @param data the values in C order
   * @throws IOException if the file cannot be written
   */
  public static void writeInt64(Path path, int[] shape, long[] data) throws IOException {
    checkLength(shape, data.length);
    write(path, shape, NpyArray.DType.INT64, data.length, (b, off, k) -> b.asLongBuffer().put(data, off, k));
  }

  /**
   * Writes float values as an array of {@code dtype}, converted as NumPy's {@code astype} converts float32 (integer
   * types truncate toward zero; values must fit the type).
   *
   * @param path the file to write
   * @param shape the shape
   * @param dtype the element type to write
   * @param data the values in C order
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException when an integer type is asked for a value that is not finite or does not fit
   */
  public static void write(Path path, int[] shape, NpyArray.DType dtype, float[] data) throws IOException {
    checkLength(shape, data.length);
    if (dtype != NpyArray.DType.FLOAT32 && dtype != NpyArray.DType.FLOAT64) {
      double lo = dtype == NpyArray.DType.UINT8 || dtype == NpyArray.DType.UINT16 ? 0
          : dtype == NpyArray.DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
      double hi = dtype == NpyArray.DType.UINT8 ? 255 : dtype == NpyArray.DType.UINT16 ? 65535
          : dtype == NpyArray.DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
      for (float v : data) {
        double t = v < 0 ? Math.ceil(v) : Math.floor(v);
        if (!(t >= lo && t <= hi)) {
          throw new IllegalArgumentException("value " + v + " does not fit " + dtype.descr());
        }
      }
    }
    switch (dtype) {
      case FLOAT32 -> write(path, shape, data);
      case FLOAT64 -> write(path, shape, dtype, data.length, (b, off, k) -> {
        for (int i = 0; i < k; i++) {
          b.putDouble(i * 8, data[off + i]);
        }
      });
      case UINT8 -> write(path, shape, dtype, data.length, (b, off, k) -> {
        for (int i = 0; i < k; i++) {
          b.put(i, (byte) (int) data[off + i]);
        }
      });
      case UINT16 -> write(path, shape, dtype, data.length, (b, off, k) -> {
        for (int i = 0; i < k; i++) {
          b.putShort(i * 2, (short) (int) data[off + i]);
        }
      });
      case INT32 -> write(path, shape, dtype, data.length, (b, off, k) -> {
        for (int i = 0; i < k; i++) {
          b.putInt(i * 4, (int) data[off + i]);
        }
      });
      case INT64 -> write(path, shape, dtype, data.length, (b, off, k) -> {
        for (int i = 0; i < k; i++) {
          b.putLong(i * 8, (long) data[off + i]);
        }
      });
      default -> throw new IllegalArgumentException("cannot write " + dtype);
    }
  }

  private static void checkLength(int[] shape, int length) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape must not have negative dimensions but was "
            + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
          + " elements but data has " + length);
    }
  }

  private static void write(Path path, int[] shape, NpyArray.DType dtype, int count, Sink source)
      throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the directory to write " + path.getFileName()
          + " into does not exist (np.save does not create it either)");
    }
    AtomicFiles.write(path, tmp -> {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer header = ByteBuffer.wrap(header(shape, dtype.descr()));
        while (header.hasRemaining()) {
          ch.write(header);
        }
        int perChunk = CHUNK / dtype.size();
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(count, perChunk)) * dtype.size())
            .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
          int k = Math.min(perChunk, count - done);
          buf.clear();
          source.take(buf, done, k);
          buf.position(0).limit(k * dtype.size());
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          done += k;
        }
        ch.force(true);
      }
    });
  }

  /** The header {@code np.save} writes: sorted dict keys, 21-digit growth padding, 64-byte alignment. */
  static byte[] header(int[] shape, String descr) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    s.append(shape.length == 1 ? ",)" : ")");
    StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': ").append(s).append(", }");
    if (shape.length > 0) {
      dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    int hlen = text.length + 1;
    int version = hlen + ALIGN - (10 + hlen) % ALIGN <= 0xFFFF ? 1 : 2;
    int prefix = version == 1 ? 10 : 12;
    int pad = ALIGN - (prefix + hlen) % ALIGN;
    ByteBuffer out = ByteBuffer.allocate(prefix + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) version).put((byte) 0);
    if (version == 1) {
      out.putShort((short) (hlen + pad));
    } else {
      out.putInt(hlen + pad);
    }
    out.put(text);
    for (int i = 0; i < pad; i++) {
      out.put((byte) ' ');
    }
    out.put((byte) '\n');
    return out.array();
  }
}
