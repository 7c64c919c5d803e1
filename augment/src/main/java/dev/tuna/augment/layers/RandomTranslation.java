package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomTranslation(height_factor, width_factor, fill_mode, interpolation, seed, fill_value)}:
 * per image a vertical shift uniform in {@code [lower, upper] × height} (drawn first) and a horizontal shift in
 * {@code [lower, upper] × width} pixels (a single number {@code f} gives {@code [-|f|, |f|]}), applied with TF's
 * projective-transform kernel. Masks move with nearest interpolation; boxes are shifted, clipped to the image, and
 * boxes left without area get label {@code -1}.
 */
public final class RandomTranslation extends AffineLayer<RandomTranslation.Drawn> {
  static final String FACTOR_ERROR =
      "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";
  private final double[] heightFactor;
  private final double[] widthFactor;

  private RandomTranslation(Builder b) {
    super(b);
    this.heightFactor = b.heightFactor;
    this.widthFactor = b.widthFactor;
  }

  /**
   * A builder for {@code RandomTranslation(height_factor, width_factor)}: shifts in {@code [-|f|, |f|]} of the size.
   *
   * @param heightFactor a fraction of the height, in [-1, 1]
   * @param widthFactor a fraction of the width, in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double heightFactor, double widthFactor) {
    return new Builder(symmetric(heightFactor), symmetric(widthFactor));
  }

  /**
   * A builder for {@code RandomTranslation((hLower, hUpper), (wLower, wUpper))}.
   *
   * @param heightLower one bound of the vertical shift, a fraction of the height in [-1, 1]
   * @param heightUpper the other bound
   * @param widthLower one bound of the horizontal shift, a fraction of the width in [-1, 1]
   * @param widthUpper the other bound
   * @return the builder
   */
  public static Builder builder(double heightLower, double heightUpper, double widthLower, double widthUpper) {
    return new Builder(pair(heightLower, heightUpper), pair(widthLower, widthUpper));
  }

  private static double[] symmetric(double f) {
    check(f);
    return new double[] {-Math.abs(f), Math.abs(f)};
  }

  private static double[] pair(double a, double b) {
    check(a);
    check(b);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }

  private static void check(double f) {
    if (!(f >= -1.0 && f <= 1.0)) {
      throw new IllegalArgumentException(FACTOR_ERROR + "Received: input_number=" + Python.repr(f));
    }
  }

  /**
   * The sorted height factor bounds.
   *
   * @return {@code {lower, upper}}
   */
  public double[] heightFactor() {
    return heightFactor.clone();
  }

  /**
   * The sorted width factor bounds.
   *
   * @return {@code {lower, upper}}
   */
  public double[] widthFactor() {
    return widthFactor.clone();
  }

  /** The drawn shifts in pixels and their transforms. */
  record Drawn(float[] dx, float[] dy, float[] matrix) implements AffineLayer.Drawn {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] dy = KerasRandom.uniform(n, (float) heightFactor[0], (float) heightFactor[1], gen);
    float[] dx = KerasRandom.uniform(n, (float) widthFactor[0], (float) widthFactor[1], gen);
    float h = batch.height();
    float w = batch.width();
    float[] m = new float[8 * n];
    for (int i = 0; i < n; i++) {
      dy[i] *= h;
      dx[i] *= w;
      m[8 * i] = 1;
      m[8 * i + 2] = -dx[i];
      m[8 * i + 4] = 1;
      m[8 * i + 5] = -dy[i];
    }
    return new Drawn(dx, dy, m);
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
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        format.toXyxy(b, o, h, w);
        b[o] = clip(b[o] - -t.dx()[n], w);
        b[o + 1] = clip(b[o + 1] - -t.dy()[n], h);
        b[o + 2] = clip(b[o + 2] - -t.dx()[n], w);
        b[o + 3] = clip(b[o + 3] - -t.dy()[n], h);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
        format.fromXyxy(b, o, h, w);
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  private static float clip(float v, float hi) {
    return Math.max(Math.min(v, hi), 0f);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomTranslation does not take and values Keras rejects
   */
  public static RandomTranslation fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withAffine("height_factor", "width_factor"));
    double[] h = config.requireFactor("height_factor");
    double[] w = config.requireFactor("width_factor");
    Builder b = h.length == 1 && w.length == 1 ? builder(h[0], w[0])
        : builder(lower(h), upper(h), lower(w), upper(w));
    return config.applyAffine(b).build();
  }

  private static double lower(double[] f) {
    return f.length == 1 ? -Math.abs(f[0]) : f[0];
  }

  private static double upper(double[] f) {
    return f.length == 1 ? Math.abs(f[0]) : f[1];
  }

  /** Builder of {@link RandomTranslation}. */
  public static final class Builder extends AffineBuilder<RandomTranslation, Builder> {
    private final double[] heightFactor;
    private final double[] widthFactor;

    private Builder(double[] heightFactor, double[] widthFactor) {
      this.heightFactor = heightFactor;
      this.widthFactor = widthFactor;
    }

    @Override
    public RandomTranslation build() {
      return new RandomTranslation(this);
    }
  }
}
