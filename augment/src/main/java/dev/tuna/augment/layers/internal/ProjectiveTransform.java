package dev.tuna.augment.layers.internal;

import dev.tuna.core.internal.Preconditions;

/**
 * TensorFlow's {@code ImageProjectiveTransformV3} CPU kernel in float32 arithmetic: for every output pixel
 * {@code (x, y)} the transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} gives the input point
 * {@code ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)} with {@code k = c0 x + c1 y + 1}; the fill mode maps
 * points outside the image back inside (reflect, wrap, nearest) or leaves them to {@code fillValue} (constant), and
 * the input is sampled with nearest or bilinear interpolation. Images are NHWC float32.
 *
 * <p>Every pixel is computed with TF's float32 expression in TF's order: the products {@code a0 x}, {@code a1 y} are
 * taken once per column and row (the same float32 products), the sums are never reassociated, and {@code k} is
 * skipped only where it is exactly 1 (affine transforms). Pixels whose four bilinear taps lie inside the image take
 * a loop without the fill-mode reads; the others take TF's reads with the fill value. The images of a batch are
 * transformed in parallel ({@link BatchParallel}); each output value depends on its own image only, so the result
 * does not depend on the number of threads.
 */
public final class ProjectiveTransform {
  /** TF's {@code interpolation}. */
  public enum Interpolation {
    /** {@code "NEAREST"}: the pixel at the rounded point (halves away from zero). */
    NEAREST,
    /** {@code "BILINEAR"}: the four neighbours, weighted. */
    BILINEAR
  }

  /** TF's {@code fill_mode}. */
  public enum FillMode {
    /** {@code "REFLECT"}: {@code (d c b a | a b c d | d c b a)}. */
    REFLECT,
    /** {@code "WRAP"}: TF's wrap, which steps by {@code len - 1} (not exactly periodic). */
    WRAP,
    /** {@code "CONSTANT"}: the fill value outside. */
    CONSTANT,
    /** {@code "NEAREST"}: the edge pixel. */
    NEAREST
  }

  private ProjectiveTransform() {}

  /**
   * Transforms a batch on {@link BatchParallel#threads()} threads.
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param transforms 8 values per image, or 8 values shared by all images
   * @param outH output height
   * @param outW output width
   * @param interpolation the sampling
   * @param fillMode how points outside the input are mapped
   * @param fillValue the value outside the input in constant mode
   * @return the NHWC output, {@code n * outH * outW * c} values
   */
  public static float[] apply(float[] images, int n, int h, int w, int c, float[] transforms, int outH, int outW,
      Interpolation interpolation, FillMode fillMode, float fillValue) {
    return apply(images, n, h, w, c, transforms, outH, outW, interpolation, fillMode, fillValue,
        BatchParallel.threads());
  }

  /**
   * Transforms a batch on up to {@code threads} threads (the result is the same for any number).
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param transforms 8 values per image, or 8 values shared by all images
   * @param outH output height
   * @param outW output width
   * @param interpolation the sampling
   * @param fillMode how points outside the input are mapped
   * @param fillValue the value outside the input in constant mode
   * @param threads the most threads to use, at least 1
   * @return the NHWC output, {@code n * outH * outW * c} values
   */
  public static float[] apply(float[] images, int n, int h, int w, int c, float[] transforms, int outH, int outW,
      Interpolation interpolation, FillMode fillMode, float fillValue, int threads) {
    return applyInto(images, n, h, w, c, transforms, outH, outW, interpolation, fillMode, fillValue, threads,
        new float[n * outH * outW * c]);
  }

  /**
   * Transforms a batch into {@code out} on up to {@code threads} threads: every value of {@code out} is written, so
   * its previous contents do not matter, and the result is the one {@link #apply} returns.
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param transforms 8 values per image, or 8 values shared by all images
   * @param outH output height
   * @param outW output width
   * @param interpolation the sampling
   * @param fillMode how points outside the input are mapped
   * @param fillValue the value outside the input in constant mode
   * @param threads the most threads to use, at least 1
   * @param out the NHWC output, {@code n * outH * outW * c} values, not {@code images} itself
   * @return {@code out}
   * @throws IllegalArgumentException when a length does not match, {@code out} is {@code images} or
   *     {@code threads} is less than 1
   */
  public static float[] applyInto(float[] images, int n, int h, int w, int c, float[] transforms, int outH,
      int outW, Interpolation interpolation, FillMode fillMode, float fillValue, int threads, float[] out) {
    if (out.length != n * outH * outW * c) {
      throw new IllegalArgumentException("out must hold " + n * outH * outW * c + " values but held " + out.length);
    }
    if (out == images) {
      throw new IllegalArgumentException("out must not be the input array");
    }
    if (transforms.length != 8 && transforms.length != 8 * n) {
      throw new IllegalArgumentException("transforms must hold 8 or " + 8 * n + " values but held "
          + transforms.length);
    }
    if (images.length != n * h * w * c) {
      throw new IllegalArgumentException("images must hold " + n * h * w * c + " values but held " + images.length);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    boolean bilinear = interpolation == Interpolation.BILINEAR;
    // the kernel is measured once, on trial images, before the first bilinear 3- or 4-channel transform
    ProjectiveKernel kernel = bilinear && (c == 3 || c == 4) ? ProjectiveKernel.current() : ProjectiveKernel.SCALAR;
    return run(images, n, h, w, c, transforms, outH, outW, bilinear, fillMode, fillValue, threads, kernel, out);
  }

  /**
   * Transforms one image of {@code images} into {@code out} on the calling thread, each at an offset (for example
   * image {@code k} of a batch at {@code k * h * w * c}, or an image into its place in a batch): every value of the
   * output image is written and no other value of {@code out}; the values are the ones {@link #apply} gives for that
   * image.
   *
   * @param images holds the NHWC input image, {@code h * w * c} values from {@code imageOffset}
   * @param imageOffset where the input image starts in {@code images}
   * @param h input height
   * @param w input width
   * @param c channels
   * @param transforms holds the image's 8 transform values from {@code transformOffset}
   * @param transformOffset where the image's transform starts in {@code transforms}
   * @param outH output height
   * @param outW output width
   * @param interpolation the sampling
   * @param fillMode how points outside the input are mapped
   * @param fillValue the value outside the input in constant mode
   * @param out receives the NHWC output image, {@code outH * outW * c} values from {@code outOffset}; not
   *     {@code images} itself
   * @param outOffset where the output image starts in {@code out}
   * @return {@code out}
   * @throws IllegalArgumentException when a shape is not positive, an offset is negative or an image or the
   *     transform does not fit its array from its offset, or {@code out} is {@code images}
   */
  public static float[] applyImageInto(float[] images, int imageOffset, int h, int w, int c, float[] transforms,
      int transformOffset, int outH, int outW, Interpolation interpolation, FillMode fillMode, float fillValue,
      float[] out, int outOffset) {
    boolean bilinear = interpolation == Interpolation.BILINEAR;
    ProjectiveKernel kernel = bilinear && (c == 3 || c == 4) ? ProjectiveKernel.current() : ProjectiveKernel.SCALAR;
    return runImage(images, imageOffset, h, w, c, transforms, transformOffset, outH, outW, bilinear, fillMode,
        fillValue, kernel, out, outOffset);
  }

  /** {@link #applyImageInto} with the given kernel. */
  static float[] runImage(float[] images, int imageOffset, int h, int w, int c, float[] transforms,
      int transformOffset, int outH, int outW, boolean bilinear, FillMode fillMode, float fillValue,
      ProjectiveKernel kernel, float[] out, int outOffset) {
    if (h < 1 || w < 1 || c < 1 || outH < 1 || outW < 1) {
      throw new IllegalArgumentException("the image shape must be positive but was " + h + "x" + w + "x" + c
          + " to " + outH + "x" + outW);
    }
    if (out == images) {
      throw new IllegalArgumentException("out must not be the input array");
    }
    requireFits("imageOffset", imageOffset, (long) h * w * c, "images", images.length);
    requireFits("transformOffset", transformOffset, 8, "transforms", transforms.length);
    requireFits("outOffset", outOffset, (long) outH * outW * c, "out", out.length);
    image(images, imageOffset, h, w, c, transforms, transformOffset, out, outOffset, outH, outW, bilinear, fillMode,
        fillValue, kernel);
    return out;
  }

  /** Rejects an offset from which {@code values} values do not fit an array of {@code length}. */
  private static void requireFits(String option, int offset, long values, String array, int length) {
    Preconditions.requireArgument(values <= length, "%s holds %d values but the image needs %d (%s %d)", array,
        length, values, option, offset);
    Preconditions.requireArgument(offset >= 0 && offset <= length - values,
        "%s must be between 0 and %d (%s holds %d values, the image needs %d) but was %d", option, length - values,
        array, length, values, offset);
  }

  /**
   * Transforms a batch with the given kernel.
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param transforms 8 values per image, or 8 values shared by all images
   * @param outH output height
   * @param outW output width
   * @param bilinear bilinear (else nearest) sampling
   * @param fillMode how points outside the input are mapped
   * @param fillValue the value outside the input in constant mode
   * @param threads the most threads to use, at least 1
   * @param kernel the interior loop of 3- and 4-channel bilinear sampling ({@link ProjectiveKernel#NATIVE}: the whole
   *     bilinear image of 1 to 4 channels in C when available, else the scalar loop)
   * @return the NHWC output, {@code n * outH * outW * c} values
   */
  static float[] run(float[] images, int n, int h, int w, int c, float[] transforms, int outH, int outW,
      boolean bilinear, FillMode fillMode, float fillValue, int threads, ProjectiveKernel kernel) {
    return run(images, n, h, w, c, transforms, outH, outW, bilinear, fillMode, fillValue, threads, kernel,
        new float[n * outH * outW * c]);
  }

  /** The same as the {@code run} above, into {@code out}. */
  static float[] run(float[] images, int n, int h, int w, int c, float[] transforms, int outH, int outW,
      boolean bilinear, FillMode fillMode, float fillValue, int threads, ProjectiveKernel kernel, float[] out) {
    BatchParallel.forEach(n, threads, b -> image(images, b * h * w * c, h, w, c, transforms,
        transforms.length == 8 ? 0 : 8 * b, out, b * outH * outW * c, outH, outW, bilinear, fillMode, fillValue,
        kernel));
    return out;
  }

  /** One image with the given kernel: input at {@code inBase}, transform at {@code t}, output at {@code outBase}. */
  private static void image(float[] images, int inBase, int h, int w, int c, float[] transforms, int t, float[] out,
      int outBase, int outH, int outW, boolean bilinear, FillMode fillMode, float fillValue,
      ProjectiveKernel kernel) {
    if (kernel == ProjectiveKernel.NATIVE && bilinear && c <= 4 && ProjectiveKernel.NATIVE.available()) {
      ProjectiveNative.image(images, inBase, h, w, c, transforms, t, out, outBase, outH, outW, fillMode, fillValue);
    } else {
      image(images, inBase, h, w, c, transforms, t, out, outBase, outH, outW, bilinear, fillMode, fillValue,
          kernel == ProjectiveKernel.VECTOR && (c == 3 || c == 4));
    }
  }

  /** One image: input at {@code inBase}, transform at {@code t}, output at {@code outBase}. */
  private static void image(float[] images, int inBase, int h, int w, int c, float[] transforms, int t, float[] out,
      int outBase, int outH, int outW, boolean bilinear, FillMode fillMode, float fillValue, boolean vector) {
    float a0 = transforms[t];
    float a1 = transforms[t + 1];
    float a2 = transforms[t + 2];
    float b0 = transforms[t + 3];
    float b1 = transforms[t + 4];
    float b2 = transforms[t + 5];
    float c0 = transforms[t + 6];
    float c1 = transforms[t + 7];
    // c0 x + c1 y + 1 is exactly 1 for every pixel when c0 and c1 are (signed) zeros, and v / 1 is v
    boolean projective = !(c0 == 0 && c1 == 0);
    float[] colA = new float[outW];
    float[] colB = new float[outW];
    float[] colC = new float[outW];
    for (int ox = 0; ox < outW; ox++) {
      float fx = ox;
      colA[ox] = a0 * fx;
      colB[ox] = b0 * fx;
      colC[ox] = c0 * fx;
    }
    boolean constant = fillMode == FillMode.CONSTANT;
    float wLast = w - 1;
    float hLast = h - 1;
    int row = w * c;
    // the vector blend of a 3-channel pixel writes one value past it and reads one past its last tap: keep both
    // inside this image's output and inside the input array
    int vectorOutEnd = outBase + outH * outW * c - 4;
    int vectorInEnd = images.length - 2 * c - 1;
    for (int oy = 0; oy < outH; oy++) {
      float fy = oy;
      float rowA = a1 * fy;
      float rowB = b1 * fy;
      float rowC = c1 * fy;
      int o = outBase + oy * outW * c;
      for (int ox = 0; ox < outW; ox++, o += c) {
        float x = colA[ox] + rowA + a2;
        float y = colB[ox] + rowB + b2;
        if (projective) {
          float projection = colC[ox] + rowC + 1f;
          if (projection == 0) {
            fill(out, o, c, fillValue);
            continue;
          }
          x /= projection;
          y /= projection;
        }
        if (!constant) {
          // inside [0, len - 1] TF's map is the identity but for -0, which its clamp turns into +0 (as + 0f does)
          x = x >= 0 && x <= wLast ? x + 0f : map(x, w, fillMode);
          y = y >= 0 && y <= hLast ? y + 0f : map(y, h, fillMode);
        }
        if (!bilinear) {
          nearest(images, inBase, h, w, c, x, y, out, o, fillValue);
        } else if (x >= 0 && x < wLast && y >= 0 && y < hLast) {
          // all four taps inside: floor is the int conversion once -0 is +0 (x - floor(x) is +0 for -0 as well)
          x += 0f;
          y += 0f;
          int x0 = (int) x;
          int y0 = (int) y;
          float xFloor = x0;
          float yFloor = y0;
          float wx0 = (xFloor + 1) - x;
          float wx1 = x - xFloor;
          float wy0 = (yFloor + 1) - y;
          float wy1 = y - yFloor;
          int p = inBase + y0 * row + x0 * c;
          int q = p + row;
          if (vector && o <= vectorOutEnd && q <= vectorInEnd) {
            ProjectiveVector.blend(images, p, q, c, wx0, wx1, wy0, wy1, out, o);
          } else if (c == 3) {
            out[o] = wy0 * (wx0 * images[p] + wx1 * images[p + 3])
                + wy1 * (wx0 * images[q] + wx1 * images[q + 3]);
            out[o + 1] = wy0 * (wx0 * images[p + 1] + wx1 * images[p + 4])
                + wy1 * (wx0 * images[q + 1] + wx1 * images[q + 4]);
            out[o + 2] = wy0 * (wx0 * images[p + 2] + wx1 * images[p + 5])
                + wy1 * (wx0 * images[q + 2] + wx1 * images[q + 5]);
          } else {
            for (int ch = 0; ch < c; ch++) {
              out[o + ch] = wy0 * (wx0 * images[p + ch] + wx1 * images[p + c + ch])
                  + wy1 * (wx0 * images[q + ch] + wx1 * images[q + c + ch]);
            }
          }
        } else {
          bilinearBorder(images, inBase, h, w, c, x, y, out, o, fillValue);
        }
      }
    }
  }

  private static void nearest(float[] images, int inBase, int h, int w, int c, float x, float y, float[] out, int o,
      float fillValue) {
    int iy = round(y);
    int ix = round(x);
    if (0 <= iy && iy < h && 0 <= ix && ix < w) {
      System.arraycopy(images, inBase + (iy * w + ix) * c, out, o, c);
    } else {
      fill(out, o, c, fillValue);
    }
  }

  /** TF's bilinear sampling with a read of the fill value for every tap outside the image. */
  private static void bilinearBorder(float[] images, int inBase, int h, int w, int c, float x, float y, float[] out,
      int o, float fillValue) {
    float yFloor = (float) Math.floor(y);
    float xFloor = (float) Math.floor(x);
    float yCeil = yFloor + 1;
    float xCeil = xFloor + 1;
    int y0 = (int) yFloor;
    int x0 = (int) xFloor;
    int y1 = (int) yCeil;
    int x1 = (int) xCeil;
    float wx0 = xCeil - x;
    float wx1 = x - xFloor;
    float wy0 = yCeil - y;
    float wy1 = y - yFloor;
    for (int ch = 0; ch < c; ch++) {
      float top = wx0 * read(images, inBase, h, w, c, y0, x0, ch, fillValue)
          + wx1 * read(images, inBase, h, w, c, y0, x1, ch, fillValue);
      float bottom = wx0 * read(images, inBase, h, w, c, y1, x0, ch, fillValue)
          + wx1 * read(images, inBase, h, w, c, y1, x1, ch, fillValue);
      out[o + ch] = wy0 * top + wy1 * bottom;
    }
  }

  /** {@code std::round}: halves away from zero (exact: a float plus 0.5 is exact in double). */
  private static int round(float v) {
    return v >= 0 ? (int) Math.floor((double) v + 0.5) : -(int) Math.floor(0.5 - (double) v);
  }

  private static void fill(float[] out, int o, int c, float v) {
    for (int ch = 0; ch < c; ch++) {
      out[o + ch] = v;
    }
  }

  private static float read(float[] images, int base, int h, int w, int c, int y, int x, int ch, float fill) {
    return 0 <= y && y < h && 0 <= x && x < w ? images[base + (y * w + x) * c + ch] : fill;
  }

  /** TF's {@code MapCoordinate} for one axis of length {@code len}. */
  static float map(float coord, int len, FillMode mode) {
    float in = coord;
    switch (mode) {
      case CONSTANT:
        return in;
      case NEAREST:
        return clamp(in, len);
      case REFLECT:
        if (in < 0) {
          if (len <= 1) {
            in = 0;
          } else {
            long sz2 = 2L * len;
            if (in < sz2) {
              in = sz2 * (long) (-in / sz2) + in;
            }
            in = in < -len ? in + sz2 : -in - 1;
          }
        } else if (in > len - 1) {
          if (len <= 1) {
            in = 0;
          } else {
            long sz2 = 2L * len;
            in -= sz2 * (long) (in / sz2);
            if (in >= len) {
              in = sz2 - in - 1;
            }
          }
        }
        return clamp(in, len);
      case WRAP:
        if (in < 0) {
          if (len <= 1) {
            in = 0;
          } else {
            long sz = len - 1;
            in += len * ((long) (-in / sz) + 1);
          }
        } else if (in > len - 1) {
          if (len <= 1) {
            in = 0;
          } else {
            long sz = len - 1;
            in -= len * (long) (in / sz);
          }
        }
        return clamp(in, len);
      default:
        throw new AssertionError(mode);
    }
  }

  private static float clamp(float v, int len) {
    return Math.min(Math.max(v, 0f), (float) (len - 1));
  }
}
