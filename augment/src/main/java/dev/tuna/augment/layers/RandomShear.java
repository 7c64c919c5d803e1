package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireState;

import java.util.Arrays;

/**
 * {@code keras.layers.RandomShear(x_factor, y_factor, interpolation, fill_mode, fill_value, seed)}: per image a
 * sign (one uniform draw, {@code > 0.5} gives {@code -1}), then a vertical shear uniform in the y factor's range
 * and a horizontal one in the x factor's range (single numbers {@code f} give {@code [-|f|, |f|]}; both default to
 * 0), both multiplied by the sign; the image is sampled at {@code (x + sx·y, y + sy·x)} with TF's
 * projective-transform kernel. Masks follow with nearest interpolation; boxes are sheared in relative coordinates
 * as Keras shears them, clipped to the image, boxes left without area get label {@code -1}.
 */
public final class RandomShear extends AffineLayer<RandomShear.Drawn> {
  static final String FACTOR_ERROR =
      "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ";
  private final double[] xFactor;
  private final double[] yFactor;

  private RandomShear(Builder b) {
    super(b);
    this.xFactor = b.xFactor;
    this.yFactor = b.yFactor;
  }

  /**
   * A builder with Keras' defaults, {@code x_factor=0.0, y_factor=0.0} (no shear until a factor is set).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
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
    if (!(f >= 0.0 && f <= 1.0)) {
      throw new IllegalArgumentException(FACTOR_ERROR + "Received: input_number=" + Python.repr(f));
    }
  }

  /** The drawn shears (sign applied) and their transforms. */
  record Drawn(float[] sx, float[] sy, float[] matrix) implements AffineLayer.Drawn {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] invert = KerasRandom.uniform(n, 0f, 1f, gen);
    float[] sy = KerasRandom.uniform(n, (float) yFactor[0], (float) yFactor[1], gen);
    float[] sx = KerasRandom.uniform(n, (float) xFactor[0], (float) xFactor[1], gen);
    float[] m = new float[8 * n];
    for (int i = 0; i < n; i++) {
      float sign = invert[i] > 0.5f ? -1f : 1f;
      sx[i] *= sign;
      sy[i] *= sign;
      m[8 * i] = 1;
      m[8 * i + 1] = sx[i];
      m[8 * i + 3] = sy[i];
      m[8 * i + 4] = 1;
    }
    return new Drawn(sx, sy, m);
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
      float sx = t.sx()[n];
      float sy = t.sy()[n];
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        format.toRelXyxy(b, o, h, w);
        float x1 = b[o];
        float y1 = b[o + 1];
        float x2 = b[o + 2];
        float y2 = b[o + 3];
        float nx1 = sx < 0 ? x1 - sx * y1 : x1 - sx * y2;
        float nx2 = sx < 0 ? x2 - sx * y2 : x2 - sx * y1;
        float ny1 = sy > 0 ? y1 - sy * nx2 : y1 - sy * nx1;
        float ny2 = sy > 0 ? y2 - sy * nx1 : y2 - sy * nx2;
        b[o] = unit(nx1);
        b[o + 1] = unit(ny1);
        b[o + 2] = unit(nx2);
        b[o + 3] = unit(ny2);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
        format.fromRelXyxy(b, o, h, w);
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  private static float unit(float v) {
    return Math.max(Math.min(v, 1f), 0f);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomShear does not take and values Keras rejects
   */
  public static RandomShear fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withAffine("x_factor", "y_factor"));
    Builder b = builder();
    config.applyFactor("x_factor", b::xFactor, b::xFactor);
    config.applyFactor("y_factor", b::yFactor, b::yFactor);
    return config.applyAffine(b).build();
  }

  /** Builder of {@link RandomShear}. */
  public static final class Builder extends AffineBuilder<RandomShear, Builder> {
    private double[] xFactor = {-0.0, 0.0};
    private boolean xFactorSet;
    private double[] yFactor = {-0.0, 0.0};
    private boolean yFactorSet;

    private Builder() {}

    /**
     * The horizontal shear, as Keras' {@code x_factor=f}: shears in {@code [-|f|, |f|]}.
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder xFactor(double factor) {
      requireState(!xFactorSet, "xFactor was already set to %s", Arrays.toString(xFactor));
      this.xFactor = symmetric(factor);
      this.xFactorSet = true;
      return this;
    }

    /**
     * The horizontal shear, as Keras' {@code x_factor=(lower, upper)}.
     *
     * @param lower one bound, in [0, 1]
     * @param upper the other bound
     * @return this builder
     */
    public Builder xFactor(double lower, double upper) {
      requireState(!xFactorSet, "xFactor was already set to %s", Arrays.toString(xFactor));
      this.xFactor = pair(lower, upper);
      this.xFactorSet = true;
      return this;
    }

    /**
     * The vertical shear, as Keras' {@code y_factor=f}: shears in {@code [-|f|, |f|]}.
     *
     * @param factor in [0, 1]
     * @return this builder
     */
    public Builder yFactor(double factor) {
      requireState(!yFactorSet, "yFactor was already set to %s", Arrays.toString(yFactor));
      this.yFactor = symmetric(factor);
      this.yFactorSet = true;
      return this;
    }

    /**
     * The vertical shear, as Keras' {@code y_factor=(lower, upper)}.
     *
     * @param lower one bound, in [0, 1]
     * @param upper the other bound
     * @return this builder
     */
    public Builder yFactor(double lower, double upper) {
      requireState(!yFactorSet, "yFactor was already set to %s", Arrays.toString(yFactor));
      this.yFactor = pair(lower, upper);
      this.yFactorSet = true;
      return this;
    }

    @Override
    public RandomShear build() {
      return new RandomShear(this);
    }
  }
}
