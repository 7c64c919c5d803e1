package dev.tuna.augment;

/**
 * Which kernel performs the affine warp of {@link ImageDataGenerator}.
 *
 * <p>{@link #KERAS_EXACT} (the default) reproduces SciPy's {@code ndimage.affine_transform}, and therefore Keras,
 * bit for bit. {@link #OPENCV} calls OpenCV's {@code warpAffine} instead: an explicit opt-in that is <em>not</em>
 * Keras-exact. OpenCV rounds source coordinates to 1/32 pixel and interpolates in single precision (differences of
 * up to a few grey levels, mean below 0.1, on sharp edges); its constant border blends with {@code cval} across the
 * last pixel where SciPy has a hard edge; its wrap period is {@code n} where SciPy's is {@code n−1}; and order 0
 * rounds coordinates differently at half-pixel ties. It is faster than the exact Java kernels (about 1.2–1.6× on
 * one core, including the copies in and out of OpenCV) but slower than the exact native kernel on CPUs with
 * AVX-512 (see {@link dev.tuna.augment.internal.warp.WarpKernel} and {@code benchmarks/README.md}).
 */
public enum WarpBackend {
  /** tuna's SciPy-exact kernel (default). */
  KERAS_EXACT,
  /** OpenCV {@code warpAffine} with {@code WARP_INVERSE_MAP}; approximate, see the class documentation. */
  OPENCV
}
