/**
 * Image and array I/O with Keras/Pillow semantics: {@link dev.tuna.core.io.ImageLoader} ({@code load_img} +
 * {@code img_to_array}), {@link dev.tuna.core.io.ImageDecoder} (PNG, JPEG, BMP, TIFF, PBM/PGM/PPM with a
 * decompression-bomb limit), {@link dev.tuna.core.io.Resize} (Pillow's resampling filters and Keras'
 * {@code keep_aspect_ratio} crop), and {@link dev.tuna.core.io.Npy} ({@code .npy} files).
 *
 * <p>OpenCV (through JavaCPP) does most of the pixel decoding but never appears in this package's API.
 */
package dev.tuna.core.io;
