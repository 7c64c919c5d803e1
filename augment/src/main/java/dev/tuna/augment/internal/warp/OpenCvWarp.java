package dev.tuna.augment.internal.warp;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.BORDER_WRAP;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.tuna.augment.FillMode;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The opt-in OpenCV backend: {@code cv::warpAffine(src, dst, M, size, INTER_LINEAR | WARP_INVERSE_MAP, border,
 * cval)} on a {@code CV_32FC(channels)} copy of the image. <strong>Not Keras-exact</strong> (see
 * {@link dev.tuna.augment.WarpBackend#OPENCV}): coordinates are rounded to 1/32 pixel, constant borders blend,
 * wrap has period {@code n} instead of SciPy's {@code n−1}. Fill modes map to OpenCV borders as nearest →
 * REPLICATE, reflect → REFLECT, mirror → REFLECT_101, wrap → WRAP, constant → CONSTANT. OpenCV's own thread pool
 * setting applies (call {@code cv::setNumThreads(1)} when running several workers).
 *
 * <p>The pixels are copied in and out with bulk pointer copies; the native buffers are per call.
 */
public final class OpenCvWarp {
  private OpenCvWarp() {}

  /** Same contract as {@link AffineWarp#warp(float[], float[], int, int, int, AffineMatrix, FillMode, double, int)}. */
  public static void warp(float[] src, float[] dst, int height, int width, int channels, AffineMatrix m,
      FillMode mode, double cval, int order) {
    if (src == dst) {
      throw new IllegalArgumentException("dst must not be the src array");
    }
    if (order != 0 && order != 1) {
      throw new IllegalArgumentException("interpolationOrder must be 0 or 1 but was " + order);
    }
    if (channels < 1 || channels > 512) {
      throw new IllegalArgumentException("channels must be in [1, 512] but was " + channels);
    }
    int n = height * width * channels;
    if (src.length < n || dst.length < n) {
      throw new IllegalArgumentException("src and dst must hold " + n + " values");
    }
    int type = CV_32FC(channels);
    try (FloatPointer in = new FloatPointer(n);
        FloatPointer out = new FloatPointer(n);
        Mat a = new Mat(height, width, type, in);
        Mat b = new Mat(height, width, type, out);
        DoublePointer coeffs = new DoublePointer(inverseMap(m));
        Mat map = new Mat(2, 3, CV_64F, coeffs);
        Size size = new Size(width, height);
        Scalar fill = new Scalar(cval, cval, cval, cval)) {
      in.put(src, 0, n);
      warpAffine(a, b, map, size, (order == 0 ? INTER_NEAREST : INTER_LINEAR) | WARP_INVERSE_MAP, border(mode),
          fill);
      out.get(dst, 0, n);
    }
  }

  /**
   * OpenCV's inverse map {@code (x', y') = M·(x, y, 1)} with x the column: {@code x' = a11·x + a10·y + b1},
   * {@code y' = a01·x + a00·y + b0}.
   */
  static double[] inverseMap(AffineMatrix m) {
    return new double[] {m.a11(), m.a10(), m.b1(), m.a01(), m.a00(), m.b0()};
  }

  static int border(FillMode mode) {
    return switch (mode) {
      case CONSTANT -> BORDER_CONSTANT;
      case NEAREST -> BORDER_REPLICATE;
      case REFLECT -> BORDER_REFLECT;
      case MIRROR -> BORDER_REFLECT_101;
      case WRAP -> BORDER_WRAP;
    };
  }
}
