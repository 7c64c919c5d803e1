package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.core.image.ImageBatch;

/**
 * What a Keras 3 augmentation layer is called with: float32 images in NHWC order ({@code channels_last}) and
 * optional targets, as Keras' dict {@code {"images", "labels", "segmentation_masks", "bounding_boxes"}}. Labels are
 * float (e.g. one-hot) with shape {@code (batch, classes)}; segmentation masks are {@code (batch, height, width,
 * maskChannels)}; boxes are {@link BoundingBoxes}.
 *
 * <p>Immutable by convention: layers never write into a batch's arrays, they return a new batch. Accessors return
 * the arrays without copying; do not modify them.
 */
public final class LayerBatch {
  private final int size;
  private final int height;
  private final int width;
  private final int channels;
  private final float[] images;
  private final float[] labels;
  private final int labelWidth;
  private final float[] masks;
  private final int maskChannels;
  private final BoundingBoxes boxes;

  private LayerBatch(int size, int height, int width, int channels, float[] images, float[] labels, int labelWidth,
      float[] masks, int maskChannels, BoundingBoxes boxes) {
    this.size = size;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.images = images;
    this.labels = labels;
    this.labelWidth = labelWidth;
    this.masks = masks;
    this.maskChannels = maskChannels;
    this.boxes = boxes;
  }

  /**
   * Images only.
   *
   * @param images NHWC pixels, {@code size * height * width * channels} values
   * @param size the batch size
   * @param height image height
   * @param width image width
   * @param channels channels per pixel
   * @return the batch
   */
  public static LayerBatch of(float[] images, int size, int height, int width, int channels) {
    requireNonNull("images", images);
    requireArgument(size > 0 && height > 0 && width > 0 && channels > 0,
        "batch shape must be positive but was %dx%dx%dx%d", size, height, width, channels);
    requireArgument(images.length == (long) size * height * width * channels,
        "images must hold %d values for %dx%dx%dx%d but held %d", (long) size * height * width * channels, size,
        height, width, channels, images.length);
    return new LayerBatch(size, height, width, channels, images, null, 0, null, 0, null);
  }

  /**
   * The images and labels of an {@link ImageBatch} (labels must be 2-D, e.g. one-hot, when present).
   *
   * @param batch the batch
   * @return the layer batch
   */
  public static LayerBatch of(ImageBatch batch) {
    LayerBatch b = of(batch.images(), batch.size(), batch.height(), batch.width(), batch.channels());
    if (batch.labels() != null) {
      int[] shape = batch.labelShape();
      requireArgument(shape.length == 2, "labels must be 2-D (one-hot) but had shape %s",
          java.util.Arrays.toString(shape));
      b = b.withLabels(batch.labels(), shape[1]);
    }
    return b;
  }

  /**
   * This batch with {@code labels}.
   *
   * @param labels {@code size * classes} float labels
   * @param classes the label width
   * @return a new batch
   */
  public LayerBatch withLabels(float[] labels, int classes) {
    requireNonNull("labels", labels);
    requireArgument(classes > 0 && labels.length == (long) size * classes,
        "labels must hold %d values for %d samples of %d classes but held %d", (long) size * classes, size,
        classes, labels.length);
    return new LayerBatch(size, height, width, channels, images, labels, classes, masks, maskChannels, boxes);
  }

  /**
   * This batch with segmentation masks of the images' height and width.
   *
   * @param masks {@code size * height * width * maskChannels} values
   * @param maskChannels channels per mask pixel (usually 1)
   * @return a new batch
   */
  public LayerBatch withMasks(float[] masks, int maskChannels) {
    requireNonNull("masks", masks);
    requireArgument(maskChannels > 0 && masks.length == (long) size * height * width * maskChannels,
        "masks must hold %d values for %dx%dx%dx%d but held %d", (long) size * height * width * maskChannels,
        size, height, width, maskChannels, masks.length);
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, masks, maskChannels, boxes);
  }

  /**
   * This batch with bounding boxes.
   *
   * @param boxes one entry per image
   * @return a new batch
   */
  public LayerBatch withBoxes(BoundingBoxes boxes) {
    requireNonNull("boxes", boxes);
    requireArgument(boxes.batch() == size, "boxes must be given for %d images but were for %d", size,
        boxes.batch());
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, masks, maskChannels, boxes);
  }

  /**
   * This batch with other images of the same batch size and height and width.
   *
   * @param images the new pixels
   * @param channels their channel count
   * @return a new batch
   */
  public LayerBatch withImages(float[] images, int channels) {
    requireArgument(images.length == (long) size * height * width * channels,
        "images must hold %d values but held %d", (long) size * height * width * channels, images.length);
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, masks, maskChannels, boxes);
  }

  /** The batch size. */
  public int size() {
    return size;
  }

  /** Image height. */
  public int height() {
    return height;
  }

  /** Image width. */
  public int width() {
    return width;
  }

  /** Image channels. */
  public int channels() {
    return channels;
  }

  /** The NHWC pixels. */
  public float[] images() {
    return images;
  }

  /** The labels, or null. */
  public float[] labels() {
    return labels;
  }

  /** The label width (classes), 0 without labels. */
  public int labelWidth() {
    return labelWidth;
  }

  /** The segmentation masks, or null. */
  public float[] masks() {
    return masks;
  }

  /** Channels per mask pixel, 0 without masks. */
  public int maskChannels() {
    return maskChannels;
  }

  /** The bounding boxes, or null. */
  public BoundingBoxes boxes() {
    return boxes;
  }

  /** Pixels per image ({@code height * width * channels}). */
  int imageLength() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return "LayerBatch[" + size + "x" + height + "x" + width + "x" + channels
        + (labels == null ? "" : ", labels " + labelWidth) + (masks == null ? "" : ", masks " + maskChannels)
        + (boxes == null ? "" : ", boxes " + boxes.maxBoxes()) + "]";
  }
}
