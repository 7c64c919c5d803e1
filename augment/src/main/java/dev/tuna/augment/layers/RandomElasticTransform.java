package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireFinite;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.layers.internal.StatelessRandom;

/**
 * {@code keras.layers.RandomElasticTransform(factor=1.0, scale=1.0, interpolation="bilinear", fill_mode="reflect",
 * fill_value=0.0, value_range=(0, 255), seed)}: per image a probability uniform in the factor range and a uniform
 * threshold in [0, 1), and for the batch one distortion {@code d} uniform in the scale range. At transform time
 * Keras draws one more seed from the stream and samples a standard normal field of shape {@code (N, H, W)}, which it
 * uses for both the x and the y displacement (so both are equal); the field times {@code sigma = min(H, W) · 0.05 d}
 * is blurred with a Gaussian of that sigma (kernel size {@code 6 · (int) sigma | 1}, as {@link RandomGaussianBlur}
 * builds it) and scaled by {@code alpha = max(H, W) · 0.1 d}; each channel is then resampled at {@code (y + alpha dy,
 * x + alpha dx)} with Keras' {@code map_coordinates} (order 0 or 1, and its own fill rules: reflect maps index
 * {@code -1} to {@code 1}). Images whose threshold is below their probability take the result, then every image is
 * clipped to the value range (as given). Segmentation masks go through the same steps with nearest interpolation
 * and a new seed drawn after the images' (so a mask is displaced by a different field than its image, as in Keras)
 * and the same clip. Boxes are rejected (Keras 3.15.1 does not transform them). With an upper factor or scale of 0
 * nothing is drawn or changed. Draws only in training mode. Labels pass through.
 *
 * <p>The arithmetic is TF's float32 order throughout; from 8 kernel taps on ({@code sigma >= 2}) TF builds the
 * kernel with vectorised approximations that can differ in the last bit (see {@link RandomGaussianBlur}). The
 * displacement field's seed is the raw stream state, equal to TF's for seeds in [0, 2^31 - 2).
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomElasticTransform extends FactorLayer<RandomElasticTransform.Drawn> {
  private final double[] scale;
  private final Interpolation interpolation;
  private final FillMode fillMode;
  private final float fillValue;

  private RandomElasticTransform(Builder b) {
    super(b, b.factor);
    this.scale = b.scale;
    this.interpolation = b.interpolation.get();
    this.fillMode = b.fillMode;
    this.fillValue = (float) b.fillValue;
  }

  /**
   * A builder with Keras' defaults: factor 1.0, scale 1.0, bilinear, reflect, fill value 0, value range (0, 255).
   *
   * @return the builder
   */
  public static Builder builder() {
    return builder(1.0);
  }

  /**
   * A builder for {@code RandomElasticTransform(factor)}: probabilities in {@code [0, factor]}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomElasticTransform((lower, upper))}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  /** The drawn per-image choice, the batch's distortion and the stream the displacement field is drawn from. */
  record Drawn(boolean[] apply, float distortion, SeedGenerator stream) {}

  @Override
  void checkTargets(LayerBatch batch) {
    if (batch.boxes() != null) {
      throw unsupported("bounding boxes", "Keras 3.15.1's RandomElasticTransform does not implement "
          + "transform_bounding_boxes");
    }
  }

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training || scale[1] == 0 || factor[1] == 0) {
      return null;
    }
    boolean[] apply = drawApply(batch, gen);
    float d = KerasRandom.uniform(1, (float) scale[0], (float) scale[1], gen)[0];
    return new Drawn(apply, d, gen);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn t) {
    return t == null ? batch.images() : elastic(batch, batch.images(), batch.channels(), interpolation, t);
  }

  @Override
  Masks transformMasks(LayerBatch batch, Drawn t) {
    return new Masks(t == null ? batch.masks()
        : elastic(batch, batch.masks(), batch.maskChannels(), Interpolation.NEAREST, t), batch.maskChannels());
  }

  /** Keras' {@code _transform_images}: elastic_transform, the per-image choice and the clip. */
  private float[] elastic(LayerBatch batch, float[] in, int c, Interpolation interp, Drawn t) {
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    float alphaScale = 0.1f * t.distortion();
    float sigmaScale = 0.05f * t.distortion();
    float alpha = (float) Math.max(h, w) * alphaScale;
    float sigma = (float) Math.min(h, w) * sigmaScale;
    int k = 6 * Equalization.toInt32(sigma) | 1;
    long[] state = t.stream().next();
    float[] field = StatelessRandom.normal((int) state[0], (int) state[1], n * h * w, 0f, 1f);
    for (int i = 0; i < field.length; i++) {
      field[i] *= sigma;
    }
    float[] kernel = RandomGaussianBlur.kernel(k, k, sigma, sigma);
    float[] d = DepthwiseConv.same(field, n, h, w, 1, kernel, k, k);
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    float[] out = new float[in.length];
    for (int s = 0; s < n; s++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = (s * h + y) * w + x;
          float cy = (float) y + alpha * d[p];
          float cx = (float) x + alpha * d[p];
          for (int ch = 0; ch < c; ch++) {
            float v = t.apply()[s] ? sample(in, s, ch, c, h, w, cy, cx, interp) : in[p * c + ch];
            out[p * c + ch] = Math.min(Math.max(v, lo), hi);
          }
        }
      }
    }
    return out;
  }

  /** Keras' TF {@code map_coordinates} of one channel at {@code (cy, cx)}. */
  private float sample(float[] in, int s, int ch, int c, int h, int w, float cy, float cx, Interpolation interp) {
    if (interp == Interpolation.NEAREST) {
      int iy = Equalization.toInt32((float) Math.rint(cy));
      int ix = Equalization.toInt32((float) Math.rint(cx));
      return 1f * gather(in, s, ch, c, h, w, iy, ix);
    }
    float ly = (float) Math.floor(cy);
    float lx = (float) Math.floor(cx);
    float uy = cy - ly;
    float ux = cx - lx;
    float wy0 = 1 - uy;
    float wx0 = 1 - ux;
    int iy = Equalization.toInt32(ly);
    int ix = Equalization.toInt32(lx);
    float o00 = wy0 * wx0 * gather(in, s, ch, c, h, w, iy, ix);
    float o01 = wy0 * ux * gather(in, s, ch, c, h, w, iy, ix + 1);
    float o10 = uy * wx0 * gather(in, s, ch, c, h, w, iy + 1, ix);
    float o11 = uy * ux * gather(in, s, ch, c, h, w, iy + 1, ix + 1);
    return o00 + o01 + o10 + o11;
  }

  private float gather(float[] in, int s, int ch, int c, int h, int w, int iy, int ix) {
    if (fillMode == FillMode.CONSTANT && (iy < 0 || iy >= h || ix < 0 || ix >= w)) {
      return fillValue;
    }
    return in[((s * h + fix(iy, h)) * w + fix(ix, w)) * c + ch];
  }

  /** Keras' {@code process_coordinates} for an integer index. */
  private int fix(int i, int size) {
    switch (fillMode) {
      case CONSTANT, NEAREST:
        return Math.min(Math.max(i, 0), size - 1);
      case WRAP:
        return Math.floorMod(i, size);
      default: // REFLECT
        int a = Math.abs(i);
        int mod = Math.floorMod(a, 2 * size);
        return mod < size ? mod : 2 * size - mod - 1;
    }
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomElasticTransform does not take and values Keras rejects
   */
  public static RandomElasticTransform fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor", "scale", "interpolation", "fill_mode", "fill_value",
        "value_range"));
    double[] f = config.getFactor("factor");
    Builder b = f == null ? builder() : f.length == 1 ? builder(f[0]) : builder(f[0], f[1]);
    config.applyFactor("scale", b::scale, b::scale);
    if (config.has("interpolation")) {
      b.interpolation(PolicyOps.interpolation(config));
    }
    if (config.has("fill_mode")) {
      String m = config.getString("fill_mode", null);
      if (!java.util.List.of("constant", "nearest", "wrap", "reflect").contains(m)) {
        throw config.invalid("fill_mode", "one of constant, nearest, wrap, reflect");
      }
      b.fillMode(FillMode.fromKeras(m));
    }
    if (config.has("fill_value")) {
      b.fillValue(config.getDouble("fill_value", 0));
    }
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomElasticTransform}. */
  public static final class Builder extends ValueRangeBuilder<RandomElasticTransform, Builder> {
    private final double[] factor;
    private double[] scale = Factor.of("scale", 1.0, 0, 1);
    private boolean scaleSet;
    private final SetOnce<Interpolation> interpolation = new SetOnce<>("interpolation", Interpolation.BILINEAR);
    private FillMode fillMode = FillMode.REFLECT;
    private boolean fillModeSet;
    private double fillValue;
    private boolean fillValueSet;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    /**
     * {@code scale=s}: distortions in {@code [0, s]}.
     *
     * @param scale in [0, 1]
     * @return this builder
     */
    public Builder scale(double scale) {
      requireUnset(scaleSet, "scale", Python.pair(this.scale));
      this.scale = Factor.of("scale", scale, 0, 1);
      this.scaleSet = true;
      return this;
    }

    /**
     * {@code scale=(lower, upper)}.
     *
     * @param lower one bound
     * @param upper the other bound
     * @return this builder
     */
    public Builder scale(double lower, double upper) {
      requireUnset(scaleSet, "scale", Python.pair(this.scale));
      this.scale = Factor.of("scale", lower, upper, 0, 1);
      this.scaleSet = true;
      return this;
    }

    /**
     * How the images are sampled, as Keras' {@code interpolation} (default bilinear); masks always use nearest.
     *
     * @param interpolation the interpolation
     * @return this builder
     */
    public Builder interpolation(Interpolation interpolation) {
      this.interpolation.set(interpolation);
      return this;
    }

    /**
     * How points outside the image are filled, as Keras' {@code fill_mode} (default reflect): constant, nearest,
     * wrap or reflect (Keras' TF backend rejects mirror when it transforms).
     *
     * @param fillMode the fill mode
     * @return this builder
     */
    public Builder fillMode(FillMode fillMode) {
      requireNonNull("fillMode", fillMode);
      requireUnset(fillModeSet, "fillMode", this.fillMode);
      requireArgument(fillMode != FillMode.MIRROR,
          "fillMode must be one of constant, nearest, wrap, reflect but was %s", fillMode.kerasName());
      this.fillMode = fillMode;
      this.fillModeSet = true;
      return this;
    }

    /**
     * The value of points outside the image with fill mode constant, as Keras' {@code fill_value} (default 0).
     *
     * @param fillValue the value
     * @return this builder
     */
    public Builder fillValue(double fillValue) {
      requireUnset(fillValueSet, "fillValue", this.fillValue);
      requireFinite("fillValue", fillValue);
      this.fillValue = fillValue;
      this.fillValueSet = true;
      return this;
    }

    @Override
    public RandomElasticTransform build() {
      return new RandomElasticTransform(this);
    }
  }
}
