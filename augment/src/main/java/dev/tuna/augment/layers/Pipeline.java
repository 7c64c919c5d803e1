package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code keras.layers.Pipeline(layers)}: calls the layers in order, each on the previous one's output, with the
 * same training flag. Unlike {@code keras.Sequential} it passes the whole batch (images and targets) along.
 *
 * <p>In training mode the geometric layers ({@link RandomFlip}, {@link RandomRotation}, {@link RandomTranslation},
 * {@link RandomZoom}, {@link RandomShear}, {@link RandomPerspective}) before the last one write their images into
 * two arrays the pipeline keeps between calls (softly reachable, so the collector may free them), instead of a new
 * array per layer; the returned batch never holds them, and its images are the same as the layers called one by one.
 */
public final class Pipeline implements AugmentationLayer {
  private final List<AugmentationLayer> layers;
  /** The intermediate image arrays between calls; taken by a call, so concurrent calls never share them. */
  private final AtomicReference<SoftReference<Scratch>> scratch = new AtomicReference<>();

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
    if (!training || layers.size() < 2) {
      LayerBatch b = batch;
      for (AugmentationLayer layer : layers) {
        b = layer.apply(b, training);
      }
      return b;
    }
    SoftReference<Scratch> ref = scratch.getAndSet(null);
    Scratch s = ref == null ? null : ref.get();
    if (s == null) {
      s = new Scratch();
      ref = new SoftReference<>(s);
    }
    LayerBatch b = batch;
    int last = layers.size() - 1;
    for (int i = 0; i <= last; i++) {
      AugmentationLayer layer = layers.get(i);
      b = i < last && layer instanceof BaseLayer<?> base ? base.apply(b, true, s) : layer.apply(b, true);
    }
    if (s.holds(b.images())) { // a last layer that passed its input through
      b = b.withImages(b.images().clone(), b.height(), b.width(), b.channels());
    }
    scratch.set(ref);
    return b;
  }

  @Override
  public String toString() {
    return "Pipeline" + layers;
  }
}
