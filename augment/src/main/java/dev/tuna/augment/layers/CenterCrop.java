package dev.tuna.augment.layers;

import dev.tuna.augment.layers.internal.TfResize;

/**
 * {@code keras.layers.CenterCrop(height, width)}: the centred {@code height × width} window of every image, in
 * training and in inference alike. When the image is smaller than the target in either direction, Keras'
 * {@code smart_resize} runs instead: the largest centred window of the target aspect ratio is resized to the target
 * with bilinear interpolation. Masks take the same path (bilinear too, as in Keras); boxes are cut to the window
 * (and rescaled after a resize), clipped to the target, and boxes left without area get label {@code -1}. Not
 * random: it has no seed.
 */
public final class CenterCrop extends SizedLayer {
  private CenterCrop(Builder b) {
    super(b, b.size);
  }

  /**
   * A builder for {@code CenterCrop(height, width)}.
   *
   * @param height the output height, positive
   * @param width the output width, positive
   * @return the builder
   */
  public static Builder builder(int height, int width) {
    return new Builder(new Size(height, width));
  }

  /** Building it draws no default seed (it has no randomness). */
  static int seedDraws(LayerConfig config) {
    return 0;
  }

  @Override
  float[] transformImages(LayerBatch batch, int[] t) {
    return crop(batch.images(), batch.size(), batch.height(), batch.width(), batch.channels());
  }

  @Override
  Masks transformMasks(LayerBatch batch, int[] t) {
    return new Masks(crop(batch.masks(), batch.size(), batch.height(), batch.width(), batch.maskChannels()),
        batch.maskChannels());
  }

  private float[] crop(float[] src, int n, int h, int w, int c) {
    if (h >= height && w >= width) {
      return Crops.window(src, n, h, w, c, (h - height) / 2, (w - width) / 2, height, width);
    }
    int[] win = Crops.aspectWindow(h, w, height, width);
    float[] cut = Crops.window(src, n, h, w, c, win[0], win[1], win[2], win[3]);
    return TfResize.resize(cut, n, win[2], win[3], c, height, width, TfResize.Method.BILINEAR);
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, int[] t) {
    BoundingBoxes in = batch.boxes();
    BoxFormat format = BoxFormat.of(boundingBoxFormat);
    int h = batch.height();
    int w = batch.width();
    boolean cut = h >= height && w >= width;
    int[] win = cut ? new int[] {(int) ((double) (h - height) / 2), (int) ((double) (w - width) / 2), height, width}
        : Crops.aspectWindow(h, w, height, width);
    float top = win[0];
    float left = win[1];
    float bottom = win[0] + win[2];
    float right = win[1] + win[3];
    float th = height;
    float tw = width;
    float[] b = in.boxes().clone();
    int[] labels = in.labels().clone();
    for (int i = 0; i < labels.length; i++) {
      int o = 4 * i;
      format.toXyxy(b, o, h, w);
      b[o] = clip(b[o], left, right) - left;
      b[o + 1] = clip(b[o + 1], top, bottom) - top;
      b[o + 2] = clip(b[o + 2], left, right) - left;
      b[o + 3] = clip(b[o + 3], top, bottom) - top;
      if (!cut) {
        BoxFormat.REL_XYXY.fromXyxy(b, o, win[2], win[3]);
        BoxFormat.REL_XYXY.toXyxy(b, o, th, tw);
      }
      b[o] = clip(b[o], 0f, tw);
      b[o + 1] = clip(b[o + 1], 0f, th);
      b[o + 2] = clip(b[o + 2], 0f, tw);
      b[o + 3] = clip(b[o + 3], 0f, th);
      if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
        labels[i] = -1;
      }
      format.fromXyxy(b, o, th, tw);
    }
    return BoundingBoxes.of(in.batch(), in.maxBoxes(), b, labels);
  }

  private static float clip(float v, float lo, float hi) {
    return Math.min(Math.max(v, lo), hi);
  }

  @Override
  public String toString() {
    return "CenterCrop[" + height + "x" + width + "]";
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys CenterCrop does not take and values Keras rejects
   */
  public static CenterCrop fromConfig(LayerConfig config) {
    config.checkKeys("height", "width", "data_format", "bounding_box_format");
    return config.applyCommon(builder(size(config, "height"), size(config, "width"))).build();
  }

  /** Builder of {@link CenterCrop}. */
  public static final class Builder extends PreprocessingBuilder<CenterCrop, Builder> {
    private final Size size;

    private Builder(Size size) {
      this.size = size;
    }

    @Override
    public CenterCrop build() {
      return new CenterCrop(this);
    }
  }
}
