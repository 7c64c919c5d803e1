package dev.tuna.augment.layers;

import dev.tuna.augment.layers.internal.TfResize;
import java.util.Locale;

/**
 * The {@code interpolation} of Keras' {@code Resizing}: TF's {@code tf.image.resize(..., antialias=False)} kernels,
 * reproduced exactly (the Lanczos kernels with glibc's {@code sinf} as x86-64 glibc computes it with FMA).
 */
public enum ResizeInterpolation {
  /** {@code "bilinear"}: TF's {@code ResizeBilinear} with half-pixel centers (Keras' default). */
  BILINEAR,
  /** {@code "nearest"}: TF's {@code ResizeNearestNeighbor} with half-pixel centers. */
  NEAREST,
  /** {@code "bicubic"}: TF's {@code ResizeBicubic} with half-pixel centers (Keys' kernel, {@code a = -0.5}). */
  BICUBIC,
  /** {@code "area"}: TF's {@code ResizeArea}, the mean of the covered input area. */
  AREA,
  /** {@code "lanczos3"}: TF's {@code ScaleAndTranslate} with the Lanczos kernel of radius 3. */
  LANCZOS3,
  /** {@code "lanczos5"}: TF's {@code ScaleAndTranslate} with the Lanczos kernel of radius 5. */
  LANCZOS5;

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
   * @param name {@code "bilinear"}, {@code "nearest"}, {@code "bicubic"}, {@code "area"}, {@code "lanczos3"} or
   *     {@code "lanczos5"}
   * @return the interpolation
   * @throws IllegalArgumentException for other names
   */
  public static ResizeInterpolation fromKeras(String name) {
    for (ResizeInterpolation i : values()) {
      if (i.kerasName().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "interpolation must be one of bilinear, nearest, bicubic, area, lanczos3, lanczos5 but was " + name);
  }

  TfResize.Method kernel() {
    return TfResize.Method.valueOf(name());
  }
}
