package dev.tuna.augment.layers;

import dev.tuna.augment.DataFormat;
import java.util.Locale;

/**
 * Keras' {@code BaseImagePreprocessingLayer.call}: draw the transformation, then transform images, bounding boxes,
 * labels and segmentation masks in that order.
 *
 * @param <T> the drawn transformation
 */
abstract class BaseLayer<T> implements AugmentationLayer {
  final long seed;
  final SeedGenerator generator;
  final String boundingBoxFormat;
  final DataFormat dataFormat;
  /** Whether the seed was drawn because none was given (Keras' {@code seed=None}). */
  final boolean seedDrawn;

  BaseLayer(LayerBuilder<?, ?> builder) {
    this.seedDrawn = !builder.seedSet();
    this.seed = builder.seedOrFresh();
    this.generator = SeedGenerator.of(seed);
    this.boundingBoxFormat = builder.boundingBoxFormat;
    this.dataFormat = builder.dataFormat;
  }

  /**
   * The seed this layer's stream started from (drawn when none was set).
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  @Override
  public String className() {
    return getClass().getSimpleName();
  }

  /** Draws the transformation for {@code batch} from {@code gen} (or nothing where Keras draws nothing). */
  abstract T randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen);

  /** The transformed images (training mode). */
  abstract float[] transformImages(LayerBatch batch, T t);

  /** The transformed labels (training mode); unchanged by default. */
  float[] transformLabels(LayerBatch batch, T t) {
    return batch.labels();
  }

  /** The transformed masks (training mode); unchanged by default. */
  Masks transformMasks(LayerBatch batch, T t) {
    return new Masks(batch.masks(), batch.maskChannels());
  }

  /** The transformed boxes (training mode); unchanged by default. */
  BoundingBoxes transformBoxes(LayerBatch batch, T t) {
    return batch.boxes();
  }

  /** Whether the layer transforms in inference mode too (Keras' AutoContrast ignores {@code training}). */
  boolean transformsInInference() {
    return false;
  }

  /** Rejects a target this layer cannot take, naming the layer and the target. */
  void checkTargets(LayerBatch batch) {}

  final IllegalArgumentException unsupported(String target, String why) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s cannot take %s: %s", className(), target, why));
  }

  @Override
  public final LayerBatch apply(LayerBatch batch, boolean training) {
    if (batch.dataFormat() != dataFormat) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s expects %s images but the batch is %s",
          className(), dataFormat.kerasName(), batch.dataFormat().kerasName()));
    }
    checkTargets(batch);
    if (batch.boxes() != null && boundingBoxFormat == null) {
      throw new IllegalArgumentException("You passed an input with a 'bounding_boxes' key, but you didn't specify "
          + "a bounding box format. Pass a `bounding_box_format` argument to your " + className()
          + " layer, e.g. `bounding_box_format='xyxy'`.");
    }
    // channels_first batches are transformed in NHWC order: every layer's arithmetic is per element, so the
    // result is the same; where Keras draws one value per element (RandomErasing's noise), the layer reorders it.
    LayerBatch nhwc = batch.toChannelsLast();
    T t = randomTransformation(nhwc, training, generator);
    if (!training && !transformsInInference()) {
      return batch;
    }
    LayerBatch out = transform(nhwc, t);
    return dataFormat == DataFormat.CHANNELS_FIRST ? out.toChannelsFirst() : out;
  }

  /** Applies a drawn transformation to every target of the batch. */
  final LayerBatch transform(LayerBatch batch, T t) {
    float[] images = transformImages(batch, t);
    LayerBatch out = batch.withImages(images, images.length / (batch.size() * batch.height() * batch.width()));
    if (batch.boxes() != null) {
      out = out.withBoxes(transformBoxes(batch, t));
    }
    if (batch.labels() != null) {
      out = out.withLabels(transformLabels(batch, t), batch.labelWidth());
    }
    if (batch.masks() != null) {
      Masks m = transformMasks(batch, t);
      out = out.withMasks(m.data(), m.channels());
    }
    return out;
  }

  /** Segmentation masks with their channel count. */
  record Masks(float[] data, int channels) {}

  @Override
  public String toString() {
    return className() + "[seed=" + seed + "]";
  }
}
