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

  BaseLayer(PreprocessingBuilder<?, ?> builder) {
    LayerBuilder<?, ?> random = builder instanceof LayerBuilder<?, ?> r ? r : null;
    this.seedDrawn = random != null && !random.seedSet();
    this.seed = random != null ? random.seedOrFresh() : 0;
    this.generator = SeedGenerator.of(seed);
    this.boundingBoxFormat = builder.boundingBoxFormat;
    this.dataFormat = builder.dataFormat;
  }

  /**
   * The seed this layer's stream started from (drawn when none was set; 0 for the layers without randomness,
   * {@link Resizing} and {@link CenterCrop}).
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

  /**
   * The transformed images (training mode), written into an array of {@code scratch} where the layer can (never
   * into the batch's own images); the layers without a reusing path allocate as {@link #transformImages(LayerBatch,
   * Object)} does.
   */
  float[] transformImages(LayerBatch batch, T t, Scratch scratch) {
    return transformImages(batch, t);
  }

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

  /** Rejects a target this layer cannot take, naming the layer and the target. */
  void checkTargets(LayerBatch batch) {}

  final IllegalArgumentException unsupported(String target, String why) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s cannot take %s: %s", className(), target, why));
  }

  /**
   * Rejects integer labels in a layer that mixes labels, with the error Keras 3.15.1 gets from TensorFlow there
   * ({@code Mul} of the float32 mix weights and an integer tensor).
   */
  final void requireFloatLabels(LayerBatch batch) {
    if (batch.integerLabelType() != null) {
      String dtype = LayerBatch.dtypeName(batch.integerLabelType());
      throw unsupported(dtype + " labels", "cannot compute Mul as input #1(zero-based) was expected to be a float "
          + "tensor but is a " + dtype + " tensor [Op:Mul] (Keras mixes labels as floats: give one-hot float32 "
          + "labels)");
    }
  }

  @Override
  public final LayerBatch apply(LayerBatch batch, boolean training) {
    return apply(batch, training, null);
  }

  /**
   * {@link #apply(LayerBatch, boolean)} with the output images in {@code scratch} where the layer can ({@link
   * Pipeline}'s intermediate batches); null allocates.
   */
  final LayerBatch apply(LayerBatch batch, boolean training, Scratch scratch) {
    check(batch);
    // channels_first batches are transformed in NHWC order: every layer's arithmetic is per element, so the
    // result is the same; where Keras draws one value per element (RandomErasing's noise), the layer reorders it.
    LayerBatch nhwc = batch.toChannelsLast();
    T t = randomTransformation(nhwc, training, generator);
    LayerBatch out;
    if (!training) {
      out = inference(nhwc, t);
      if (out == null) {
        return batch;
      }
    } else {
      out = transform(nhwc, t, scratch);
    }
    return dataFormat == DataFormat.CHANNELS_FIRST ? out.toChannelsFirst() : out;
  }

  /** Rejects a batch of the other data format or with a target this layer cannot take. */
  private void check(LayerBatch batch) {
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
  }

  /**
   * Whether this layer transforms the images of {@code batch} image by image ({@link #imageStep}), keeping their
   * height, width and channels: then {@link Pipeline} may chain it per image with its neighbours. False by default.
   */
  boolean stepsImages(LayerBatch batch) {
    return false;
  }

  /**
   * The per-image form of {@link #transformImages(LayerBatch, Object)} for the layers whose {@link #stepsImages}
   * is true.
   */
  ImageStep imageStep(LayerBatch batch, T t) {
    throw new UnsupportedOperationException(className() + " has no per-image step");
  }

  /**
   * A training-mode call whose images are left to the caller ({@link Pipeline}'s per-image chain): checks the
   * batch, draws the transformation, transforms every target (the returned batch still holds the input images)
   * and returns the per-image step. Only for channels_last layers whose {@link #stepsImages} is true.
   */
  final Stepped step(LayerBatch batch) {
    check(batch);
    T t = randomTransformation(batch, true, generator);
    int[] hw = {batch.height(), batch.width()};
    return new Stepped(imageStep(batch, t), withTargets(batch, t, batch.images(), hw, batch.channels()));
  }

  /** A drawn per-image step and the batch with its targets transformed (and the input images). */
  record Stepped(ImageStep step, LayerBatch targets) {}

  /**
   * The NHWC batch in inference mode ({@code training=False}), or null for the input unchanged (the default);
   * layers that Keras applies in both modes ({@code Resizing}, {@code CenterCrop}, {@code AutoContrast}) transform
   * here too.
   */
  LayerBatch inference(LayerBatch batch, T t) {
    return null;
  }

  /**
   * The output height and width of the drawn transformation; the input's by default.
   */
  int[] outputSize(LayerBatch batch, T t) {
    return new int[] {batch.height(), batch.width()};
  }

  /** Applies a drawn transformation to every target of the batch. */
  final LayerBatch transform(LayerBatch batch, T t) {
    return transform(batch, t, null);
  }

  /** Applies a drawn transformation to every target of the batch, the images into {@code scratch} if not null. */
  final LayerBatch transform(LayerBatch batch, T t, Scratch scratch) {
    int[] hw = outputSize(batch, t);
    float[] images = scratch == null ? transformImages(batch, t) : transformImages(batch, t, scratch);
    return withTargets(batch, t, images, hw, images.length / (batch.size() * hw[0] * hw[1]));
  }

  /** {@code images} with every target of the batch transformed. */
  private LayerBatch withTargets(LayerBatch batch, T t, float[] images, int[] hw, int channels) {
    LayerBatch out;
    if (batch.masks() != null) {
      Masks m = transformMasks(batch, t);
      out = batch.withImagesAndMasks(images, hw[0], hw[1], channels, m.data(), m.channels());
    } else {
      out = batch.withImages(images, hw[0], hw[1], channels);
    }
    if (batch.boxes() != null) {
      out = out.withBoxes(transformBoxes(batch, t));
    }
    if (batch.labels() != null) {
      float[] labels = transformLabels(batch, t);
      if (labels != batch.labels()) { // labels passed through keep their type
        out = out.withLabels(labels, batch.labelWidth());
      }
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
