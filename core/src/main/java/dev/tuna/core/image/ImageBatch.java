package dev.tuna.core.image;

import dev.tuna.core.internal.Preconditions;
import java.util.Arrays;
import java.util.Locale;

/**
 * A batch of equally shaped images in NHWC order ({@link ImageLayout#NHWC}, the default) or NCHW order, with
 * optional labels and sample weights. {@link #layout()} says which.
 *
 * <p>The batch owns its pixel array: {@link #images()} returns it without copying, so that a batch reaches a
 * tensor without an extra copy; treat it as read-only. Labels, label shape, sample weights and indices are copied
 * in and out. Labels are a flat float array with shape
 * {@link #labelShape()} (for example {@code [n, classes]} for one-hot labels or {@code [n]} for sparse ones), or
 * {@code null} when the batch carries no labels.
 */
public final class ImageBatch {
  private final ImageLayout layout;
  private final int size;
  private final int height;
  private final int width;
  private final int channels;
  private final float[] images;
  private final float[] labels;
  private final int[] labelShape;
  private final float[] sampleWeights;
  private final int[] indices;

  private ImageBatch(ImageLayout layout, int size, int height, int width, int channels, float[] images,
      float[] labels, int[] labelShape, float[] sampleWeights, int[] indices) {
    this.layout = layout;
    this.size = size;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.images = images;
    this.labels = labels;
    this.labelShape = labelShape;
    this.sampleWeights = sampleWeights;
    this.indices = indices;
  }

  /**
   * Creates an NHWC batch. {@code labels}, {@code labelShape} and {@code sampleWeights} may be null;
   * {@code indices} are the dataset indices of the samples, in batch order.
   *
   * @param height image height
   * @param width image width
   * @param channels channels per pixel
   * @param images the pixels of every sample in NHWC order, kept without copying
   * @param labels the labels, or null
   * @param labelShape the labels' shape, first dimension the batch size (ignored without labels)
   * @param sampleWeights one weight per sample, or null
   * @param indices the dataset index of each sample, in batch order
   * @return the batch
   * @throws IllegalArgumentException when a length does not match the shape
   */
  public static ImageBatch of(int height, int width, int channels, float[] images, float[] labels,
      int[] labelShape, float[] sampleWeights, int[] indices) {
    return of(ImageLayout.NHWC, height, width, channels, images, labels, labelShape, sampleWeights, indices);
  }

  /**
   * Creates a batch whose {@code images} are in {@code layout} order; otherwise as
   * {@link #of(int, int, int, float[], float[], int[], float[], int[])}.
   *
   * @param layout the axis order of {@code images}
   * @param height image height
   * @param width image width
   * @param channels channels per pixel
   * @param images the pixels of every sample, kept without copying
   * @param labels the labels, or null
   * @param labelShape the labels' shape, first dimension the batch size (ignored without labels)
   * @param sampleWeights one weight per sample, or null
   * @param indices the dataset index of each sample, in batch order
   * @return the batch
   * @throws IllegalArgumentException when a length does not match the shape
   */
  public static ImageBatch of(ImageLayout layout, int height, int width, int channels, float[] images,
      float[] labels, int[] labelShape, float[] sampleWeights, int[] indices) {
    Preconditions.requireNonNull("layout", layout);
    Preconditions.requireNonNull("images", images);
    Preconditions.requireNonNull("indices", indices);
    int size = indices.length;
    if (images.length != (long) size * height * width * channels) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "images length must be %d for %d samples of %dx%dx%d but was %d",
          (long) size * height * width * channels, size, height, width, channels, images.length));
    }
    if (labels != null) {
      long expected = 1;
      for (int d : labelShape) {
        expected *= d;
      }
      if (labelShape.length == 0 || labelShape[0] != size || expected != labels.length) {
        throw new IllegalArgumentException("labelShape " + Arrays.toString(labelShape)
            + " does not match " + labels.length + " labels for " + size + " samples");
      }
    }
    if (sampleWeights != null && sampleWeights.length != size) {
      throw new IllegalArgumentException(
          "sampleWeights length must be " + size + " but was " + sampleWeights.length);
    }
    return new ImageBatch(layout, size, height, width, channels, images, labels == null ? null : labels.clone(),
        labels == null ? null : labelShape.clone(), sampleWeights == null ? null : sampleWeights.clone(),
        indices.clone());
  }

  /**
   * Number of samples.
   *
   * @return the batch size
   */
  public int size() {
    return size;
  }

  /** {@return the image height in pixels} */
  public int height() {
    return height;
  }

  /** {@return the image width in pixels} */
  public int width() {
    return width;
  }

  /** {@return the number of channels per pixel} */
  public int channels() {
    return channels;
  }

  /**
   * The axis order of {@link #images()}.
   *
   * @return NHWC or NCHW
   */
  public ImageLayout layout() {
    return layout;
  }

  /**
   * The images in {@link #layout()} order, not copied.
   *
   * @return the pixel array of the batch
   */
  public float[] images() {
    return images;
  }

  /**
   * Sample {@code i} as an (HWC) image that copies its pixels.
   *
   * @param i the sample's position in the batch
   * @return a new HWC image
   */
  public Image image(int i) {
    int n = height * width * channels;
    float[] sample = Arrays.copyOfRange(images, i * n, (i + 1) * n);
    if (layout == ImageLayout.NCHW) {
      float[] hwc = new float[n];
      int plane = height * width;
      for (int ch = 0; ch < channels; ch++) {
        for (int p = 0; p < plane; p++) {
          hwc[p * channels + ch] = sample[ch * plane + p];
        }
      }
      sample = hwc;
    }
    return Image.wrap(height, width, channels, sample);
  }

  /**
   * The labels (a copy), or null when the batch has none.
   *
   * @return a copy of the labels, or null
   */
  public float[] labels() {
    return labels == null ? null : labels.clone();
  }

  /**
   * The label shape, or null when the batch has none.
   *
   * @return a copy of the label shape, or null
   */
  public int[] labelShape() {
    return labelShape == null ? null : labelShape.clone();
  }

  /**
   * The sample weights (a copy), or null.
   *
   * @return a copy of the sample weights, or null
   */
  public float[] sampleWeights() {
    return sampleWeights == null ? null : sampleWeights.clone();
  }

  /**
   * The dataset index of each sample, in batch order.
   *
   * @return a copy of the dataset indices
   */
  public int[] indices() {
    return indices.clone();
  }

  /**
   * The shape of the images in {@link #layout()} order: {@code [n, h, w, c]} or {@code [n, c, h, w]}.
   *
   * @return a new shape array of length 4
   */
  public int[] shape() {
    return layout == ImageLayout.NCHW ? new int[] {size, channels, height, width}
        : new int[] {size, height, width, channels};
  }

  @Override
  public String toString() {
    int[] s = shape();
    return "ImageBatch[" + layout + " " + s[0] + "x" + s[1] + "x" + s[2] + "x" + s[3]
        + (labels == null ? "" : ", labels " + Arrays.toString(labelShape)) + "]";
  }
}
