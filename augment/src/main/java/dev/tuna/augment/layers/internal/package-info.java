/** TensorFlow's stateless random kernels (Philox, its distributions) and the libm functions they call. */
package dev.tuna.augment.layers.internal;
