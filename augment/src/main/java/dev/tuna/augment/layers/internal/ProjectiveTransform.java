package dev.tuna.augment.layers.internal;

/**
 * TensorFlow's {@code ImageProjectiveTransformV3} CPU kernel in float32 arithmetic: for every output pixel
 * {@code (x, y)} the transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} gives the input point
 * {@code ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)} with {@code k = c0 x + c1 y + 1}; the fill mode maps
 * points outside the image back inside (reflect, wrap, nearest) or leaves them to {@code fillValue} (constant), and
 * the input is sampled with nearest or bilinear interpolation. Images are NHWC float32.
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
   * Transforms a batch.
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
    if (transforms.length != 8 && transforms.length != 8 * n) {
      throw new IllegalArgumentException("transforms must hold 8 or " + 8 * n + " values but held "
          + transforms.length);
    }
    float[] out = new float[n * outH * outW * c];
    int inPer = h * w * c;
    boolean bilinear = interpolation == Interpolation.BILINEAR;
    for (int b = 0; b < n; b++) {
      int t = transforms.length == 8 ? 0 : 8 * b;
      float a0 = transforms[t];
      float a1 = transforms[t + 1];
      float a2 = transforms[t + 2];
      float b0 = transforms[t + 3];
      float b1 = transforms[t + 4];
      float b2 = transforms[t + 5];
      float c0 = transforms[t + 6];
      float c1 = transforms[t + 7];
      int inBase = b * inPer;
      for (int oy = 0; oy < outH; oy++) {
        float fy = oy;
        for (int ox = 0; ox < outW; ox++) {
          float fx = ox;
          int o = ((b * outH + oy) * outW + ox) * c;
          float projection = c0 * fx + c1 * fy + 1f;
          if (projection == 0) {
            fill(out, o, c, fillValue);
            continue;
          }
          float x = map((a0 * fx + a1 * fy + a2) / projection, w, fillMode);
          float y = map((b0 * fx + b1 * fy + b2) / projection, h, fillMode);
          if (!bilinear) {
            int iy = round(y);
            int ix = round(x);
            for (int ch = 0; ch < c; ch++) {
              out[o + ch] = read(images, inBase, h, w, c, iy, ix, ch, fillValue);
            }
            continue;
          }
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
      }
    }
    return out;
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
