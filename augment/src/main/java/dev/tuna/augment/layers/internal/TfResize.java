package dev.tuna.augment.layers.internal;

/**
 * TensorFlow's {@code tf.image.resize(..., antialias=False)} CPU kernels in float32 arithmetic, as
 * {@code tf.image.resize} calls them: {@code ResizeBilinear}, {@code ResizeNearestNeighbor} and
 * {@code ResizeBicubic} (all with {@code half_pixel_centers=True}, {@code align_corners=False}), {@code ResizeArea},
 * and {@code ScaleAndTranslate} with the Lanczos kernels (scale {@code out / in}, no translation, no antialias).
 * Images are NHWC float32.
 */
public final class TfResize {
  /** The resize kernels reproduced here. */
  public enum Method {
    /** {@code ResizeBilinear}: the two nearest rows and columns, weighted by their distance. */
    BILINEAR,
    /** {@code ResizeNearestNeighbor}: the pixel whose area holds the sample point. */
    NEAREST,
    /** {@code ResizeBicubic}: Keys' cubic kernel ({@code a = -0.5}) from TF's 1024-entry table. */
    BICUBIC,
    /** {@code ResizeArea}: each output pixel averages the input area it covers. */
    AREA,
    /** {@code ScaleAndTranslate} with the Lanczos kernel of radius 3. */
    LANCZOS3,
    /** {@code ScaleAndTranslate} with the Lanczos kernel of radius 5. */
    LANCZOS5
  }

  private static final int TABLE_SIZE = 1024;
  private static final float[] KEYS_TABLE = keysTable(-0.5);

  private TfResize() {}

  /**
   * Resizes a batch.
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param outH output height
   * @param outW output width
   * @param method the kernel
   * @return the NHWC output, {@code n * outH * outW * c} values
   */
  public static float[] resize(float[] images, int n, int h, int w, int c, int outH, int outW, Method method) {
    return resize(images, n, h, w, c, outH, outW, method, false);
  }

  /**
   * Resizes a batch as {@code tf.image.resize(..., antialias=antialias)}: with antialias, bilinear, bicubic and the
   * Lanczos kernels run through {@code ScaleAndTranslate} (triangle, Keys cubic, Lanczos) with the kernel widened
   * by the downscaling factor; nearest and area ignore it.
   *
   * @param images NHWC input, {@code n * h * w * c} values
   * @param n batch size
   * @param h input height
   * @param w input width
   * @param c channels
   * @param outH output height
   * @param outW output width
   * @param method the kernel
   * @param antialias whether to low-pass filter when downscaling
   * @return the NHWC output, {@code n * outH * outW * c} values
   */
  public static float[] resize(float[] images, int n, int h, int w, int c, int outH, int outW, Method method,
      boolean antialias) {
    if (antialias) {
      switch (method) {
        case BILINEAR:
          return scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.TRIANGLE, true);
        case BICUBIC:
          return scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.KEYS_CUBIC, true);
        case LANCZOS3:
          return scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.LANCZOS3, true);
        case LANCZOS5:
          return scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.LANCZOS5, true);
        default:
          break;
      }
    }
    float heightScale = (float) h / (float) outH;
    float widthScale = (float) w / (float) outW;
    return switch (method) {
      case BILINEAR -> bilinear(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case NEAREST -> nearest(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case BICUBIC -> bicubic(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case AREA -> area(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case LANCZOS3 -> scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.LANCZOS3, false);
      case LANCZOS5 -> scaleAndTranslate(images, n, h, w, c, outH, outW, Kernel.LANCZOS5, false);
    };
  }

  private static float halfPixel(int x, float scale) {
    return ((float) x + 0.5f) * scale - 0.5f;
  }

  private static float[] bilinear(float[] in, int n, int h, int w, int c, int outH, int outW, float hs, float ws) {
    int[] yLo = new int[outH];
    int[] yHi = new int[outH];
    float[] yLerp = new float[outH];
    weights(outH, h, hs, yLo, yHi, yLerp);
    int[] xLo = new int[outW];
    int[] xHi = new int[outW];
    float[] xLerp = new float[outW];
    weights(outW, w, ws, xLo, xHi, xLerp);
    float[] out = new float[n * outH * outW * c];
    int o = 0;
    for (int b = 0; b < n; b++) {
      int base = b * h * w * c;
      for (int y = 0; y < outH; y++) {
        int lo = base + yLo[y] * w * c;
        int hi = base + yHi[y] * w * c;
        float yl = yLerp[y];
        for (int x = 0; x < outW; x++) {
          int xl0 = xLo[x] * c;
          int xh0 = xHi[x] * c;
          float xl = xLerp[x];
          for (int ch = 0; ch < c; ch++) {
            float topLeft = in[lo + xl0 + ch];
            float topRight = in[lo + xh0 + ch];
            float bottomLeft = in[hi + xl0 + ch];
            float bottomRight = in[hi + xh0 + ch];
            float top = topLeft + (topRight - topLeft) * xl;
            float bottom = bottomLeft + (bottomRight - bottomLeft) * xl;
            out[o++] = top + (bottom - top) * yl;
          }
        }
      }
    }
    return out;
  }

  /** TF's {@code compute_interpolation_weights} with the half-pixel scaler. */
  private static void weights(int outSize, int inSize, float scale, int[] lo, int[] hi, float[] lerp) {
    for (int i = 0; i < outSize; i++) {
      float in = halfPixel(i, scale);
      float inF = (float) Math.floor(in);
      lo[i] = Math.max((int) inF, 0);
      hi[i] = Math.min((int) Math.ceil(in), inSize - 1);
      lerp[i] = in - inF;
    }
  }

  private static float[] nearest(float[] in, int n, int h, int w, int c, int outH, int outW, float hs, float ws) {
    int[] xs = new int[outW];
    for (int x = 0; x < outW; x++) {
      xs[x] = Math.max(0, Math.min((int) Math.floor(((float) x + 0.5f) * ws), w - 1));
    }
    float[] out = new float[n * outH * outW * c];
    int o = 0;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < outH; y++) {
        int iy = Math.max(0, Math.min((int) Math.floor(((float) y + 0.5f) * hs), h - 1));
        int row = (b * h + iy) * w * c;
        for (int x = 0; x < outW; x++) {
          System.arraycopy(in, row + xs[x] * c, out, o, c);
          o += c;
        }
      }
    }
    return out;
  }

  /** TF's {@code InitCoeffsTable}: the cubic kernel at {@code i / 1024} and {@code 1 + i / 1024}. */
  private static float[] keysTable(double a) {
    float[] t = new float[(TABLE_SIZE + 1) * 2];
    for (int i = 0; i <= TABLE_SIZE; i++) {
      float x = (float) (i * 1.0 / TABLE_SIZE);
      t[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
      x += 1.0f;
      t[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
    }
    return t;
  }

  /** Four indices and weights of one output position ({@code GetWeightsAndIndices} with Keys' kernel). */
  private static void cubicWeights(float scale, int outLoc, int limit, int[] idx, float[] wt, int o) {
    float inLocF = halfPixel(outLoc, scale);
    int inLoc = (int) Math.floor(inLocF);
    float delta = inLocF - inLoc;
    int offset = (int) Math.rint(delta * TABLE_SIZE);
    int[] want = {inLoc - 1, inLoc, inLoc + 1, inLoc + 2};
    float[] table = {KEYS_TABLE[offset * 2 + 1], KEYS_TABLE[offset * 2], KEYS_TABLE[(TABLE_SIZE - offset) * 2],
        KEYS_TABLE[(TABLE_SIZE - offset) * 2 + 1]};
    for (int k = 0; k < 4; k++) {
      idx[o + k] = Math.min(limit - 1, Math.max(0, want[k]));
      wt[o + k] = idx[o + k] == want[k] ? table[k] : 0.0f;
    }
    float sum = wt[o] + wt[o + 1] + wt[o + 2] + wt[o + 3];
    if (Math.abs(sum) >= 1000.0f * Float.MIN_NORMAL) {
      float inv = 1.0f / sum;
      for (int k = 0; k < 4; k++) {
        wt[o + k] *= inv;
      }
    }
  }

  private static float[] bicubic(float[] in, int n, int h, int w, int c, int outH, int outW, float hs, float ws) {
    int[] xi = new int[4 * outW];
    float[] xw = new float[4 * outW];
    for (int x = 0; x < outW; x++) {
      cubicWeights(ws, x, w, xi, xw, 4 * x);
    }
    int[] yi = new int[4];
    float[] yw = new float[4];
    float[] out = new float[n * outH * outW * c];
    float[] v = new float[4];
    int o = 0;
    for (int b = 0; b < n; b++) {
      int base = b * h * w * c;
      for (int y = 0; y < outH; y++) {
        cubicWeights(hs, y, h, yi, yw, 0);
        int r0 = base + yi[0] * w * c;
        int r1 = base + yi[1] * w * c;
        int r2 = base + yi[2] * w * c;
        int r3 = base + yi[3] * w * c;
        for (int x = 0; x < outW; x++) {
          for (int ch = 0; ch < c; ch++) {
            for (int k = 0; k < 4; k++) {
              int p = xi[4 * x + k] * c + ch;
              v[k] = in[r0 + p] * yw[0] + in[r1 + p] * yw[1] + in[r2 + p] * yw[2] + in[r3 + p] * yw[3];
            }
            out[o++] = v[0] * xw[4 * x] + v[1] * xw[4 * x + 1] + v[2] * xw[4 * x + 2] + v[3] * xw[4 * x + 3];
          }
        }
      }
    }
    return out;
  }

  /** The weight of an input cell {@code v} inside {@code [in0, in1)} (TF's {@code ResizeArea} scale rule). */
  private static float areaScale(long v, float in0, float in1, float scale) {
    if (v < in0) {
      return v + 1 > in1 ? scale : (float) (v + 1) - in0;
    }
    return v + 1 > in1 ? in1 - (float) v : 1.0f;
  }

  private static int bound(long v, int limit) {
    return (int) Math.min(limit - 1, Math.max(0, v));
  }

  private static float[] area(float[] in, int n, int h, int w, int c, int outH, int outW, float hs, float ws) {
    long[] xStart = new long[outW];
    long[] xEnd = new long[outW];
    float[] xStartScale = new float[outW];
    float[] xEndScale = new float[outW];
    for (int x = 0; x < outW; x++) {
      float in0 = (float) x * ws;
      float in1 = (float) (x + 1) * ws;
      xStart[x] = (long) Math.floor(in0);
      xEnd[x] = (long) Math.ceil(in1);
      xStartScale[x] = areaScale(xStart[x], in0, in1, ws);
      xEndScale[x] = areaScale(xEnd[x] - 1, in0, in1, ws);
    }
    float scale = (float) (1.0 / (hs * ws));
    float[] out = new float[n * outH * outW * c];
    int o = 0;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < outH; y++) {
        float in0 = (float) y * hs;
        float in1 = (float) (y + 1) * hs;
        long yStart = (long) Math.floor(in0);
        long yEnd = (long) Math.ceil(in1);
        int rows = (int) (yEnd - yStart);
        int[] rowBase = new int[rows];
        float[] yScale = new float[rows];
        for (int i = 0; i < rows; i++) {
          long v = yStart + i;
          yScale[i] = areaScale(v, in0, in1, hs);
          rowBase[i] = (b * h + bound(v, h)) * w * c;
        }
        for (int x = 0; x < outW; x++) {
          long xs = xStart[x];
          long xe = xEnd[x];
          for (int ch = 0; ch < c; ch++) {
            float sum = 0;
            for (int i = 0; i < rows; i++) {
              int row = rowBase[i];
              float sumY = in[row + bound(xs, w) * c + ch] * xStartScale[x];
              if (xs + 1 != xe) {
                for (long xx = xs + 1; xx < xe - 1; xx++) {
                  sumY += in[row + bound(xx, w) * c + ch];
                }
                sumY += in[row + bound(xe - 1, w) * c + ch] * xEndScale[x];
              }
              sum += sumY * yScale[i];
            }
            out[o++] = sum * scale;
          }
        }
      }
    }
    return out;
  }

  /** The sampling kernels of TF's {@code ScaleAndTranslate} used by {@code tf.image.resize}. */
  private enum Kernel {
    TRIANGLE(1f), KEYS_CUBIC(2f), LANCZOS3(3f), LANCZOS5(5f);

    final float radius;

    Kernel(float radius) {
      this.radius = radius;
    }

    /** TF's kernel functions in float32 (Lanczos with glibc's {@code sinf}). */
    float at(float x, float[] sc) {
      x = Math.abs(x);
      switch (this) {
        case TRIANGLE:
          return x < 1.0f ? 1.0f - x : 0.0f;
        case KEYS_CUBIC:
          if (x >= 2.0f) {
            return 0.0f;
          }
          return x >= 1.0f ? ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f : ((1.5f * x - 2.5f) * x) * x + 1.0f;
        default:
          if (x > radius) {
            return 0f;
          }
          if ((double) x <= 1e-3) {
            return 1f;
          }
          float pi = (float) 3.14159265359;
          GlibcMath.sincosf(pi * x, sc);
          float s1 = sc[0];
          GlibcMath.sincosf(pi * x / radius, sc);
          float s2 = sc[0];
          return radius * s1 * s2 / (pi * pi * x * x);
      }
    }
  }

  /** One axis of {@code ScaleAndTranslate}: per output position a start and {@code span} normalised weights. */
  private static float[] spans(int outSize, int inSize, Kernel kernel, float kernelScale, int[] starts, int span) {
    float scale = (float) outSize / (float) inSize;
    float invScale = (float) (1.0 / scale);
    float invTranslate = -invScale * 0f;
    float reach = kernel.radius * kernelScale;
    float oneOverKernelScale = 1.0f / kernelScale;
    float[] weights = new float[span * outSize];
    float[] temp = new float[inSize];
    float[] sc = new float[2];
    for (int x = 0; x < outSize; x++) {
      float sample = ((float) x + 0.5f) * invScale + invTranslate;
      if (sample < 0 || sample > inSize) {
        starts[x] = 0;
        continue;
      }
      long start = (long) Math.ceil(sample - reach - 0.5f);
      long end = (long) Math.floor(sample + reach - 0.5f);
      start = Math.min(Math.max(start, 0), inSize - 1);
      end = Math.min(Math.max(end, 0), inSize - 1) + 1;
      float total = 0f;
      int k = 0;
      for (long src = start; src < end; src++) {
        float pos = (float) src + 0.5f - sample;
        float weight = kernel.at(Math.abs(pos * oneOverKernelScale), sc);
        total += weight;
        temp[k++] = weight;
      }
      if (Math.abs(total) >= 1000.0f * Float.MIN_NORMAL) {
        float inv = 1.0f / total;
        for (int i = 0; i < k; i++) {
          weights[span * x + i] = temp[i] * inv;
        }
      }
      starts[x] = (int) start;
    }
    return weights;
  }

  private static float kernelScale(int outSize, int inSize, boolean antialias) {
    float invScale = (float) (1.0 / ((float) outSize / (float) inSize));
    return antialias ? Math.max(invScale, 1.0f) : 1.0f;
  }

  /** TF's {@code ScaleAndTranslate}: rows first into an intermediate, then columns. */
  private static float[] scaleAndTranslate(float[] in, int n, int h, int w, int c, int outH, int outW,
      Kernel kernel, boolean antialias) {
    float rowScale = kernelScale(outH, h, antialias);
    float colScale = kernelScale(outW, w, antialias);
    int rowSpan = Math.min(2 * (int) Math.ceil(kernel.radius * rowScale) + 1, h);
    int colSpan = Math.min(2 * (int) Math.ceil(kernel.radius * colScale) + 1, w);
    int[] rowStarts = new int[outH];
    int[] colStarts = new int[outW];
    float[] rowWeights = spans(outH, h, kernel, rowScale, rowStarts, rowSpan);
    float[] colWeights = spans(outW, w, kernel, colScale, colStarts, colSpan);
    float[] out = new float[n * outH * outW * c];
    float[] mid = new float[outH * w * c];
    int rowLen = w * c;
    for (int b = 0; b < n; b++) {
      java.util.Arrays.fill(mid, 0f);
      int base = b * h * rowLen;
      for (int y = 0; y < outH; y++) {
        int real = Math.min(rowStarts[y] + rowSpan, h) - rowStarts[y];
        for (int k = 0; k < real; k++) {
          float wt = rowWeights[rowSpan * y + k];
          int src = base + (rowStarts[y] + k) * rowLen;
          int dst = y * rowLen;
          for (int i = 0; i < rowLen; i++) {
            mid[dst + i] += wt * in[src + i];
          }
        }
      }
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          int o = ((b * outH + y) * outW + x) * c;
          int real = Math.min(colStarts[x] + colSpan, w) - colStarts[x];
          for (int k = 0; k < real; k++) {
            float wt = colWeights[colSpan * x + k];
            int src = (y * w + colStarts[x] + k) * c;
            for (int ch = 0; ch < c; ch++) {
              out[o + ch] += wt * mid[src + ch];
            }
          }
        }
      }
    }
    return out;
  }
}
