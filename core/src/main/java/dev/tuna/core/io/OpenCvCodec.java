package dev.tuna.core.io;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.tuna.core.internal.Preconditions;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code cv::imdecode(IMREAD_UNCHANGED)}: no EXIF rotation, the file's own channel layout and bit depth. BGR(A) is
 * reordered to RGB(A); 16-bit colour keeps the high byte like PIL's {@code RGB;16B} unpacker.
 */
final class OpenCvCodec {
  private OpenCvCodec() {}

  /** Decodes {@code data}, or returns null when OpenCV cannot (corrupt data or an unsupported variant). */
  static Raster decode(byte[] data) {
    if (data.length == 0) {
      return null;
    }
    try (BytePointer bytes = new BytePointer(data);
        Mat buffer = new Mat(1, data.length, CV_8UC1, bytes);
        Mat mat = imdecode(buffer, IMREAD_UNCHANGED)) {
      if (mat == null || mat.empty()) {
        return null;
      }
      return toRaster(mat.isContinuous() ? mat : mat.clone());
    } catch (RuntimeException e) {
      return undecodable(e);
    }
  }

  /**
   * Null when {@code e} is OpenCV's own error (a {@code cv::Exception}, which JavaCPP rethrows as a plain
   * {@link RuntimeException} whose message starts with {@code OpenCV(}): the data is not decodable by OpenCV and
   * the caller falls back. Anything else is a bug and propagates.
   */
  static <T> T undecodable(RuntimeException e) {
    if (isOpenCvError(e)) {
      return null;
    }
    throw e;
  }

  /** Whether {@code e} is a {@code cv::Exception} as JavaCPP passes it to Java. */
  static boolean isOpenCvError(RuntimeException e) {
    return e.getClass() == RuntimeException.class && e.getMessage() != null
        && e.getMessage().startsWith("OpenCV(");
  }

  private static Raster toRaster(Mat mat) {
    int h = mat.rows();
    int w = mat.cols();
    int c = mat.channels();
    long size = (long) h * w * c;
    if (size > Integer.MAX_VALUE - 8) {
      return null; // too large for one Java array: let the Java decoders explain
    }
    int n = (int) size;
    int[] s = new int[n];
    if (mat.depth() == CV_8U) {
      byte[] b = new byte[n];
      mat.data().get(b);
      if (c == 3 || c == 4) {
        // BGR(A) → RGB(A) fused into the widening pass (the swap below is then skipped).
        for (int i = 0; i < n; i += c) {
          s[i] = b[i + 2] & 0xFF;
          s[i + 1] = b[i + 1] & 0xFF;
          s[i + 2] = b[i] & 0xFF;
          if (c == 4) {
            s[i + 3] = b[i + 3] & 0xFF;
          }
        }
        return new Raster(w, h, c == 3 ? PilMode.RGB : PilMode.RGBA, s);
      }
      for (int i = 0; i < n; i++) {
        s[i] = b[i] & 0xFF;
      }
    } else if (mat.depth() == CV_16U) {
      short[] b = new short[n];
      new ShortPointer(mat.data()).get(b);
      int shift = c == 1 ? 0 : 8;
      for (int i = 0; i < n; i++) {
        s[i] = (b[i] & 0xFFFF) >>> shift;
      }
    } else {
      return null;
    }
    switch (c) {
      case 1:
        return new Raster(w, h, mat.depth() == CV_16U ? PilMode.I16 : PilMode.L, s);
      case 3:
        swapRedBlue(s, 3);
        return new Raster(w, h, PilMode.RGB, s);
      case 4:
        swapRedBlue(s, 4);
        return new Raster(w, h, PilMode.RGBA, s);
      default:
        return null;
    }
  }

  private static void swapRedBlue(int[] s, int channels) {
    for (int i = 0; i < s.length; i += channels) {
      int t = s[i];
      s[i] = s[i + 2];
      s[i + 2] = t;
    }
  }

  /**
   * Decodes an 8-bit three-channel image straight into RGB floats, picking output pixel {@code (y, x)} from source
   * {@code (ys[y], xs[x])} (PIL nearest maps; -1 leaves 0) or copying all pixels when the maps are null. Returns
   * null unless OpenCV yields exactly an {@code expectH × expectW} 8-bit BGR image.
   */
  static dev.tuna.core.image.Image decodeRgb8(byte[] data, int expectW, int expectH, int[] xs, int[] ys, int outW,
      int outH) {
    return decodeRgb8(data, expectW, expectH, xs, ys, outW, outH, null);
  }

  /**
   * {@link #decodeRgb8(byte[], int, int, int[], int[], int, int)} writing into {@code into} when it holds exactly
   * {@code outW × outH × 3} values (every value is overwritten; the image wraps it), else into a new array.
   */
  static dev.tuna.core.image.Image decodeRgb8(byte[] data, int expectW, int expectH, int[] xs, int[] ys, int outW,
      int outH, float[] into) {
    float[] out = into != null && into.length == outW * outH * 3 ? into : new float[outW * outH * 3];
    return decodeRgb8Into(data, expectW, expectH, xs, ys, outW, outH, out, 0)
        ? dev.tuna.core.image.Image.wrap(outH, outW, 3, out) : null;
  }

  /**
   * {@link #decodeRgb8(byte[], int, int, int[], int[], int, int)} writing the {@code outW × outH × 3} values into
   * {@code dst} from {@code offset} on; false when OpenCV cannot decode the data as an {@code expectW × expectH}
   * BGR image (then nothing was written).
   */
  static boolean decodeRgb8Into(byte[] data, int expectW, int expectH, int[] xs, int[] ys, int outW, int outH,
      float[] dst, int offset) {
    if (xs != null) {
      Preconditions.requireArgument(xs.length >= outW && ys.length >= outH,
          "pick maps must cover %dx%d output pixels but had %d columns and %d rows", outW, outH, xs.length,
          ys.length);
    }
    Preconditions.requireArgument(offset >= 0 && dst.length - offset >= outW * outH * 3,
        "dst must hold %d values from offset %d but has %d", outW * outH * 3, offset, dst.length);
    try (BytePointer bytes = new BytePointer(data);
        Mat buffer = new Mat(1, data.length, CV_8UC1, bytes);
        Mat decoded = imdecode(buffer, IMREAD_UNCHANGED)) {
      if (decoded == null || decoded.empty() || decoded.depth() != CV_8U || decoded.channels() != 3
          || decoded.cols() != expectW || decoded.rows() != expectH) {
        return false;
      }
      try (Mat mat = decoded.isContinuous() ? null : decoded.clone()) {
        Mat m = mat == null ? decoded : mat;
        int n = expectW * expectH * 3;
        if (xs != null) {
          PickKernel.selection().run(outW * outH, k -> pick(k, m.data(), n, expectW, expectH, xs, ys, outW, outH,
              dst, offset));
          return true;
        }
        byte[] px = scratch(n);
        m.data().get(px, 0, n); // one bulk copy; direct-buffer reads per pixel cost more than it
        for (int i = 0, o = offset; i < n; i += 3, o += 3) {
          dst[o] = px[i + 2] & 0xFF;
          dst[o + 1] = px[i + 1] & 0xFF;
          dst[o + 2] = px[i] & 0xFF;
        }
        return true;
      }
    } catch (RuntimeException e) {
      undecodable(e);
      return false;
    }
  }

  /**
   * The nearest pick with {@code kernel} from the {@code srcW × srcH} BGR bytes ({@code n} of them) in native
   * {@code data}: the C kernel reads them in place, the Java one after one bulk copy.
   */
  static void pick(PickKernel kernel, BytePointer data, int n, int srcW, int srcH, int[] xs, int[] ys, int outW,
      int outH, float[] out) {
    pick(kernel, data, n, srcW, srcH, xs, ys, outW, outH, out, 0);
  }

  /** The {@code pick} above writing the image from {@code out[offset]} on. */
  static void pick(PickKernel kernel, BytePointer data, int n, int srcW, int srcH, int[] xs, int[] ys, int outW,
      int outH, float[] out, int offset) {
    if (kernel == PickKernel.NATIVE) {
      NativePick.pick(data.address(), srcW, srcH, xs, ys, outW, outH, out, offset);
      return;
    }
    byte[] px = scratch(n);
    data.get(px, 0, n); // one bulk copy; direct-buffer reads per pixel cost more than it
    pickNearest(px, srcW, xs, ys, outW, outH, out, offset);
  }

  /** {@code (float) (b & 0xFF)} as a table read: scalar int→float conversions are slower in this loop. */
  private static final float[] UNSIGNED = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      UNSIGNED[i] = i;
    }
  }

  /**
   * Output pixel {@code (y, x)} in RGB from BGR source pixel {@code (ys[y], xs[x])}; a negative index leaves the
   * output pixel 0. The Java twin of {@link NativePick#pick}.
   */
  static void pickNearest(byte[] px, int srcW, int[] xs, int[] ys, int outW, int outH, float[] out) {
    pickNearest(px, srcW, xs, ys, outW, outH, out, 0);
  }

  /** {@link #pickNearest(byte[], int, int[], int[], int, int, float[])} from {@code out[offset]} on. */
  static void pickNearest(byte[] px, int srcW, int[] xs, int[] ys, int outW, int outH, float[] out, int offset) {
    final float[] u = UNSIGNED;
    int[] cols = new int[outW];
    boolean holes = false;
    for (int x = 0; x < outW; x++) {
      cols[x] = xs[x] * 3;
      holes |= xs[x] < 0;
    }
    for (int y = 0, o = offset; y < outH; y++) {
      if (ys[y] < 0) {
        java.util.Arrays.fill(out, o, o + outW * 3, 0f); // as the C kernel: out may hold an earlier image
        o += outW * 3;
        continue;
      }
      final int row = ys[y] * srcW * 3;
      if (!holes) {
        for (int x = 0; x < outW; x++, o += 3) {
          final int i = row + cols[x];
          out[o] = u[px[i + 2] & 0xFF];
          out[o + 1] = u[px[i + 1] & 0xFF];
          out[o + 2] = u[px[i] & 0xFF];
        }
        continue;
      }
      for (int x = 0; x < outW; x++, o += 3) {
        if (xs[x] >= 0) {
          final int i = row + cols[x];
          out[o] = u[px[i + 2] & 0xFF];
          out[o + 1] = u[px[i + 1] & 0xFF];
          out[o + 2] = u[px[i] & 0xFF];
        } else {
          out[o] = out[o + 1] = out[o + 2] = 0f;
        }
      }
    }
  }

  private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

  /** A per-thread byte buffer of at least {@code n} bytes (not cached above 16 MiB). */
  private static byte[] scratch(int n) {
    if (n > (1 << 24)) {
      return new byte[n];
    }
    byte[] b = SCRATCH.get();
    if (b == null || b.length < n) {
      b = new byte[Math.max(n, 1 << 16)];
      SCRATCH.set(b);
    }
    return b;
  }
}
