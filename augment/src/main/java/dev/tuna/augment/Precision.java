package dev.tuna.augment;

/**
 * The arithmetic of {@link ImageDataGenerator}'s bilinear warp (interpolation order 1, exact backend).
 *
 * <p>{@link #FLOAT32} (the default) keeps every decision in double precision as SciPy makes it (source coordinates,
 * fill-mode borders, integer taps, interpolation weights, and all of order 0, which stays identical) and blends the
 * four taps in float32: within 2e-4 of Keras on the 0–255 scale on every golden case (largest seen 6.1e-5, about
 * 2.4e-7 after {@code rescale=1/255}), and about twice as fast as {@link #EXACT} where its native kernel runs (Linux
 * x86-64 with AVX-512; elsewhere, and for more than 4 channels, the exact kernel runs). Samples with a brightness
 * shift always take the exact kernel: Keras applies brightness through 8-bit PIL images, where any difference in the
 * warp could move a value by a whole grey level.
 *
 * <p>{@link #EXACT} is bit-identical to SciPy's {@code ndimage.affine_transform} and therefore to Keras, whichever
 * kernel runs.
 */
public enum Precision {
  /** Bit-identical to Keras. */
  EXACT,
  /** The bilinear blend in float32: within 2e-4 of the exact result on the 0–255 scale (default). */
  FLOAT32
}
