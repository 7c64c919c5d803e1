package dev.tuna.augment.layers;

import dev.tuna.augment.layers.internal.TfResize;

/**
 * {@code keras.layers.RandomCrop(height, width, seed)}: in training, when the images are larger than the target in
 * both directions, one window offset for the whole batch, drawn as Keras draws it (a row offset
 * {@code int(uniform(0, h - height + 1))}, then a column offset the same way, two draws from the seed stream);
 * otherwise (no draw) Keras' centred aspect-ratio window, and a window cut short by the image edge is resized to
 * the target with bilinear interpolation. Masks take the same path (bilinear too, as in Keras).
 *
 * <p>Keras' quirks, kept: boxes are read in the declared format with the target's size, the row offset is
 * subtracted from x and the column offset from y, coordinates are clipped at 0 only and labels are unchanged. In
 * inference mode Keras 3.15 returns the images and boxes unchanged but still crops the masks; a batch whose masks
 * would then differ in size from the images is rejected.
 */
public final class RandomCrop extends SizedLayer {
  private RandomCrop(Builder b) {
    super(b, b.size);
  }

  /**
   * A builder for {@code RandomCrop(height, width)}.
   *
   * @param height the output height, positive
   * @param width the output width, positive
   * @return the builder
   */
  public static Builder builder(int height, int width) {
    return new Builder(new Size(height, width));
  }

  /**
   * Keras draws two default seeds when built without one: the layer's {@code seed} (what {@code get_config()}
   * reports), then its {@code SeedGenerator}'s own, which seeds the stream.
   */
  static int seedDraws(LayerConfig config) {
    return 2;
  }

  /** The second draw seeds the stream. */
  static int seedDrawUsed(LayerConfig config) {
    return 1;
  }

  /** The window's {@code {top, left}}. */
  @Override
  int[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    int h = batch.height();
    int w = batch.width();
    if (training && h > height && w > width) {
      int top = (int) KerasRandom.uniform(1, 0f, (float) (h - height + 1), gen)[0];
      int left = (int) KerasRandom.uniform(1, 0f, (float) (w - width + 1), gen)[0];
      return new int[] {top, left};
    }
    int[] win = Crops.aspectWindow(h, w, height, width);
    return new int[] {win[0], win[1]};
  }

  @Override
  LayerBatch inference(LayerBatch batch, int[] t) {
    if (batch.masks() == null) {
      return null;
    }
    if (height != batch.height() || width != batch.width()) {
      throw unsupported("segmentation_masks in inference mode", "Keras crops the masks to " + height + "x" + width
          + " but returns the " + batch.height() + "x" + batch.width() + " images uncropped");
    }
    return null;
  }

  private int[] windowSize(LayerBatch batch, int[] t) {
    return new int[] {Math.min(height, batch.height() - t[0]), Math.min(width, batch.width() - t[1])};
  }

  @Override
  float[] transformImages(LayerBatch batch, int[] t) {
    return crop(batch.images(), batch, batch.channels(), t);
  }

  @Override
  Masks transformMasks(LayerBatch batch, int[] t) {
    return new Masks(crop(batch.masks(), batch, batch.maskChannels(), t), batch.maskChannels());
  }

  private float[] crop(float[] src, LayerBatch batch, int c, int[] t) {
    int[] size = windowSize(batch, t);
    float[] cut = Crops.window(src, batch.size(), batch.height(), batch.width(), c, t[0], t[1], size[0], size[1]);
    if (size[0] == height && size[1] == width) {
      return cut;
    }
    return TfResize.resize(cut, batch.size(), size[0], size[1], c, height, width, TfResize.Method.BILINEAR);
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, int[] t) {
    BoundingBoxes in = batch.boxes();
    BoxFormat format = BoxFormat.of(boundingBoxFormat);
    float th = height;
    float tw = width;
    float top = t[0];
    float left = t[1];
    float[] b = in.boxes().clone();
    for (int o = 0; o < b.length; o += 4) {
      format.toXyxy(b, o, th, tw);
      b[o] = Math.max(b[o] - top, 0f);
      b[o + 1] = Math.max(b[o + 1] - left, 0f);
      b[o + 2] = Math.max(b[o + 2] - top, 0f);
      b[o + 3] = Math.max(b[o + 3] - left, 0f);
      format.fromXyxy(b, o, th, tw);
    }
    return BoundingBoxes.of(in.batch(), in.maxBoxes(), b, in.labels().clone());
  }

  @Override
  public String toString() {
    return "RandomCrop[" + height + "x" + width + ", seed=" + seed + "]";
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomCrop does not take and values Keras rejects
   */
  public static RandomCrop fromConfig(LayerConfig config) {
    config.checkKeys("height", "width", "seed", "data_format", "bounding_box_format");
    return config.applyCommon(builder(size(config, "height"), size(config, "width"))).build();
  }

  /** Builder of {@link RandomCrop}. */
  public static final class Builder extends LayerBuilder<RandomCrop, Builder> {
    private final Size size;

    private Builder(Size size) {
      this.size = size;
    }

    @Override
    public RandomCrop build() {
      return new RandomCrop(this);
    }
  }
}
