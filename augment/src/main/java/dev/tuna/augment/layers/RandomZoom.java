package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireState;

/**
 * {@code keras.layers.RandomZoom(height_factor, width_factor=None, fill_mode, interpolation, seed, fill_value)}:
 * per image a vertical zoom {@code zy} uniform in {@code [1 + lower, 1 + upper]} and, with a width factor, a
 * horizontal zoom {@code zx} drawn next (else {@code zx = zy}); the image is sampled at {@code z × (x - c) + c}
 * about its centre {@code c}, so a positive factor zooms out (Keras' convention). Masks follow with nearest
 * interpolation; boxes are cut to the sampled window and rescaled to the image as Keras does, boxes left
 * without area get label {@code -1}.
 */
public final class RandomZoom extends AffineLayer<RandomZoom.Drawn> {
  static final String FACTOR_ERROR = "The `height_factor` and `width_factor` arguments should be a number (or a "
      + "list of two numbers) in the range (-1.0, 1.0]. ";
  private final double[] heightFactor;
  private final double[] widthFactor;

  private RandomZoom(Builder b) {
    super(b);
    this.heightFactor = b.heightFactor;
    this.widthFactor = b.widthFactor;
  }

  /**
   * A builder for {@code RandomZoom(height_factor)}: zooms in {@code [1 - |f|, 1 + |f|]}.
   *
   * @param heightFactor in (-1, 1]
   * @return the builder
   */
  public static Builder builder(double heightFactor) {
    return new Builder(symmetric(heightFactor));
  }

  /**
   * A builder for {@code RandomZoom((lower, upper))}: zooms in {@code [1 + lower, 1 + upper]}.
   *
   * @param lower one bound, in (-1, 1]
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(pair(lower, upper));
  }

  static double[] symmetric(double f) {
    check(f);
    return new double[] {-Math.abs(f), Math.abs(f)};
  }

  static double[] pair(double a, double b) {
    check(a);
    check(b);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }

  private static void check(double f) {
    if (!(f > -1.0 && f <= 1.0)) {
      throw new IllegalArgumentException(FACTOR_ERROR + "Received: input_number=" + Python.repr(f));
    }
  }

  /** The drawn zooms and their transforms. */
  record Drawn(float[] zx, float[] zy, float[] matrix) implements AffineLayer.Drawn {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] zy = KerasRandom.uniform(n, (float) (1.0 + heightFactor[0]), (float) (1.0 + heightFactor[1]), gen);
    float[] zx = widthFactor == null ? zy
        : KerasRandom.uniform(n, (float) (1.0 + widthFactor[0]), (float) (1.0 + widthFactor[1]), gen);
    float hc = ((float) batch.height() - 1f) / 2f;
    float wc = ((float) batch.width() - 1f) / 2f;
    float[] m = new float[8 * n];
    for (int i = 0; i < n; i++) {
      m[8 * i] = zx[i];
      m[8 * i + 2] = wc * (1f - zx[i]);
      m[8 * i + 4] = zy[i];
      m[8 * i + 5] = hc * (1f - zy[i]);
    }
    return new Drawn(zx, zy, m);
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
    for (int n = 0; n < in.batch(); n++) {
      float[] mat = t.matrix();
      float wStart = mat[8 * n + 2];
      float hStart = mat[8 * n + 5];
      float wEnd = t.zx()[n] * w + wStart;
      float hEnd = t.zy()[n] * h + hStart;
      float tw = wEnd - wStart;
      float th = hEnd - hStart;
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        format.toXyxy(b, o, h, w);
        // cut to the window, relative to the window, clipped to [0, 1]
        b[o] = unit((clip(b[o], wStart, wEnd) - wStart) / tw);
        b[o + 1] = unit((clip(b[o + 1], hStart, hEnd) - hStart) / th);
        b[o + 2] = unit((clip(b[o + 2], wStart, wEnd) - wStart) / tw);
        b[o + 3] = unit((clip(b[o + 3], hStart, hEnd) - hStart) / th);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
        format.fromRelXyxy(b, o, h, w);
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  private static float clip(float v, float lo, float hi) {
    return Math.max(Math.min(v, hi), lo);
  }

  private static float unit(float v) {
    return Math.max(Math.min(v, 1f), 0f);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomZoom does not take and values Keras rejects
   */
  public static RandomZoom fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withAffine("height_factor", "width_factor"));
    double[] h = config.requireFactor("height_factor");
    Builder b = h.length == 1 ? builder(h[0]) : builder(h[0], h[1]);
    config.applyFactor("width_factor", b::widthFactor, b::widthFactor);
    return config.applyAffine(b).build();
  }

  /** Builder of {@link RandomZoom}. */
  public static final class Builder extends AffineBuilder<RandomZoom, Builder> {
    private final double[] heightFactor;
    private double[] widthFactor;

    private Builder(double[] heightFactor) {
      this.heightFactor = heightFactor;
    }

    /**
     * A separate horizontal zoom, as Keras' {@code width_factor=f}: zooms in {@code [1 - |f|, 1 + |f|]}, drawn
     * after the vertical ones (without it the horizontal zoom equals the vertical one).
     *
     * @param widthFactor in (-1, 1]
     * @return this builder
     */
    public Builder widthFactor(double widthFactor) {
      requireState(this.widthFactor == null, "widthFactor was already set to %s",
          java.util.Arrays.toString(this.widthFactor));
      this.widthFactor = symmetric(widthFactor);
      return this;
    }

    /**
     * A separate horizontal zoom, as Keras' {@code width_factor=(lower, upper)}.
     *
     * @param lower one bound, in (-1, 1]
     * @param upper the other bound
     * @return this builder
     */
    public Builder widthFactor(double lower, double upper) {
      requireState(this.widthFactor == null, "widthFactor was already set to %s",
          java.util.Arrays.toString(this.widthFactor));
      this.widthFactor = pair(lower, upper);
      return this;
    }

    @Override
    public RandomZoom build() {
      return new RandomZoom(this);
    }
  }
}
