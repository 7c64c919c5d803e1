package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireFinite;

/**
 * {@code keras.layers.MixUp(alpha=0.2, seed)}: every image (and its label) is mixed with the image of a shuffled
 * partner, {@code w × own + (1 - w) × partner}, {@code w ~ Beta(alpha, alpha)} per image. Draws even in inference
 * mode, as Keras. Bug-compatible targets: boxes become the image's boxes followed by its partner's, with the labels
 * in Keras' order (all own labels, then all partner labels, flat); one-channel masks come back with one channel per
 * image in the batch, as Keras 3.15.1 mixes them along the flat axis. Integer labels
 * ({@link LayerBatch#withIntegerLabels}) are rejected in training mode with TensorFlow's error, as Keras 3.15.1
 * raises for them, and pass through in inference mode.
 */
public final class MixUp extends BaseLayer<MixUp.Mix> {
  private final float alpha;

  private MixUp(Builder b) {
    super(b);
    this.alpha = (float) b.alpha;
  }

  /**
   * A builder with Keras' default {@code alpha = 0.2}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(0.2);
  }

  /**
   * A builder for {@code MixUp(alpha)}.
   *
   * @param alpha the Beta distribution's parameter (finite, > 0)
   * @return the builder
   */
  public static Builder builder(double alpha) {
    requireFinite("alpha", alpha);
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be > 0 but was " + alpha);
    }
    return new Builder(alpha);
  }

  record Mix(int[] permutation, float[] weight) {}

  @Override
  void checkTargets(LayerBatch batch) {
    if (batch.masks() != null && dataFormat == dev.tuna.augment.DataFormat.CHANNELS_FIRST) {
      throw unsupported("channels_first segmentation masks", "Keras 3.15.1 broadcasts them against the width");
    }
    if (batch.masks() != null && batch.maskChannels() != 1 && batch.maskChannels() != batch.size()) {
      throw unsupported("segmentation masks with " + batch.maskChannels() + " channels",
          "Keras 3.15.1 broadcasts them against the batch size " + batch.size());
    }
  }

  @Override
  Mix randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    int[] perm = KerasRandom.shuffle(batch.size(), gen);
    float[] w = KerasRandom.beta(batch.size(), alpha, alpha, gen);
    return new Mix(perm, w);
  }

  @Override
  float[] transformImages(LayerBatch batch, Mix m) {
    return mix(batch.images(), batch.imageLength(), m);
  }

  @Override
  float[] transformLabels(LayerBatch batch, Mix m) {
    requireFloatLabels(batch);
    return mix(batch.labels(), batch.labelWidth(), m);
  }

  private static float[] mix(float[] in, int per, Mix m) {
    float[] out = new float[in.length];
    for (int n = 0; n < m.permutation().length; n++) {
      float w = m.weight()[n];
      float v = 1.0f - w;
      int own = n * per;
      int other = m.permutation()[n] * per;
      for (int i = 0; i < per; i++) {
        out[own + i] = w * in[own + i] + v * in[other + i];
      }
    }
    return out;
  }

  @Override
  Masks transformMasks(LayerBatch batch, Mix m) {
    // Keras: take(masks, perm) without an axis picks flat elements, which broadcast as a last axis of size batch.
    int size = batch.size();
    float[] in = batch.masks();
    int pixels = batch.height() * batch.width();
    int c = batch.maskChannels();
    float[] out = new float[size * pixels * size];
    for (int n = 0; n < size; n++) {
      float w = m.weight()[n];
      float v = 1.0f - w;
      for (int p = 0; p < pixels; p++) {
        for (int k = 0; k < size; k++) {
          float own = in[(n * pixels + p) * c + (c == 1 ? 0 : k)];
          out[(n * pixels + p) * size + k] = w * own + v * in[m.permutation()[k]];
        }
      }
    }
    return new Masks(out, size);
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, Mix m) {
    BoundingBoxes in = batch.boxes();
    int size = in.batch();
    int k = in.maxBoxes();
    float[] boxes = new float[size * 2 * k * 4];
    int[] labels = new int[size * 2 * k];
    for (int n = 0; n < size; n++) {
      int p = m.permutation()[n];
      System.arraycopy(in.boxes(), n * k * 4, boxes, n * 2 * k * 4, k * 4);
      System.arraycopy(in.boxes(), p * k * 4, boxes, (n * 2 * k + k) * 4, k * 4);
      System.arraycopy(in.labels(), n * k, labels, n * k, k);
      System.arraycopy(in.labels(), p * k, labels, (size + n) * k, k);
    }
    return BoundingBoxes.of(size, 2 * k, boxes, labels);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys MixUp does not take and values Keras rejects
   */
  public static MixUp fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("alpha"));
    Builder b = config.has("alpha") ? builder(config.getDouble("alpha", 0.2)) : builder();
    return config.applyCommon(b).build();
  }

  /** Builder of {@link MixUp}. */
  public static final class Builder extends LayerBuilder<MixUp, Builder> {
    private final double alpha;

    private Builder(double alpha) {
      this.alpha = alpha;
    }

    @Override
    public MixUp build() {
      return new MixUp(this);
    }
  }
}
