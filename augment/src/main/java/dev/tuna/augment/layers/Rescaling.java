package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.DataFormat;
import java.util.Arrays;

/**
 * {@code keras.layers.Rescaling(scale, offset=0.0)}: every pixel becomes {@code x × scale + offset} in float32
 * (two roundings, as TF evaluates it), in training and in inference alike; {@code scale} is one number or one per
 * channel. Labels, masks and boxes pass through. Not random: it has no seed.
 */
public final class Rescaling implements AugmentationLayer {
  private final float[] scale;
  private final float offset;

  private Rescaling(Builder b) {
    this.scale = b.scale;
    this.offset = b.offset;
  }

  /**
   * A builder for {@code Rescaling(scale)}.
   *
   * @param scale the factor, e.g. {@code 1 / 255.0}
   * @return the builder
   */
  public static Builder builder(double scale) {
    requireArgument(Double.isFinite(scale), "scale must be finite but was %s", scale);
    return new Builder(new float[] {(float) scale});
  }

  /**
   * A builder for {@code Rescaling([s0, s1, ...])}: one factor per channel.
   *
   * @param scale the factors, one per channel
   * @return the builder
   */
  public static Builder builder(double[] scale) {
    requireNonNull("scale", scale);
    requireArgument(scale.length > 0, "scale must hold at least one value");
    float[] s = new float[scale.length];
    for (int i = 0; i < s.length; i++) {
      requireArgument(Double.isFinite(scale[i]), "scale must be finite but was %s", Arrays.toString(scale));
      s[i] = (float) scale[i];
    }
    return new Builder(s);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys Rescaling does not take and values Keras rejects
   */
  public static Rescaling fromConfig(LayerConfig config) {
    config.checkKeys("scale", "offset");
    if (!config.has("scale")) {
      config.require("scale");
    }
    double[] scale = config.getNumberOrList("scale");
    Builder b = config.get("scale") instanceof Number ? builder(scale[0]) : builder(scale);
    if (config.has("offset")) {
      b.offset(config.getDouble("offset", 0));
    }
    return b.build();
  }

  @Override
  public String className() {
    return "Rescaling";
  }

  /**
   * Rescales; {@code training} makes no difference.
   *
   * @param batch the images and targets
   * @param training ignored
   * @return the batch with rescaled images
   * @throws IllegalArgumentException when a per-channel scale does not match the channel count
   */
  @Override
  public LayerBatch apply(LayerBatch batch, boolean training) {
    int c = batch.channels();
    requireArgument(scale.length == 1 || scale.length == c,
        "Rescaling has %d scale values but the images have %d channels", scale.length, c);
    float[] in = batch.images();
    float[] out = new float[in.length];
    int hw = batch.height() * batch.width();
    boolean cf = batch.dataFormat() == DataFormat.CHANNELS_FIRST;
    for (int i = 0; i < in.length; i++) {
      float s = scale.length == 1 ? scale[0] : scale[cf ? (i / hw) % c : i % c];
      float v = in[i] * s;
      out[i] = v + offset;
    }
    return batch.withImages(out, c);
  }

  @Override
  public String toString() {
    return "Rescaling[scale=" + Arrays.toString(scale) + ", offset=" + offset + "]";
  }

  /** Builder of {@link Rescaling}. */
  public static final class Builder {
    private final float[] scale;
    private float offset;
    private boolean offsetSet;

    private Builder(float[] scale) {
      this.scale = scale;
    }

    /**
     * The value added after scaling, as Keras' {@code offset} (default 0).
     *
     * @param offset the offset, e.g. {@code -1}
     * @return this builder
     */
    public Builder offset(double offset) {
      requireUnset(offsetSet, "offset", this.offset);
      requireArgument(Double.isFinite(offset), "offset must be finite but was %s", offset);
      this.offset = (float) offset;
      this.offsetSet = true;
      return this;
    }

    /**
     * Builds the layer; the builder can be used again.
     *
     * @return the layer
     */
    public Rescaling build() {
      return new Rescaling(this);
    }
  }
}
