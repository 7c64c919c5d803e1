package dev.tuna.augment.layers;

import dev.tuna.augment.DataFormat;

/**
 * {@code keras.layers.AutoContrast(value_range=(0, 255))}: on the 0–255 scale each image is stretched to
 * {@code clip(x · s - low · s, 0, 255)} with {@code s = 255 / (high - low)}, {@code low} and {@code high} its minimum
 * and maximum over Keras' axes (1, 2): per channel for channels_last, and (as Keras reduces the same axes whatever
 * the data format) per column over channels and rows for channels_first. Values that come out NaN (a constant
 * channel) keep their input. Not random, and applied in inference mode too, as Keras. Labels, masks and boxes pass
 * through.
 *
 * <p>{@code value_range}: the bounds are sorted, as Keras sorts them.
 */
public final class AutoContrast extends BaseLayer<Void> {
  private final ValueRange valueRange;

  private AutoContrast(Builder b) {
    super(b);
    this.valueRange = b.valueRange;
  }

  /**
   * A builder with Keras' default value range (0, 255).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Keras' AutoContrast has no seed generator: building it draws no default seed. */
  static int seedDraws(LayerConfig config) {
    return 0;
  }

  /** Keras' AutoContrast ignores {@code training}: it transforms in inference mode too. */
  @Override
  LayerBatch inference(LayerBatch batch, Void t) {
    return transform(batch, t);
  }

  @Override
  Void randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    return null;
  }

  @Override
  float[] transformImages(LayerBatch batch, Void unused) {
    float[] in = batch.images();
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    float[] x = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      x[i] = valueRange.to255(in[i]);
    }
    boolean perColumn = dataFormat == DataFormat.CHANNELS_FIRST;
    int groups = perColumn ? w : c;
    float[] lo = new float[n * groups];
    float[] hi = new float[n * groups];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (int s = 0; s < n; s++) {
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          for (int k = 0; k < c; k++) {
            float v = x[((s * h + y) * w + xx) * c + k];
            int g = s * groups + (perColumn ? xx : k);
            lo[g] = min(lo[g], v);
            hi[g] = max(hi[g], v);
          }
        }
      }
    }
    float[] out = new float[in.length];
    for (int s = 0; s < n; s++) {
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          for (int k = 0; k < c; k++) {
            int p = ((s * h + y) * w + xx) * c + k;
            int g = s * groups + (perColumn ? xx : k);
            float scale = 255.0f / (hi[g] - lo[g]);
            float offset = -lo[g] * scale;
            float r = Math.min(Math.max(x[p] * scale + offset, 0f), 255f);
            r = valueRange.from255(r);
            out[p] = Float.isNaN(r) ? in[p] : r;
          }
        }
      }
    }
    return out;
  }

  /** TF's {@code reduce_min}, which propagates NaN. */
  private static float min(float a, float b) {
    return Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
  }

  private static float max(float a, float b) {
    return Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys AutoContrast does not take and values Keras rejects
   */
  public static AutoContrast fromConfig(LayerConfig config) {
    config.checkKeys("value_range", "data_format", "bounding_box_format");
    Builder b = builder();
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link AutoContrast}; Keras' layer has no seed, so the one set here is unused. */
  public static final class Builder extends ValueRangeBuilder<AutoContrast, Builder> {

    private Builder() {
      super(Bounds.SORTED);
    }

    @Override
    public AutoContrast build() {
      return new AutoContrast(this);
    }
  }
}
