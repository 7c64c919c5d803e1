package dev.tuna.augment.layers;

import java.util.Locale;

/**
 * {@code keras.layers.RandomGrayscale(factor=0.5, seed)}: each image becomes grey ({@code 0.2989 R + 0.5870 G +
 * 0.1140 B} in all three channels) with probability {@code factor}. Draws even in inference mode, as Keras.
 * Images only: Keras 3.15.1 fails on a dict input, so labels, masks and boxes are rejected. One-channel images
 * pass through.
 */
public final class RandomGrayscale extends BaseLayer<boolean[]> {
  private static final float WR = 0.2989f;
  private static final float WG = 0.5870f;
  private static final float WB = 0.1140f;
  private final double factor;

  private RandomGrayscale(Builder b) {
    super(b);
    this.factor = b.factor;
  }

  /**
   * A builder with Keras' default factor 0.5.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(0.5);
  }

  /**
   * A builder for {@code RandomGrayscale(factor)}.
   *
   * @param factor the probability of greying an image, in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    if (!(factor >= 0 && factor <= 1)) {
      throw new IllegalArgumentException("`factor` should be between 0 and 1. Received: factor="
          + Python.repr(factor));
    }
    return new Builder(factor);
  }

  @Override
  void checkTargets(LayerBatch batch) {
    String why = "Keras 3.15.1's RandomGrayscale takes images only";
    if (batch.labels() != null) {
      throw unsupported("labels", why);
    }
    if (batch.masks() != null) {
      throw unsupported("segmentation masks", why);
    }
    if (batch.boxes() != null) {
      throw unsupported("bounding boxes", why);
    }
  }

  @Override
  boolean[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    float[] u = KerasRandom.uniform(batch.size(), 0f, 1f, gen);
    boolean[] apply = new boolean[u.length];
    float f = (float) factor;
    for (int i = 0; i < u.length; i++) {
      apply[i] = u[i] < f;
    }
    return apply;
  }

  @Override
  float[] transformImages(LayerBatch batch, boolean[] apply) {
    int c = batch.channels();
    if (c == 1) {
      return batch.images();
    }
    if (c != 3) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid channel size: expected 3 (RGB) or 1 "
          + "(Grayscale). Received input with shape: images.shape=(%d, %d, %d, %d)", batch.size(), batch.height(),
          batch.width(), c));
    }
    float[] in = batch.images();
    float[] out = in.clone();
    int per = batch.imageLength();
    for (int n = 0; n < batch.size(); n++) {
      if (!apply[n]) {
        continue;
      }
      for (int p = n * per; p < (n + 1) * per; p += 3) {
        float g = gray(in[p], in[p + 1], in[p + 2]);
        out[p] = g;
        out[p + 1] = g;
        out[p + 2] = g;
      }
    }
    return out;
  }

  /** TF's {@code tensordot} with the three weights, in float32. */
  static float gray(float r, float g, float b) {
    return r * WR + g * WG + b * WB;
  }

  /**
   * The layer of a Keras {@code get_config()} dict (Keras 3.15.1's own config omits the seed; a {@code seed} key is read).
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomGrayscale does not take and values Keras rejects
   */
  public static RandomGrayscale fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor"));
    Builder b = config.has("factor") ? builder(config.getDouble("factor", 0.5)) : builder();
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomGrayscale}. */
  public static final class Builder extends LayerBuilder<RandomGrayscale, Builder> {
    private final double factor;

    private Builder(double factor) {
      this.factor = factor;
    }

    @Override
    public RandomGrayscale build() {
      return new RandomGrayscale(this);
    }
  }
}
