package dev.tuna.augment.layers;

/**
 * {@code keras.layers.CutMix(factor=1.0, seed)}: per call {@code alpha} is drawn uniformly from the factor range
 * (plus 1e-6), per image {@code w ~ Beta(alpha, alpha)}; a rectangle with sides {@code sqrt(1 - w) × side} is
 * copied from a shuffled partner image, and labels are mixed by the rectangle's true area share. Segmentation masks
 * are cut with the images' rectangles (taking the images' channel count where the masks have one channel, as
 * Keras); bounding boxes are rejected, as Keras raises for them. Integer labels ({@link LayerBatch#withIntegerLabels})
 * are rejected in training mode with TensorFlow's error, as Keras 3.15.1 raises for them, and pass through in
 * inference mode.
 */
public final class CutMix extends BaseLayer<CutMix.Cut> {
  private final double[] factor;

  private CutMix(Builder b) {
    super(b);
    this.factor = b.factor;
  }

  /**
   * A builder with Keras' default factor 1.0.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(Factor.of("factor", 1.0, 0, 1));
  }

  /**
   * A builder for {@code CutMix(factor)}.
   *
   * @param factor the upper bound of alpha, in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code CutMix((lower, upper))}.
   *
   * @param lower one bound of alpha
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  record Cut(CropBoxes boxes, int[] permutation, float[] weight) {}

  @Override
  void checkTargets(LayerBatch batch) {
    if (batch.boxes() != null) {
      throw unsupported("bounding boxes", "Keras' CutMix does not transform them (NotImplementedError)");
    }
    if (batch.masks() != null && batch.maskChannels() != 1 && batch.channels() != 1
        && batch.maskChannels() != batch.channels()) {
      throw unsupported("segmentation masks with " + batch.maskChannels() + " channels",
          "they do not broadcast against " + batch.channels() + " image channels");
    }
  }

  @Override
  Cut randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    float alpha = KerasRandom.uniform(1, (float) factor[0], (float) factor[1], gen)[0] + (float) 1e-6;
    float[] mix = KerasRandom.beta(n, alpha, alpha, gen);
    float[] ratio = new float[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = (float) Math.sqrt(1.0f - mix[i]);
    }
    CropBoxes boxes = CropBoxes.draw(n, h, w, ratio, ratio, gen);
    float[] weight = new float[n];
    float area = (float) (w * h);
    for (int i = 0; i < n; i++) {
      weight[i] = 1.0f - (boxes.x1[i] - boxes.x0[i]) * (boxes.y1[i] - boxes.y0[i]) / area;
    }
    int[] perm = KerasRandom.shuffle(n, gen);
    return new Cut(boxes, perm, weight);
  }

  @Override
  float[] transformImages(LayerBatch batch, Cut cut) {
    return paste(batch.images(), batch.channels(), batch.channels(), batch, cut);
  }

  @Override
  Masks transformMasks(LayerBatch batch, Cut cut) {
    int c = Math.max(batch.maskChannels(), batch.channels());
    return new Masks(paste(batch.masks(), batch.maskChannels(), c, batch, cut), c);
  }

  /** {@code where(inside, src[perm], src)}, broadcasting one source channel to {@code outChannels}. */
  private static float[] paste(float[] src, int c, int outChannels, LayerBatch batch, Cut cut) {
    int h = batch.height();
    int w = batch.width();
    float[] out = new float[batch.size() * h * w * outChannels];
    for (int n = 0; n < batch.size(); n++) {
      int p = cut.permutation()[n];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int from = (((cut.boxes().inside(n, y, x) ? p : n) * h + y) * w + x) * c;
          int to = ((n * h + y) * w + x) * outChannels;
          for (int k = 0; k < outChannels; k++) {
            out[to + k] = src[from + (c == 1 ? 0 : k)];
          }
        }
      }
    }
    return out;
  }

  @Override
  float[] transformLabels(LayerBatch batch, Cut cut) {
    requireFloatLabels(batch);
    float[] in = batch.labels();
    int k = batch.labelWidth();
    float[] out = new float[in.length];
    for (int n = 0; n < batch.size(); n++) {
      float w = cut.weight()[n];
      float v = 1.0f - w;
      int p = cut.permutation()[n];
      for (int i = 0; i < k; i++) {
        out[n * k + i] = w * in[n * k + i] + v * in[p * k + i];
      }
    }
    return out;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys CutMix does not take and values Keras rejects
   */
  public static CutMix fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor"));
    double[] f = config.getFactor("factor");
    Builder b = f == null ? builder() : f.length == 1 ? builder(f[0]) : builder(f[0], f[1]);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link CutMix}. */
  public static final class Builder extends LayerBuilder<CutMix, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      this.factor = factor;
    }

    @Override
    public CutMix build() {
      return new CutMix(this);
    }
  }
}
