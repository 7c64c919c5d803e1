package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import java.util.List;

/**
 * {@code keras.layers.Pipeline(layers)}: calls the layers in order, each on the previous one's output, with the
 * same training flag. Unlike {@code keras.Sequential} it passes the whole batch (images and targets) along.
 */
public final class Pipeline implements AugmentationLayer {
  private final List<AugmentationLayer> layers;

  private Pipeline(List<AugmentationLayer> layers) {
    this.layers = layers;
  }

  /**
   * A pipeline of {@code layers}, applied first to last.
   *
   * @param layers the layers
   * @return the pipeline
   */
  public static Pipeline of(AugmentationLayer... layers) {
    requireNonNull("layers", layers);
    for (AugmentationLayer l : layers) {
      requireNonNull("layer", l);
    }
    return new Pipeline(List.of(layers));
  }

  /**
   * A pipeline of {@code layers}, applied first to last.
   *
   * @param layers the layers
   * @return the pipeline
   */
  public static Pipeline of(List<? extends AugmentationLayer> layers) {
    return of(requireNonNull("layers", layers).toArray(new AugmentationLayer[0]));
  }

  /**
   * The layer of a Keras {@code get_config()} dict ({@code {"layers": [{"class_name", "config", …}, …]}}), each layer found by {@link LayerSpec}.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys Pipeline does not take and values Keras rejects
   */
  public static Pipeline fromConfig(LayerConfig config) {
    config.checkKeys("layers");
    List<Object> layers = config.getList("layers");
    if (layers == null) {
      config.require("layers");
    }
    return of(LayerSpec.layers(layers));
  }

  /**
   * The layers, first to last.
   *
   * @return the layers, first to last
   */
  public List<AugmentationLayer> layers() {
    return layers;
  }

  @Override
  public String className() {
    return "Pipeline";
  }

  @Override
  public LayerBatch apply(LayerBatch batch, boolean training) {
    LayerBatch b = batch;
    for (AugmentationLayer layer : layers) {
      b = layer.apply(b, training);
    }
    return b;
  }

  @Override
  public String toString() {
    return "Pipeline" + layers;
  }
}
