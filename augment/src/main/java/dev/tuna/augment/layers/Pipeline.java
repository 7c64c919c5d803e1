package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.DataFormat;
import dev.tuna.augment.layers.internal.BatchParallel;
import java.lang.ref.SoftReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code keras.layers.Pipeline(layers)}: calls the layers in order, each on the previous one's output, with the
 * same training flag. Unlike {@code keras.Sequential} it passes the whole batch (images and targets) along.
 *
 * <p>In training mode consecutive geometric layers ({@link RandomFlip}, {@link RandomRotation},
 * {@link RandomTranslation}, {@link RandomZoom}, {@link RandomShear}, {@link RandomPerspective}; channels_last) run
 * image by image: each image goes through all of them while it is in the processor's cache. Intermediate images
 * go into arrays the pipeline keeps between calls (softly reachable, so the collector may free them) instead of a
 * new array per layer, and the last layer's step writes each image straight into its place in the returned batch.
 * The returned batch never holds the kept arrays, and every value is the one the layers called one by one give.
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
    int size = layers.size();
    int i = 0;
    while (i < size) {
      int j = i;
      while (j < size && stepsImages(layers.get(j), b)) {
        j++;
      }
      if (j - i >= 2) {
        b = chain(layers.subList(i, j), b, s, j == size);
        i = j;
      } else {
        AugmentationLayer layer = layers.get(i);
        b = i < size - 1 && layer instanceof BaseLayer<?> base ? base.apply(b, true, s) : layer.apply(b, true);
        i++;
      }
    }
    if (s.holds(b.images())) { // a last layer that passed its input through
      b = b.withImages(b.images().clone(), b.height(), b.width(), b.channels());
    }
    scratch.set(ref);
    return b;
  }

  private static boolean stepsImages(AugmentationLayer layer, LayerBatch batch) {
    return layer instanceof BaseLayer<?> base && base.dataFormat == DataFormat.CHANNELS_LAST
        && batch.dataFormat() == DataFormat.CHANNELS_LAST && base.stepsImages(batch);
  }

  /**
   * Consecutive layers that transform image by image, in training mode: each draws its transformation and
   * transforms the targets in turn, as when called alone; then every image goes through all of their steps while
   * it is in the cache, on the batch's threads. Each output value is the one the layers called one by one give.
   */
  private static LayerBatch chain(List<AugmentationLayer> run, LayerBatch batch, Scratch s, boolean last) {
    ImageStep[] steps = new ImageStep[run.size()];
    LayerBatch targets = batch;
    for (int k = 0; k < steps.length; k++) {
      BaseLayer.Stepped stepped = ((BaseLayer<?>) run.get(k)).step(targets);
      steps[k] = stepped.step();
      targets = stepped.targets();
    }
    float[] in = batch.images();
    int per = batch.height() * batch.width() * batch.channels();
    float[] out = last ? new float[in.length] : s.take(in.length, in);
    s.imageLength(per);
    int lastStep = steps.length - 1;
    BatchParallel.forEach(batch.size(), BatchParallel.threads(), n -> {
      // image n from the batch through the pair's two arrays (alternately) into its place in the output batch
      float[][] pair = s.takePair();
      float[] src = in;
      int srcOffset = n * per;
      if (!steps[0].readsInOrder(n)) {
        System.arraycopy(in, n * per, pair[0], 0, per);
        src = pair[0];
        srcOffset = 0;
      }
      for (int k = 0; k <= lastStep; k++) {
        float[] dst = k == lastStep ? out : src == pair[0] ? pair[1] : pair[0];
        int dstOffset = k == lastStep ? n * per : 0;
        steps[k].apply(n, src, srcOffset, dst, dstOffset);
        src = dst;
        srcOffset = dstOffset;
      }
      s.givePair(pair);
    });
    return targets.withImages(out, batch.channels());
  }

  @Override
  public String toString() {
    return "Pipeline" + layers;
  }
}
