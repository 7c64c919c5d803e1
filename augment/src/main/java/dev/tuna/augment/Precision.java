package dev.tuna.augment;

/**
 * The arithmetic of {@link ImageDataGenerator}'s bilinear warp (interpolation order 1, exact backend).
 *
 * <p>{@link #EXACT} (the default) is bit-identical to SciPy's {@code ndimage.affine_transform} and therefore to
 * Keras, whichever kernel runs. {@link #FLOAT32} keeps every decision in double precision (source coordinates,
 * fill-mode borders, interpolation weights, and all of order 0, which stays identical) and blends the four taps in
 * float32: within 2e-4 of Keras on the 0–255 scale on every golden case (as far as {@link #EXACT} is within it),
 * and faster where the native float32 kernel runs (Linux x86-64 with AVX-512; elsewhere, and for more than 4
 * channels, the exact kernel runs). Samples with a brightness shift always take the exact kernel: Keras applies
 * brightness through 8-bit PIL images, where any difference in the warp could move a value by a whole grey level.
 */
public enum Precision {
  /** Bit-identical to Keras (default). */
  EXACT,
  /** The bilinear blend in float32: within 2e-4 of the exact result on the 0–255 scale. */
  FLOAT32
}
