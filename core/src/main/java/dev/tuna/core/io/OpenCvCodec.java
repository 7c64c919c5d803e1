package dev.tuna.core.io;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

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
      return null;
    }
  }

  private static Raster toRaster(Mat mat) {
    int h = mat.rows();
    int w = mat.cols();
    int c = mat.channels();
    int n = Math.multiplyExact(Math.multiplyExact(h, w), c);
    int[] s = new int[n];
    if (mat.depth() == CV_8U) {
      byte[] b = new byte[n];
      mat.data().get(b);
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
}
