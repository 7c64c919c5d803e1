package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.layers.internal.BatchParallel;
import dev.tuna.augment.layers.internal.Homography;
import dev.tuna.augment.layers.internal.ProjectiveTransform;

/**
 * {@code keras.layers.RandomPerspective(factor, scale, interpolation, fill_value, seed)}: per image a probability
 * uniform in the factor range, a threshold uniform in [0, 1) (the image is warped when the threshold is below the
 * probability), then 4 × 2 corner offsets uniform in {@code [-scale / 2, scale / 2)} (three draws, in this order);
 * each corner {@code p} moves to {@code p + p × offset}, and the image is warped by the homography between the
 * moved and the original corners (TF's solve, reproduced in float32) with TF's projective-transform kernel,
 * constant fill. Masks follow with nearest interpolation. Boxes: their corners go through the inverse homography,
 * the bounding box of the four is clipped to the image and boxes left without area get label {@code -1}; as in
 * Keras 3.15 the boxes come back in {@code xyxy} whatever the declared format.
 */
public final class RandomPerspective extends BaseLayer<RandomPerspective.Drawn> {
  static final String FACTOR_ERROR =
      "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=";
  private final double[] factor;
  private final double scale;
  private final Interpolation interpolation;
  private final float fillValue;

  private RandomPerspective(Builder b) {
    super(b);
    this.factor = b.factor;
    this.scale = b.scale;
    this.interpolation = b.interpolation.get();
    this.fillValue = b.fillValue.get();
  }

  /**
   * A builder for {@code RandomPerspective()}: every image warped ({@code factor=1.0}), {@code scale=1.0}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The drawn choices and homographies. */
  record Drawn(boolean[] apply, float[] matrix) {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] probability = KerasRandom.uniform(n, (float) factor[0], (float) factor[1], gen);
    float[] threshold = KerasRandom.uniform(n, 0f, 1f, gen);
    float[] offsets = KerasRandom.uniform(n * 8, (float) (-0.5 * scale), (float) (0.5 * scale), gen);
    float w1 = batch.width() - 1;
    float h1 = batch.height() - 1;
    float[] start = {0f, 0f, w1, 0f, 0f, h1, w1, h1};
    boolean[] apply = new boolean[n];
    float[] matrix = new float[8 * n];
    float[] end = new float[8];
    for (int i = 0; i < n; i++) {
      apply[i] = threshold[i] < probability[i];
      for (int k = 0; k < 8; k++) {
        end[k] = start[k] + start[k] * offsets[8 * i + k];
      }
      System.arraycopy(Homography.compute(start, end), 0, matrix, 8 * i, 8);
    }
    return new Drawn(apply, matrix);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn t) {
    return transformImages(batch, t, null);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn t, Scratch scratch) {
    float[] src = batch.images();
    return warp(src, batch, batch.channels(), t, interpolation, Scratch.take(scratch, src.length, src));
  }

  @Override
  boolean stepsImages(LayerBatch batch) {
    return true;
  }

  @Override
  ImageStep imageStep(LayerBatch batch, Drawn t) {
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    ProjectiveTransform.Interpolation interp = interpolation.kernel();
    float[] matrix = t.matrix();
    return new ImageStep() {
      @Override
      public void apply(int n, float[] src, int srcOffset, float[] dst, int dstOffset) {
        if (t.apply()[n]) {
          ProjectiveTransform.applyImageInto(src, srcOffset, h, w, c, matrix, AffineLayer.matrixOffset(matrix, n),
              h, w, interp, ProjectiveTransform.FillMode.CONSTANT, fillValue, dst, dstOffset);
        } else {
          System.arraycopy(src, srcOffset, dst, dstOffset, h * w * c);
        }
      }

      @Override
      public boolean readsInOrder(int n) {
        return !t.apply()[n]; // a copy
      }
    };
  }

  @Override
  Masks transformMasks(LayerBatch batch, Drawn t) {
    float[] src = batch.masks();
    return new Masks(warp(src, batch, batch.maskChannels(), t, Interpolation.NEAREST, new float[src.length]),
        batch.maskChannels());
  }

  private float[] warp(float[] src, LayerBatch batch, int c, Drawn t, Interpolation interp, float[] into) {
    int h = batch.height();
    int w = batch.width();
    float[] out = ProjectiveTransform.applyInto(src, batch.size(), h, w, c, t.matrix(), h, w, interp.kernel(),
        ProjectiveTransform.FillMode.CONSTANT, fillValue, BatchParallel.threads(), into);
    int per = h * w * c;
    for (int i = 0; i < batch.size(); i++) {
      if (!t.apply()[i]) {
        System.arraycopy(src, i * per, out, i * per, per);
      }
    }
    return out;
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, Drawn t) {
    BoundingBoxes in = batch.boxes();
    BoxFormat format = BoxFormat.of(boundingBoxFormat);
    float h = batch.height();
    float w = batch.width();
    float[] b = in.boxes().clone();
    int[] labels = in.labels().clone();
    int m = in.maxBoxes();
    float[] xs = new float[4];
    float[] ys = new float[4];
    for (int n = 0; n < in.batch(); n++) {
      float[] hom = new float[9];
      System.arraycopy(t.matrix(), 8 * n, hom, 0, 8);
      hom[8] = 1;
      float[] inv = Homography.inverse(hom, 3);
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        format.toXyxy(b, o, h, w);
        if (t.apply()[n]) {
          float x0 = b[o];
          float y0 = b[o + 1];
          float x1 = b[o + 2];
          float y1 = b[o + 3];
          corner(inv, x0, y0, xs, ys, 0);
          corner(inv, x1, y1, xs, ys, 1);
          corner(inv, x0, y1, xs, ys, 2);
          corner(inv, x1, y0, xs, ys, 3);
          b[o] = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
          b[o + 1] = Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
          b[o + 2] = Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3]));
          b[o + 3] = Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]));
        }
        b[o] = clip(b[o], w);
        b[o + 1] = clip(b[o + 1], h);
        b[o + 2] = clip(b[o + 2], w);
        b[o + 3] = clip(b[o + 3], h);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  /** One point through the inverse homography: TF's matmul (fused multiply-adds), then the division. */
  private static void corner(float[] inv, float x, float y, float[] xs, float[] ys, int i) {
    float u = Math.fma(inv[2], 1f, Math.fma(inv[1], y, inv[0] * x));
    float v = Math.fma(inv[5], 1f, Math.fma(inv[4], y, inv[3] * x));
    float z = Math.fma(inv[8], 1f, Math.fma(inv[7], y, inv[6] * x));
    xs[i] = u / z;
    ys[i] = v / z;
  }

  private static float clip(float v, float hi) {
    return Math.min(Math.max(v, 0f), hi);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomPerspective does not take and values Keras rejects
   */
  public static RandomPerspective fromConfig(LayerConfig config) {
    config.checkKeys("factor", "scale", "interpolation", "fill_value", "seed", "data_format", "bounding_box_format");
    Builder b = builder();
    config.applyFactor("factor", b::factor, b::factor);
    b.scale(config.getDouble("scale", 1.0));
    String interpolation = config.getString("interpolation", "bilinear");
    if (!interpolation.equals("nearest") && !interpolation.equals("bilinear")) {
      throw new IllegalArgumentException("RandomPerspective config key 'interpolation': Unknown `interpolation` "
          + interpolation + ". Expected of one ('nearest', 'bilinear').");
    }
    b.interpolation(Interpolation.fromKeras(interpolation));
    b.fillValue(config.getDouble("fill_value", 0));
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomPerspective}. */
  public static final class Builder extends LayerBuilder<RandomPerspective, Builder> {
    private double[] factor = {0.0, 1.0};
    private boolean factorSet;
    private double scale = 1.0;
    private boolean scaleSet;
    private final SetOnce<Interpolation> interpolation = new SetOnce<>("interpolation", Interpolation.BILINEAR);
    private final FillValue fillValue = new FillValue();

    private Builder() {}

    /**
     * The probability bound, as Keras' {@code factor=f}: per image a probability uniform in {@code [0, f]}
     * (default 1.0).
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder factor(double factor) {
      requireUnset(factorSet, "factor", java.util.Arrays.toString(this.factor));
      if (!(factor >= 0 && factor <= 1)) {
        throw new IllegalArgumentException(FACTOR_ERROR + Python.repr(factor));
      }
      this.factor = new double[] {Math.max(-Math.abs(factor), 0), Math.abs(factor)};
      this.factorSet = true;
      return this;
    }

    /**
     * The probability range, as Keras' {@code factor=(lower, upper)}.
     *
     * @param lower one bound
     * @param upper the other bound
     * @return this builder
     */
    public Builder factor(double lower, double upper) {
      requireUnset(factorSet, "factor", java.util.Arrays.toString(this.factor));
      if (!(lower <= 1 && upper >= 0)) {
        throw new IllegalArgumentException(FACTOR_ERROR + "(" + Python.repr(lower) + ", " + Python.repr(upper) + ")");
      }
      this.factor = new double[] {Math.min(lower, upper), Math.max(lower, upper)};
      this.factorSet = true;
      return this;
    }

    /**
     * How far the corners move, as Keras' {@code scale} (default 1.0): offsets in {@code [-scale/2, scale/2)}
     * of the corner coordinates.
     *
     * @param scale in [0, 1]
     * @return this builder
     */
    public Builder scale(double scale) {
      requireUnset(scaleSet, "scale", this.scale);
      if (!(scale >= 0 && scale <= 1)) {
        throw new IllegalArgumentException(
            "The `scale` argument should be a number in the range [0,1]. Received: scale=" + Python.repr(scale));
      }
      this.scale = scale;
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
     * The value outside the warped image, as Keras' {@code fill_value} (default 0).
     *
     * @param fillValue the value
     * @return this builder
     */
    public Builder fillValue(double fillValue) {
      this.fillValue.set(fillValue);
      return this;
    }

    @Override
    public RandomPerspective build() {
      return new RandomPerspective(this);
    }
  }
}
