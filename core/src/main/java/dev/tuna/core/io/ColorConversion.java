package dev.tuna.core.io;

/** Keras' colour-mode step of {@code load_img} with PIL's {@code Image.convert} arithmetic. */
final class ColorConversion {
  private ColorConversion() {}

  static Raster convert(Raster r, ColorMode target) {
    switch (target) {
      case GRAYSCALE:
        return r.mode == PilMode.L || r.mode == PilMode.I16 || r.mode == PilMode.I32 ? r : toLuma(r);
      case RGB:
        return r.mode == PilMode.RGB ? r : toColor(r, 3);
      case RGBA:
        return r.mode == PilMode.RGBA ? r : toColor(r, 4);
      default:
        throw new AssertionError(target);
    }
  }

  /** ITU-R 601-2 luma from 8-bit RGB, PIL's {@code L24(rgb) >> 16}. */
  static int luma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }

  /** PIL's {@code cmyk2rgb} for one component: {@code nk - MULDIV255(c, nk)} with {@code nk = 255 - k}. */
  private static int cmykComponent(int c, int k) {
    int nk = 255 - k;
    int t = c * nk + 128;
    return Math.max(0, Math.min(255, nk - (((t >> 8) + t) >> 8)));
  }

  private static Raster toLuma(Raster r) {
    int n = r.width * r.height;
    if (r.mode == PilMode.I16B) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = Math.min(255, r.samples[i]);
      }
      return new Raster(r.width, r.height, PilMode.L, out);
    }
    int c = r.channels();
    int[] out = new int[n];
    int[] s = r.samples;
    for (int i = 0, j = 0; i < n; i++, j += c) {
      if (r.mode == PilMode.CMYK) {
        out[i] = luma(cmykComponent(s[j], s[j + 3]), cmykComponent(s[j + 1], s[j + 3]),
            cmykComponent(s[j + 2], s[j + 3]));
      } else {
        out[i] = luma(s[j], s[j + 1], s[j + 2]);
      }
    }
    return new Raster(r.width, r.height, PilMode.L, out);
  }

  private static Raster toColor(Raster r, int channels) {
    int n = r.width * r.height;
    int c = r.channels();
    int[] s = r.samples;
    int[] out = new int[n * channels];
    for (int i = 0, j = 0, o = 0; i < n; i++, j += c, o += channels) {
      int alpha = 255;
      switch (r.mode) {
        case L:
        case I16:
        case I16B:
        case I32: {
          int v = Math.max(0, Math.min(255, s[j]));
          out[o] = out[o + 1] = out[o + 2] = v;
          if (s[j] == r.transparentGray) {
            alpha = 0;
          }
          break;
        }
        case CMYK:
          out[o] = cmykComponent(s[j], s[j + 3]);
          out[o + 1] = cmykComponent(s[j + 1], s[j + 3]);
          out[o + 2] = cmykComponent(s[j + 2], s[j + 3]);
          break;
        default: // RGB, RGBA
          out[o] = s[j];
          out[o + 1] = s[j + 1];
          out[o + 2] = s[j + 2];
          break;
      }
      if (channels == 4) {
        out[o + 3] = alpha;
      }
    }
    return new Raster(r.width, r.height, channels == 4 ? PilMode.RGBA : PilMode.RGB, out);
  }
}
