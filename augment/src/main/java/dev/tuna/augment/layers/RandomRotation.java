package dev.tuna.augment.layers;

/**
 * {@code keras.layers.RandomRotation(factor, fill_mode, interpolation, seed, fill_value)}: per image an angle
 * uniform in {@code [lower × 360°, upper × 360°]} (a single number {@code f} gives {@code [-|f|, |f|]}, positive
 * counter-clockwise), the image rotated about its centre with TF's projective-transform kernel. Masks rotate with
 * nearest interpolation; boxes are rotated as Keras rotates them (the rotated corners' bounding box, clipped to the
 * image, boxes left without area get label {@code -1}).
 */
public final class RandomRotation extends AffineLayer<RandomRotation.Drawn> {
  private final double[] factor;

  private RandomRotation(Builder b) {
    super(b);
    this.factor = b.factor;
  }

  /**
   * A builder for {@code RandomRotation(factor)}: angles in {@code [-|factor|, |factor|] × 360°}.
   *
   * @param factor a fraction of a full turn, in [-1, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, -1, 1));
  }

  /**
   * A builder for {@code RandomRotation((lower, upper))}: angles in {@code [lower, upper] × 360°}.
   *
   * @param lower one bound, a fraction of a full turn
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, -1, 1));
  }

  /**
   * The sorted factor bounds.
   *
   * @return {@code {lower, upper}}
   */
  public double[] factor() {
    return factor.clone();
  }

  /** The drawn angles (degrees) and their transforms. */
  record Drawn(float[] angle, float[] matrix) implements AffineLayer.Drawn {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    int n = batch.size();
    float[] angle = KerasRandom.uniform(n, (float) (factor[0] * 360.0), (float) (factor[1] * 360.0), gen);
    float[] zeros = new float[n];
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1f);
    return new Drawn(angle, affineMatrix(angle, zeros, zeros, ones, zeros, zeros, batch.height(), batch.width()));
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, Drawn t) {
    int n = batch.size();
    float[] zeros = new float[n];
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1f);
    return affineBoxes(batch.boxes(), boundingBoxFormat, t.angle(), zeros, zeros, ones, zeros, zeros,
        batch.height(), batch.width());
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomRotation does not take and values Keras rejects
   */
  public static RandomRotation fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withAffine("factor"));
    double[] f = config.requireFactor("factor");
    return config.applyAffine(f.length == 1 ? builder(f[0]) : builder(f[0], f[1])).build();
  }

  /** Builder of {@link RandomRotation}. */
  public static final class Builder extends AffineBuilder<RandomRotation, Builder> {
    private final double[] factor;

    private Builder(double[] factor) {
      this.factor = factor;
    }

    @Override
    public RandomRotation build() {
      return new RandomRotation(this);
    }
  }
}
