package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.BatchIterator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A {@code flow} or {@code flowFromDirectory} iterator whose batches then go through Keras 3 augmentation layers,
 * as a Keras model whose first layers are those layers sees them during {@code fit}: each batch the iterator
 * returns ({@link #nextBatch()}, {@link #next()} or {@link #get(int)}) is passed to the layers in training mode, in
 * the order the batches are asked for, so the layers' seed streams advance once per batch as in Keras.
 *
 * <p>Labels travel with the images (MixUp and CutMix mix them; 1-D labels such as sparse class ids are passed as
 * one column); sample weights and indices are kept. NCHW batches need layers built with
 * {@code dataFormat(CHANNELS_FIRST)}. Thread-safe: calls are serialised, as the seed streams require.
 */
public final class LayerIterator implements Iterator<ImageBatch>, AutoCloseable {
  private final BatchIterator source;
  private final AugmentationLayer layers;

  private LayerIterator(BatchIterator source, AugmentationLayer layers) {
    this.source = source;
    this.layers = layers;
  }

  /**
   * The batches of {@code source}, each then passed through {@code layers}.
   *
   * @param source the iterator (closed with this one)
   * @param layers the layers, e.g. a {@link Pipeline}
   * @return the iterator
   */
  public static LayerIterator of(BatchIterator source, AugmentationLayer layers) {
    return new LayerIterator(requireNonNull("source", source), requireNonNull("layers", layers));
  }

  /**
   * Passes one batch through {@code layers} in training mode, as a Keras model's first layers see it.
   *
   * @param layers the layers
   * @param batch the batch
   * @return a new batch with the transformed images (and labels), the same sample weights and indices
   * @throws IllegalArgumentException when a layer cannot take the batch
   */
  public static ImageBatch apply(AugmentationLayer layers, ImageBatch batch) {
    requireNonNull("layers", layers);
    requireNonNull("batch", batch);
    boolean cf = batch.layout() == ImageLayout.NCHW;
    LayerBatch in = cf ? LayerBatch.ofChannelsFirst(batch.images(), batch.size(), batch.channels(), batch.height(),
        batch.width()) : LayerBatch.of(batch.images(), batch.size(), batch.height(), batch.width(), batch.channels());
    int[] labelShape = batch.labelShape();
    if (batch.labels() != null) {
      int width = batch.labels().length / batch.size();
      in = in.withLabels(batch.labels(), width);
    }
    LayerBatch out = layers.apply(in);
    int[] outShape = labelShape;
    if (out.labels() != null && out.labelWidth() * out.size() != batch.labels().length) {
      outShape = new int[] {out.size(), out.labelWidth()};
    }
    return ImageBatch.of(batch.layout(), out.height(), out.width(), out.channels(), out.images(), out.labels(),
        outShape, batch.sampleWeights(), batch.indices());
  }

  /**
   * The iterator the batches come from.
   *
   * @return the source iterator
   */
  public BatchIterator source() {
    return source;
  }

  /**
   * The layers every batch goes through.
   *
   * @return the layers
   */
  public AugmentationLayer layers() {
    return layers;
  }

  /**
   * Batches per epoch, as the source's.
   *
   * @return the batch count
   */
  public int batchCount() {
    return source.batchCount();
  }

  /**
   * Number of samples, as the source's.
   *
   * @return the sample count
   */
  public int size() {
    return source.size();
  }

  /**
   * Whether the current epoch has a batch left, as the source's {@link BatchIterator#hasNext()}.
   *
   * @return whether {@link #next()} returns a batch
   */
  @Override
  public synchronized boolean hasNext() {
    return source.hasNext();
  }

  /**
   * The source's next batch of this epoch through the layers.
   *
   * @return the batch
   * @throws NoSuchElementException when the epoch has ended
   */
  @Override
  public synchronized ImageBatch next() {
    return apply(layers, source.next());
  }

  /**
   * The source's {@link BatchIterator#nextBatch()} (endless, Keras' {@code next(iterator)}) through the layers.
   *
   * @return the batch
   */
  public synchronized ImageBatch nextBatch() {
    return apply(layers, source.nextBatch());
  }

  /**
   * The source's random access {@link BatchIterator#get(int)} through the layers (the layers draw anew on every
   * call, as in Keras' {@code fit}).
   *
   * @param idx the batch index, in [0, batchCount())
   * @return the batch
   */
  public synchronized ImageBatch get(int idx) {
    return apply(layers, source.get(idx));
  }

  /** The source's {@link BatchIterator#onEpochEnd()}; the layers' seed streams go on. */
  public synchronized void onEpochEnd() {
    source.onEpochEnd();
  }

  /** The source's {@link BatchIterator#reset()}; the layers' seed streams go on. */
  public synchronized void reset() {
    source.reset();
  }

  /** Closes the source. */
  @Override
  public void close() {
    source.close();
  }

  @Override
  public String toString() {
    return "LayerIterator[" + layers + "]";
  }
}
