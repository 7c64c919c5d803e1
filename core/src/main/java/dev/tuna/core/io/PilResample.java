package dev.tuna.core.io;

/**
 * A port of Pillow 12's {@code Image.resize} for modes L, RGB, RGBA, I;16 and I: the Python-level rules
 * (premultiplied alpha for RGBA with a filter, the two-pass path for images over 100 times taller than wide), the
 * C-level dispatch in {@code _imaging.c} (integer crop boxes of the output size are plain crops, NEAREST is an
 * affine scale), and {@code Resample.c} (separable, horizontal pass first, 22-bit fixed-point weights for 8-bit
 * images, double weights for I;16 and I; I;16 results are rounded and clamped to 0..65535, verified against
 * Pillow 12.3 on overshooting bicubic/lanczos output).
 */
final class PilResample {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResample() {}

  /** {@code im.resize((outW, outH), filter, box)}; {@code box} is {x0, y0, x1, y1} in float like PIL's. */
  static Raster resize(Raster in, int outW, int outH, Interpolation filter, float[] box) {
    if (outW == in.width && outH == in.height && box[0] == 0 && box[1] == 0 && box[2] == in.width
        && box[3] == in.height) {
      return in;
    }
    if (in.mode == PilMode.RGBA && filter != Interpolation.NEAREST) {
      return unpremultiply(twoPassRule(premultiply(in), outW, outH, filter, box));
    }
    return twoPassRule(in, outW, outH, filter, box);
  }

  private static Raster twoPassRule(Raster in, int outW, int outH, Interpolation filter, float[] box) {
    if (in.height > in.width * 100L && outH < in.height) {
      Raster tall = imagingResize(in, in.width, outH, filter, new float[] {0, box[1], in.width, box[3]});
      return imagingResize(tall, outW, outH, filter, new float[] {box[0], 0, box[2], outH});
    }
    return imagingResize(in, outW, outH, filter, box);
  }

  /** {@code _resize} in {@code _imaging.c}. */
  private static Raster imagingResize(Raster in, int outW, int outH, Interpolation filter, float[] box) {
    if (box[0] - (int) box[0] == 0 && box[2] - box[0] == outW && box[1] - (int) box[1] == 0
        && box[3] - box[1] == outH) {
      return crop(in, (int) box[0], (int) box[1], outW, outH);
    }
    if (filter == Interpolation.NEAREST) {
      return nearest(in, outW, outH, box);
    }
    return resample(in, outW, outH, filter, box);
  }

  private static Raster crop(Raster in, int x0, int y0, int w, int h) {
    int c = in.channels();
    int[] out = new int[w * h * c];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in.samples, ((y0 + y) * in.width + x0) * c, out, y * w * c, w * c);
    }
    return new Raster(w, h, in.mode, out, in.transparentGray);
  }

  // ---- NEAREST ------------------------------------------------------------------------------------------------

  private static Raster nearest(Raster in, int outW, int outH, float[] box) {
    double ax = (double) (box[2] - box[0]) / outW;
    double ay = (double) (box[3] - box[1]) / outH;
    boolean generic = in.mode == PilMode.I16; // PIL: IMAGING_TYPE_SPECIAL goes through ImagingGenericTransform
    int[] xs = generic ? closedForm(ax, box[0], outW, in.width) : accumulated(ax, box[0], outW, in.width);
    int[] ys = generic ? closedForm(ay, box[1], outH, in.height) : accumulated(ay, box[1], outH, in.height);
    int c = in.channels();
    int[] out = new int[outW * outH * c];
    int[] s = in.samples;
    for (int y = 0; y < outH; y++) {
      if (ys[y] < 0) {
        continue;
      }
      int row = ys[y] * in.width;
      int o = y * outW * c;
      // Explicit copies for the common channel counts: System.arraycopy of 1-4 elements costs more than the copy.
      if (c == 3) {
        for (int x = 0; x < outW; x++, o += 3) {
          if (xs[x] >= 0) {
            int i = (row + xs[x]) * 3;
            out[o] = s[i];
            out[o + 1] = s[i + 1];
            out[o + 2] = s[i + 2];
          }
        }
      } else if (c == 1) {
        for (int x = 0; x < outW; x++, o++) {
          if (xs[x] >= 0) {
            out[o] = s[row + xs[x]];
          }
        }
      } else {
        for (int x = 0; x < outW; x++, o += c) {
          if (xs[x] >= 0) {
            int i = (row + xs[x]) * c;
            for (int k = 0; k < c; k++) {
              out[o + k] = s[i + k];
            }
          }
        }
      }
    }
    return new Raster(outW, outH, in.mode, out, in.transparentGray);
  }

  /** ImagingScaleAffine: {@code p = box0 + scale/2}, then {@code p += scale} per pixel; -1 marks "outside". */
  static int[] accumulated(double scale, float start, int out, int size) {
    int[] map = new int[out];
    double p = (double) start + scale * 0.5;
    for (int i = 0; i < out; i++) {
      map[i] = inside(coord(p), size);
      p += scale;
    }
    return map;
  }

  /** ImagingGenericTransform with an affine matrix: {@code p = scale * (i + 0.5) + box0} per pixel. */
  static int[] closedForm(double scale, float start, int out, int size) {
    int[] map = new int[out];
    for (int i = 0; i < out; i++) {
      map[i] = inside(coord(scale * (i + 0.5) + (double) start), size);
    }
    return map;
  }

  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }

  private static int inside(int i, int size) {
    return i >= 0 && i < size ? i : -1;
  }

  // ---- Resample.c ---------------------------------------------------------------------------------------------

  /** Filter taps of one axis: for output i, {@code count[i]} weights starting at source index {@code first[i]}. */
  private static final class Coefficients {
    final int ksize;
    final int[] first;
    final int[] count;
    final double[] weights;

    Coefficients(int inSize, float in0, float in1, int outSize, Interpolation filter) {
      double scale = (double) (in1 - in0) / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filter.support() * filterScale;
      ksize = (int) Math.ceil(support) * 2 + 1;
      first = new int[outSize];
      count = new int[outSize];
      weights = new double[outSize * ksize];
      double ss = 1.0 / filterScale;
      for (int xx = 0; xx < outSize; xx++) {
        double center = in0 + (xx + 0.5) * scale;
        int xmin = (int) (center - support + 0.5);
        if (xmin < 0) {
          xmin = 0;
        }
        int xmax = (int) (center + support + 0.5);
        if (xmax > inSize) {
          xmax = inSize;
        }
        xmax -= xmin;
        double ww = 0.0;
        int k = xx * ksize;
        for (int x = 0; x < xmax; x++) {
          double w = filter(filter, (x + xmin - center + 0.5) * ss);
          weights[k + x] = w;
          ww += w;
        }
        for (int x = 0; x < xmax; x++) {
          if (ww != 0.0) {
            weights[k + x] /= ww;
          }
        }
        first[xx] = xmin;
        count[xx] = Math.max(xmax, 0);
      }
    }

    /** {@code normalize_coeffs_8bpc}: round half away from zero to 22 fractional bits. */
    int[] fixedPoint() {
      int[] kk = new int[weights.length];
      for (int i = 0; i < kk.length; i++) {
        double v = weights[i] * (1 << PRECISION_BITS);
        kk[i] = weights[i] < 0 ? (int) (-0.5 + v) : (int) (0.5 + v);
      }
      return kk;
    }
  }

  static double filter(Interpolation f, double x) {
    switch (f) {
      case BOX:
        return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
      case BILINEAR:
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
      case HAMMING:
        x = Math.abs(x);
        if (x == 0.0) {
          return 1.0;
        }
        if (x >= 1.0) {
          return 0.0;
        }
        x = x * Math.PI;
        return StrictMath.sin(x) / x * (0.54f + 0.46f * StrictMath.cos(x));
      case BICUBIC: {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
          return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
          return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
      }
      case LANCZOS:
        return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
      default:
        throw new AssertionError(f);
    }
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    x = x * Math.PI;
    return StrictMath.sin(x) / x;
  }

  /** {@code ImagingResampleInner}. */
  private static Raster resample(Raster in, int outW, int outH, Interpolation filter, float[] box) {
    boolean needHorizontal = outW != in.width || box[0] != 0 || box[2] != outW;
    boolean needVertical = outH != in.height || box[1] != 0 || box[3] != outH;
    Coefficients vertical = new Coefficients(in.height, box[1], box[3], outH, filter);
    int yFirst = vertical.first[0];
    int yLast = vertical.first[outH - 1] + vertical.count[outH - 1];
    Raster current = in;
    int[] verticalFirst = vertical.first.clone();
    if (needHorizontal) {
      for (int i = 0; i < outH; i++) {
        verticalFirst[i] -= yFirst;
      }
      Coefficients horizontal = new Coefficients(in.width, box[0], box[2], outW, filter);
      current = pass(in, horizontal, horizontal.first, true, yFirst, Math.max(yLast - yFirst, 0), outW);
    }
    if (needVertical) {
      current = pass(current, vertical, verticalFirst, false, 0, outH, current.width);
    }
    return current == in ? new Raster(in.width, in.height, in.mode, in.samples.clone(), in.transparentGray)
        : current;
  }

  /**
   * One separable pass. Horizontal: output {@code outRows x outCols} from source rows {@code offset..}; vertical:
   * output row {@code yy} mixes source rows {@code first[yy]..}.
   */
  private static Raster pass(Raster in, Coefficients co, int[] first, boolean horizontal, int offset, int outRows,
      int outCols) {
    int c = in.channels();
    int[] src = in.samples;
    int[] out = new int[outRows * outCols * c];
    int ks = co.ksize;
    boolean eightBit = in.mode != PilMode.I16 && in.mode != PilMode.I32;
    int[] kk = eightBit ? co.fixedPoint() : null;
    double[] kd = co.weights;
    int pixelStep = horizontal ? c : in.width * c;
    for (int yy = 0; yy < outRows; yy++) {
      for (int xx = 0; xx < outCols; xx++) {
        int tap = horizontal ? xx : yy;
        int n = co.count[tap];
        int k = tap * ks;
        int base = horizontal ? ((yy + offset) * in.width + first[tap]) * c : (first[tap] * in.width + xx) * c;
        int o = (yy * outCols + xx) * c;
        for (int ch = 0; ch < c; ch++) {
          int s = base + ch;
          if (eightBit) {
            int ss = 1 << (PRECISION_BITS - 1);
            for (int x = 0; x < n; x++, s += pixelStep) {
              ss += src[s] * kk[k + x];
            }
            out[o + ch] = clip8(ss >> PRECISION_BITS);
          } else {
            double ss = 0.0;
            for (int x = 0; x < n; x++, s += pixelStep) {
              ss += src[s] * kd[k + x];
            }
            int v = roundUp(ss);
            out[o + ch] = in.mode == PilMode.I16 ? Math.max(0, Math.min(65535, v)) : v;
          }
        }
      }
    }
    return new Raster(outCols, outRows, in.mode, out, in.transparentGray);
  }

  private static int clip8(int v) {
    return v <= 0 ? 0 : Math.min(v, 255);
  }

  /** Resample.c {@code ROUND_UP}: add or subtract 0.5 and truncate toward zero. */
  private static int roundUp(double f) {
    return (int) (f >= 0.0 ? f + 0.5f : f - 0.5f);
  }

  // ---- premultiplied alpha (Convert.c rgbA2rgba / rgba2rgbA) --------------------------------------------------

  static Raster premultiply(Raster in) {
    int[] s = in.samples;
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i += 4) {
      int a = s[i + 3];
      for (int k = 0; k < 3; k++) {
        int t = s[i + k] * a + 128;
        out[i + k] = ((t >> 8) + t) >> 8;
      }
      out[i + 3] = a;
    }
    return new Raster(in.width, in.height, in.mode, out);
  }

  static Raster unpremultiply(Raster in) {
    int[] s = in.samples;
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i += 4) {
      int a = s[i + 3];
      for (int k = 0; k < 3; k++) {
        out[i + k] = a == 255 || a == 0 ? s[i + k] : clip8(255 * s[i + k] / a);
      }
      out[i + 3] = a;
    }
    return new Raster(in.width, in.height, in.mode, out);
  }
}
