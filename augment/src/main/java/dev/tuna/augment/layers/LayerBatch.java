package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.DataFormat;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.io.NpyArray;
import java.util.Locale;

/**
 * What a Keras 3 augmentation layer is called with: float32 images in NHWC order ({@code channels_last}, from
 * {@link #of}) or NCHW order ({@code channels_first}, from {@link #ofChannelsFirst}) and optional targets, as Keras'
 * dict {@code {"images", "labels", "segmentation_masks", "bounding_boxes"}}. Labels are float (e.g. one-hot) with
 * shape {@code (batch, classes)}, or integer ({@link #withIntegerLabels}); segmentation masks are
 * {@code (batch, height, width, maskChannels)} (or {@code (batch, maskChannels, height, width)} for channels_first);
 * boxes are {@link BoundingBoxes}.
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
  private final NpyArray.DType integerLabels;
  private final float[] masks;
  private final int maskChannels;
  private final BoundingBoxes boxes;
  private final DataFormat dataFormat;

  private LayerBatch(int size, int height, int width, int channels, float[] images, float[] labels, int labelWidth,
      NpyArray.DType integerLabels, float[] masks, int maskChannels, BoundingBoxes boxes, DataFormat dataFormat) {
    this.dataFormat = dataFormat;
    this.size = size;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.images = images;
    this.labels = labels;
    this.labelWidth = labelWidth;
    this.integerLabels = integerLabels;
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
    return new LayerBatch(size, height, width, channels, images, null, 0, null, null, 0, null,
        DataFormat.CHANNELS_LAST);
  }

  /**
   * Images only, in NCHW order, for layers built with {@code dataFormat(CHANNELS_FIRST)}; masks added later are
   * NCHW too.
   *
   * @param images NCHW pixels, {@code size * channels * height * width} values
   * @param size the batch size
   * @param channels channels per pixel
   * @param height image height
   * @param width image width
   * @return the batch
   */
  public static LayerBatch ofChannelsFirst(float[] images, int size, int channels, int height, int width) {
    of(images, size, height, width, channels); // the same shape checks
    return new LayerBatch(size, height, width, channels, images, null, 0, null, null, 0, null,
        DataFormat.CHANNELS_FIRST);
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
    return new LayerBatch(size, height, width, channels, images, labels, classes, null, masks, maskChannels,
        boxes, dataFormat);
  }

  /**
   * This batch with integer labels, e.g. class ids of shape {@code (batch,)} or {@code (batch, 1)}, as a NumPy
   * integer array holds them. Keras keeps them integer: layers pass them through, and the layers that mix labels in
   * training mode ({@link MixUp}, {@link CutMix}) reject them, as Keras 3.15.1 on TensorFlow does.
   *
   * @param labels {@code size * width} values
   * @param perSample values per sample (1 for class ids)
   * @param dtype their NumPy integer type: {@code INT32}, {@code INT64}, {@code UINT8} or {@code UINT16}
   * @return a new batch
   * @throws IllegalArgumentException when the length does not match or {@code dtype} is not an integer type
   */
  public LayerBatch withIntegerLabels(long[] labels, int perSample, NpyArray.DType dtype) {
    requireNonNull("labels", labels);
    requireNonNull("dtype", dtype);
    requireArgument(dtype != NpyArray.DType.FLOAT32 && dtype != NpyArray.DType.FLOAT64,
        "integer labels must have an integer dtype but was %s", dtype);
    float[] values = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      values[i] = labels[i];
    }
    LayerBatch b = withLabels(values, perSample);
    return new LayerBatch(size, height, width, channels, images, b.labels, b.labelWidth, dtype, masks, maskChannels,
        boxes, dataFormat);
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
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, integerLabels, masks,
        maskChannels, boxes, dataFormat);
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
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, integerLabels, masks,
        maskChannels, boxes, dataFormat);
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
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, integerLabels, masks,
        maskChannels, boxes, dataFormat);
  }

  /**
   * This batch with images of another height and width (as Keras' {@code Resizing} or {@code RandomCrop} return);
   * labels and boxes are kept. A batch with masks must change their size together with the images' through
   * {@link #withImagesAndMasks}.
   *
   * @param images the new pixels, {@code size * height * width * channels} values in this batch's axis order
   * @param height the new image height
   * @param width the new image width
   * @param channels the new channel count
   * @return a new batch
   * @throws IllegalArgumentException when the size is not positive, the array length does not match, or the batch
   *     has masks and the height or width changes
   */
  public LayerBatch withImages(float[] images, int height, int width, int channels) {
    requireArgument(masks == null || (height == this.height && width == this.width),
        "the batch has %dx%d masks: resize them with the images through withImagesAndMasks", this.height,
        this.width);
    checkImages(images, height, width, channels);
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, integerLabels, masks,
        maskChannels, boxes, dataFormat);
  }

  /**
   * This batch with images and segmentation masks of another height and width; labels and boxes are kept.
   *
   * @param images the new pixels, {@code size * height * width * channels} values in this batch's axis order
   * @param height the new image (and mask) height
   * @param width the new image (and mask) width
   * @param channels the new channel count
   * @param masks the new masks, {@code size * height * width * maskChannels} values in this batch's axis order
   * @param maskChannels channels per mask pixel
   * @return a new batch
   * @throws IllegalArgumentException when the size is not positive or an array length does not match
   */
  public LayerBatch withImagesAndMasks(float[] images, int height, int width, int channels, float[] masks,
      int maskChannels) {
    checkImages(images, height, width, channels);
    requireNonNull("masks", masks);
    requireArgument(maskChannels > 0 && masks.length == (long) size * height * width * maskChannels,
        "masks must hold %d values for %dx%dx%dx%d but held %d", (long) size * height * width * maskChannels,
        size, height, width, maskChannels, masks.length);
    return new LayerBatch(size, height, width, channels, images, labels, labelWidth, integerLabels, masks,
        maskChannels, boxes, dataFormat);
  }

  private void checkImages(float[] images, int height, int width, int channels) {
    requireNonNull("images", images);
    requireArgument(height > 0 && width > 0 && channels > 0,
        "image shape must be positive but was %dx%dx%d", height, width, channels);
    requireArgument(images.length == (long) size * height * width * channels,
        "images must hold %d values for %dx%dx%dx%d but held %d", (long) size * height * width * channels, size,
        height, width, channels, images.length);
  }

  /**
   * The axis order of the images and masks.
   *
   * @return the axis order of the images and masks
   */
  public DataFormat dataFormat() {
    return dataFormat;
  }

  /** The same batch with NHWC images and masks. */
  LayerBatch toChannelsLast() {
    if (dataFormat == DataFormat.CHANNELS_LAST) {
      return this;
    }
    return new LayerBatch(size, height, width, channels, transpose(images, channels, height * width), labels,
        labelWidth, integerLabels, masks == null ? null : transpose(masks, maskChannels, height * width),
        maskChannels, boxes, DataFormat.CHANNELS_LAST);
  }

  /** The same batch with NCHW images and masks. */
  LayerBatch toChannelsFirst() {
    if (dataFormat == DataFormat.CHANNELS_FIRST) {
      return this;
    }
    return new LayerBatch(size, height, width, channels, transpose(images, height * width, channels), labels,
        labelWidth, integerLabels, masks == null ? null : transpose(masks, height * width, maskChannels),
        maskChannels, boxes, DataFormat.CHANNELS_FIRST);
  }

  /** Per sample, a {@code rows x cols} matrix transposed. */
  static float[] transpose(float[] a, int rows, int cols) {
    float[] out = new float[a.length];
    int per = rows * cols;
    for (int base = 0; base < a.length; base += per) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[base + c * rows + r] = a[base + r * cols + c];
        }
      }
    }
    return out;
  }

  /**
   * The batch size.
   *
   * @return the batch size
   */
  public int size() {
    return size;
  }

  /**
   * Image height.
   *
   * @return image height
   */
  public int height() {
    return height;
  }

  /**
   * Image width.
   *
   * @return image width
   */
  public int width() {
    return width;
  }

  /**
   * Image channels.
   *
   * @return image channels
   */
  public int channels() {
    return channels;
  }

  /**
   * The NHWC pixels.
   *
   * @return the NHWC pixels
   */
  public float[] images() {
    return images;
  }

  /**
   * The labels, or null.
   *
   * @return the labels, or null
   */
  public float[] labels() {
    return labels;
  }

  /**
   * The NumPy integer type of labels given through {@link #withIntegerLabels}, or null for float labels (and
   * without labels).
   *
   * @return the integer label type, or null
   */
  public NpyArray.DType integerLabelType() {
    return integerLabels;
  }

  /**
   * The label width (classes), 0 without labels.
   *
   * @return the label width (classes), 0 without labels
   */
  public int labelWidth() {
    return labelWidth;
  }

  /**
   * The segmentation masks, or null.
   *
   * @return the segmentation masks, or null
   */
  public float[] masks() {
    return masks;
  }

  /**
   * Channels per mask pixel, 0 without masks.
   *
   * @return channels per mask pixel, 0 without masks
   */
  public int maskChannels() {
    return maskChannels;
  }

  /**
   * The bounding boxes, or null.
   *
   * @return the bounding boxes, or null
   */
  public BoundingBoxes boxes() {
    return boxes;
  }

  /** Pixels per image ({@code height * width * channels}). */
  int imageLength() {
    return height * width * channels;
  }

  /** NumPy's name of an integer type, e.g. {@code int32}. */
  static String dtypeName(NpyArray.DType dtype) {
    return dtype.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "LayerBatch[" + size + "x" + height + "x" + width + "x" + channels + " " + dataFormat.kerasName()
        + (labels == null ? "" : ", labels " + labelWidth)
        + (integerLabels == null ? "" : " " + dtypeName(integerLabels))
        + (masks == null ? "" : ", masks " + maskChannels)
        + (boxes == null ? "" : ", boxes " + boxes.maxBoxes()) + "]";
  }
}
