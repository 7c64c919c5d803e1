package dev.tuna.augment.layers;

import dev.tuna.augment.layers.internal.TfResize;
import java.util.Locale;

/**
 * The {@code interpolation} of Keras' {@code Resizing} (and the resize inside {@code CenterCrop} and
 * {@code RandomCrop}): TF's {@code tf.image.resize(..., antialias=False)} kernels reproduced exactly. Keras' other
 * modes, {@code "area"}, {@code "lanczos3"} and {@code "lanczos5"} (TF's {@code ResizeArea} and
 * {@code ScaleAndTranslate} kernels), are not reproduced and are rejected by {@link #fromKeras}.
 */
public enum ResizeInterpolation {
  /** {@code "bilinear"}: TF's {@code ResizeBilinear} with half-pixel centers (Keras' default). */
  BILINEAR,
  /** {@code "nearest"}: TF's {@code ResizeNearestNeighbor} with half-pixel centers. */
  NEAREST,
  /** {@code "bicubic"}: TF's {@code ResizeBicubic} with half-pixel centers (Keys' kernel, {@code a = -0.5}). */
  BICUBIC;

  /**
   * The Keras name, e.g. {@code "bilinear"}.
   *
   * @return the Keras name
   */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The interpolation of a Keras name.
   *
   * @param name {@code "bilinear"}, {@code "nearest"} or {@code "bicubic"}
   * @return the interpolation
   * @throws IllegalArgumentException for {@code "area"}, {@code "lanczos3"}, {@code "lanczos5"} (Keras modes tuna
   *     does not reproduce) and for names Keras does not know
   */
  public static ResizeInterpolation fromKeras(String name) {
    for (ResizeInterpolation i : values()) {
      if (i.kerasName().equals(name)) {
        return i;
      }
    }
    if ("area".equals(name) || "lanczos3".equals(name) || "lanczos5".equals(name)) {
      throw new IllegalArgumentException("interpolation " + name + " is not supported: tuna reproduces TF's "
          + "bilinear, nearest and bicubic resize kernels exactly, not its area and lanczos kernels");
    }
    throw new IllegalArgumentException("interpolation must be one of bilinear, nearest, bicubic but was " + name);
  }

  TfResize.Method kernel() {
    return TfResize.Method.valueOf(name());
  }
}
