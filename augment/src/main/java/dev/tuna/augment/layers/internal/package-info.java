/**
 * TensorFlow's stateless random kernels (Philox, its distributions) and the libm functions they call; TF's
 * projective-transform kernel ({@link dev.tuna.augment.layers.internal.ProjectiveTransform}, its interior loops in
 * {@link dev.tuna.augment.layers.internal.ProjectiveKernel}) and the per-image threads of a batch
 * ({@link dev.tuna.augment.layers.internal.BatchParallel}).
 */
package dev.tuna.augment.layers.internal;
