package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;

/**
 * Keras' dense {@code bounding_boxes} dict for a batch: {@code boxes} of shape {@code (batch, maxBoxes, 4)} and
 * integer {@code labels} of shape {@code (batch, maxBoxes)}; padding boxes carry label {@code -1}, as Keras'
 * {@code densify_bounding_boxes}. The coordinates are in the {@code bounding_box_format} the layers declare.
 * The arrays are owned by this value and returned without copying; do not modify them.
 */
public final class BoundingBoxes {
  private final int batch;
  private final int maxBoxes;
  private final float[] boxes;
  private final int[] labels;

  private BoundingBoxes(int batch, int maxBoxes, float[] boxes, int[] labels) {
    this.batch = batch;
    this.maxBoxes = maxBoxes;
    this.boxes = boxes;
    this.labels = labels;
  }

  /**
   * Boxes for {@code batch} images with {@code maxBoxes} boxes each.
   *
   * @param batch the number of images
   * @param maxBoxes the boxes per image (padded)
   * @param boxes {@code batch * maxBoxes * 4} coordinates
   * @param labels {@code batch * maxBoxes} class ids, {@code -1} for padding
   * @return the boxes
   */
  public static BoundingBoxes of(int batch, int maxBoxes, float[] boxes, int[] labels) {
    requireNonNull("boxes", boxes);
    requireNonNull("labels", labels);
    requireArgument(batch >= 0 && maxBoxes >= 0, "batch and maxBoxes must be >= 0 but were %d and %d", batch,
        maxBoxes);
    requireArgument(boxes.length == batch * maxBoxes * 4, "boxes must hold %d values but held %d",
        batch * maxBoxes * 4, boxes.length);
    requireArgument(labels.length == batch * maxBoxes, "labels must hold %d values but held %d",
        batch * maxBoxes, labels.length);
    return new BoundingBoxes(batch, maxBoxes, boxes, labels);
  }

  /**
   * The number of images.
   *
   * @return the number of images
   */
  public int batch() {
    return batch;
  }

  /**
   * Boxes per image (including padding).
   *
   * @return boxes per image (including padding)
   */
  public int maxBoxes() {
    return maxBoxes;
  }

  /**
   * The coordinates, {@code (batch, maxBoxes, 4)} flattened.
   *
   * @return the coordinates, {@code (batch, maxBoxes, 4)} flattened
   */
  public float[] boxes() {
    return boxes;
  }

  /**
   * The labels, {@code (batch, maxBoxes)} flattened.
   *
   * @return the labels, {@code (batch, maxBoxes)} flattened
   */
  public int[] labels() {
    return labels;
  }
}
