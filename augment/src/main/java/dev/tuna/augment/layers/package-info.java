/**
 * Keras 3's image augmentation layers ({@code keras.layers.RandomFlip}, {@code RandomContrast}, {@code MixUp}, …),
 * seed-exact: the same outputs as Keras 3.15 on the TensorFlow backend for the same seed, call after call.
 *
 * <p>Every layer is an {@link dev.tuna.augment.layers.AugmentationLayer} built like its Keras constructor
 * ({@code RandomContrast.builder(0.2).seed(7).build()}) and called on a {@link dev.tuna.augment.layers.LayerBatch}
 * of images with optional labels, segmentation masks and {@link dev.tuna.augment.layers.BoundingBoxes}. Each layer
 * owns a {@link dev.tuna.augment.layers.SeedGenerator}; its draws are TensorFlow's stateless Philox ops, reproduced
 * bit for bit by {@link dev.tuna.augment.layers.KerasRandom}. {@link dev.tuna.augment.layers.Pipeline} chains
 * layers. {@link dev.tuna.augment.layers.Resizing}, {@link dev.tuna.augment.layers.CenterCrop} and
 * {@link dev.tuna.augment.layers.RandomCrop} change the images' height and width (and the masks' with them).
 */
package dev.tuna.augment.layers;
