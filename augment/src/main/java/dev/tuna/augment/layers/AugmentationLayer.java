package dev.tuna.augment.layers;

/**
 * A Keras 3 image augmentation layer ({@code keras.layers.RandomFlip}, {@code RandomContrast}, …): each call draws
 * one transformation for the whole batch from the layer's own {@link SeedGenerator} (Keras'
 * {@code get_random_transformation}) and applies it to the images and to every target the batch carries (labels,
 * segmentation masks, bounding boxes), as Keras' {@code transform_*} methods do. The same layer object called again
 * continues its seed stream, as the same Keras layer object does.
 */
public interface AugmentationLayer {
  /**
   * The Keras class name, e.g. {@code "RandomFlip"}.
   *
   * @return the Keras class name, e.g
   */
  String className();

  /**
   * Calls the layer in training mode, as {@code layer(data, training=True)}.
   *
   * @param batch the images and targets
   * @return the transformed batch
   * @throws IllegalArgumentException when the batch carries a target this layer cannot take
   */
  default LayerBatch apply(LayerBatch batch) {
    return apply(batch, true);
  }

  /**
   * Calls the layer. With {@code training == false} the batch comes back unchanged, but the seed stream advances
   * where Keras' layer draws anyway.
   *
   * @param batch the images and targets
   * @param training whether to augment
   * @return the transformed batch
   * @throws IllegalArgumentException when the batch carries a target this layer cannot take
   */
  LayerBatch apply(LayerBatch batch, boolean training);
}
