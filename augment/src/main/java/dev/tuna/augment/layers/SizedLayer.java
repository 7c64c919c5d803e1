package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;

/**
 * A layer whose output is always {@code height × width} ({@link Resizing}, {@link CenterCrop}, {@link RandomCrop}).
 * By default it draws nothing (the transformation is the input size) and transforms in inference mode as in
 * training, as Keras' {@code Resizing} and {@code CenterCrop} do; {@code RandomCrop} overrides both.
 */
abstract class SizedLayer extends BaseLayer<int[]> {
  final int height;
  final int width;

  SizedLayer(PreprocessingBuilder<?, ?> builder, Size size) {
    super(builder);
    this.height = size.height();
    this.width = size.width();
  }

  /**
   * The output height.
   *
   * @return the output height
   */
  public int height() {
    return height;
  }

  /**
   * The output width.
   *
   * @return the output width
   */
  public int width() {
    return width;
  }

  @Override
  int[] randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    return new int[] {batch.height(), batch.width()};
  }

  @Override
  LayerBatch inference(LayerBatch batch, int[] t) {
    return transform(batch, t);
  }

  @Override
  final int[] outputSize(LayerBatch batch, int[] t) {
    return new int[] {height, width};
  }

  /** A positive integer size from {@code key}. */
  static int size(LayerConfig config, String key) {
    config.require(key);
    int v = config.getInt(key, 0);
    if (v <= 0) {
      throw config.invalid(key, "a positive integer");
    }
    return v;
  }

  /** The target size a builder holds, both sides positive. */
  record Size(int height, int width) {
    Size {
      requireArgument(height > 0, "height must be positive but was %d", height);
      requireArgument(width > 0, "width must be positive but was %d", width);
    }
  }
}
