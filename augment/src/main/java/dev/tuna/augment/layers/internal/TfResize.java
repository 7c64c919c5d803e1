package dev.tuna.augment.layers.internal;

/**
 * TensorFlow's {@code tf.image.resize(..., antialias=False)} CPU kernels in float32 arithmetic, as
 * {@code tf.image.resize} calls them: {@code ResizeBilinear}, {@code ResizeNearestNeighbor} and
 * {@code ResizeBicubic}, all with {@code half_pixel_centers=True} and {@code align_corners=False}. Images are NHWC
 * float32.
 */
public final class TfResize {
  /** The resize kernels reproduced here. */
  public enum Method {
    /** {@code ResizeBilinear}: the two nearest rows and columns, weighted by their distance. */
    BILINEAR,
    /** {@code ResizeNearestNeighbor}: the pixel whose area holds the sample point. */
    NEAREST,
    /** {@code ResizeBicubic}: Keys' cubic kernel ({@code a = -0.5}) from TF's 1024-entry table. */
    BICUBIC
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
    float heightScale = (float) h / (float) outH;
    float widthScale = (float) w / (float) outW;
    return switch (method) {
      case BILINEAR -> bilinear(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case NEAREST -> nearest(images, n, h, w, c, outH, outW, heightScale, widthScale);
      case BICUBIC -> bicubic(images, n, h, w, c, outH, outW, heightScale, widthScale);
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
}
