package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.layers.internal.BatchParallel;
import dev.tuna.augment.layers.internal.ImageFlip;

/**
 * {@code keras.layers.RandomFlip(mode, seed)}: per image one draw {@code uniform() <= 0.5} decides; with
 * {@code HORIZONTAL_AND_VERTICAL} that single draw flips both axes or neither (Keras 3.15's behaviour). Masks flip
 * with the images; boxes are flipped in relative coordinates and clipped only at 0 (Keras' clip on relative
 * coordinates against the pixel size), boxes left without area get label {@code -1}.
 */
public final class RandomFlip extends BaseLayer<boolean[]> {
  /** Keras' {@code mode}. */
  public enum Mode {
    /** {@code "horizontal"}: left-right. */
    HORIZONTAL,
    /** {@code "vertical"}: top-bottom. */
    VERTICAL,
    /** {@code "horizontal_and_vertical"} (Keras' default). */
    HORIZONTAL_AND_VERTICAL;

    boolean horizontal() {
      return this != VERTICAL;
    }

    boolean vertical() {
      return this != HORIZONTAL;
    }
  }

  private final Mode mode;

  private RandomFlip(Builder b) {
    super(b);
    this.mode = b.mode;
  }

  /**
   * A builder for Keras' default mode, {@code horizontal_and_vertical}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(Mode.HORIZONTAL_AND_VERTICAL);
  }

  /**
   * A builder for {@code RandomFlip(mode)}.
   *
   * @param mode the flip mode
   * @return the builder
   */
  public static Builder builder(Mode mode) {
    return new Builder(requireNonNull("mode", mode));
  }

  /**
   * The flip mode.
   *
   * @return the flip mode
   */
  public Mode mode() {
    return mode;
  }

  @Override
  boolean[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    float[] u = KerasRandom.uniform(batch.size(), 0f, 1f, gen);
    boolean[] flips = new boolean[u.length];
    for (int i = 0; i < u.length; i++) {
      flips[i] = u[i] <= 0.5f;
    }
    return flips;
  }

  @Override
  float[] transformImages(LayerBatch batch, boolean[] flips) {
    return transformImages(batch, flips, null);
  }

  @Override
  float[] transformImages(LayerBatch batch, boolean[] flips, Scratch scratch) {
    float[] src = batch.images();
    return flip(src, batch.channels(), batch, flips, Scratch.take(scratch, src.length, src));
  }

  @Override
  boolean stepsImages(LayerBatch batch) {
    return true;
  }

  @Override
  ImageStep imageStep(LayerBatch batch, boolean[] flips) {
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    return new ImageStep() {
      @Override
      public void apply(int n, float[] src, int srcOffset, float[] dst, int dstOffset) {
        flipImage(flips[n], src, srcOffset, dst, dstOffset, h, w, c);
      }

      @Override
      public boolean readsInOrder(int n) {
        return true; // rows in order, or bottom to top: whole rows either way
      }
    };
  }

  @Override
  Masks transformMasks(LayerBatch batch, boolean[] flips) {
    float[] src = batch.masks();
    return new Masks(flip(src, batch.maskChannels(), batch, flips, new float[src.length]), batch.maskChannels());
  }

  /** Every value of {@code out} is written. */
  private float[] flip(float[] src, int c, LayerBatch batch, boolean[] flips, float[] out) {
    int h = batch.height();
    int w = batch.width();
    int per = h * w * c;
    BatchParallel.forEach(batch.size(), BatchParallel.threads(),
        n -> flipImage(flips[n], src, n * per, out, n * per, h, w, c));
    return out;
  }

  /** One image of {@code h × w × c} values, flipped along this layer's axes when {@code flip}, else copied. */
  private void flipImage(boolean flip, float[] src, int srcOffset, float[] dst, int dstOffset, int h, int w, int c) {
    ImageFlip.flip(src, srcOffset, dst, dstOffset, h, w, c, flip && mode.horizontal(), flip && mode.vertical());
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, boolean[] flips) {
    BoundingBoxes in = batch.boxes();
    float h = batch.height();
    float w = batch.width();
    BoxFormat format = BoxFormat.of(boundingBoxFormat);
    float[] b = in.boxes().clone();
    int[] labels = in.labels().clone();
    int m = in.maxBoxes();
    for (int n = 0; n < in.batch(); n++) {
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        format.toRelXyxy(b, o, h, w);
        float x1 = b[o];
        float y1 = b[o + 1];
        float x2 = b[o + 2];
        float y2 = b[o + 3];
        if (flips[n] && mode.horizontal()) {
          float t = x1;
          x1 = 1 - x2;
          x2 = 1 - t;
        }
        if (flips[n] && mode.vertical()) {
          float t = y1;
          y1 = 1 - y2;
          y2 = 1 - t;
        }
        // Keras clips the relative boxes with the pixel bounds ("xyxy" format): effectively only at 0.
        b[o] = clip(x1, w);
        b[o + 1] = clip(y1, h);
        b[o + 2] = clip(x2, w);
        b[o + 3] = clip(y2, h);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
        format.fromRelXyxy(b, o, h, w);
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  private static float clip(float v, float hi) {
    return Math.min(Math.max(v, 0f), hi);
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomFlip does not take and values Keras rejects
   */
  public static RandomFlip fromConfig(LayerConfig config) {
    config.checkKeys("mode", "seed", "data_format", "bounding_box_format");
    String mode = config.getString("mode", "horizontal_and_vertical");
    Builder b = switch (mode) {
      case "horizontal" -> builder(Mode.HORIZONTAL);
      case "vertical" -> builder(Mode.VERTICAL);
      case "horizontal_and_vertical" -> builder(Mode.HORIZONTAL_AND_VERTICAL);
      default -> throw config.invalid("mode", "one of 'horizontal', 'vertical', 'horizontal_and_vertical'");
    };
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomFlip}. */
  public static final class Builder extends LayerBuilder<RandomFlip, Builder> {
    private final Mode mode;

    private Builder(Mode mode) {
      this.mode = mode;
    }

    @Override
    public RandomFlip build() {
      return new RandomFlip(this);
    }
  }
}
