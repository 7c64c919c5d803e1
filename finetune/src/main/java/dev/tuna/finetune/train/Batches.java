package dev.tuna.finetune.train;

import dev.tuna.augment.BatchIterator;
import dev.tuna.augment.layers.LayerIterator;
import dev.tuna.core.image.ImageBatch;
import java.util.List;

/**
 * A Keras {@code Sequence} ({@code PyDataset}): a fixed number of batches per epoch, read by index in any order,
 * with an end-of-epoch hook. {@link FineTuner#fit} reads them in the order Keras 3's {@code fit} does (see
 * {@link FineTuner.Builder#shuffle}). Labels are one-hot {@code [n, classes]} or sparse class indices {@code [n]}.
 */
public interface Batches {
  /** {@return the number of batches per epoch} */
  int batchCount();

  /**
   * Batch {@code index} of the current epoch.
   *
   * @param index the batch index, in [0, batchCount())
   * @return the batch
   */
  ImageBatch batch(int index);

  /** Called after every epoch (reshuffles an augmenting iterator). */
  default void onEpochEnd() {}

  /**
   * Batch {@code index} as Keras' TensorFlow data adapter reads it before the first epoch of a {@code fit}, to learn
   * the output signature (the result is not trained on): {@link #batch(int)} by default; batches whose augmentation
   * layers stand for the first layers of a Keras model ({@link #of(LayerIterator)}) read the underlying iterator
   * only, as Keras reads the {@code PyDataset} without running the model.
   *
   * @param index the batch index, 0 or 1
   * @return the batch
   */
  default ImageBatch signatureBatch(int index) {
    return batch(index);
  }

  /**
   * A hint before each epoch: the order in which {@link #batch(int)} will be called, so that an iterator with
   * workers builds those batches ahead ({@link BatchIterator#expectOrder}). Does nothing by default.
   *
   * @param order the batch indices of the epoch, in reading order
   */
  default void expectOrder(int[] order) {}

  /**
   * Whether {@code batch(i)} returns the same images and labels every time it is called between two
   * {@link #onEpochEnd()} calls, so that evaluation may cache what the frozen blocks compute. Default false.
   *
   * @return true if batches repeat within an epoch
   */
  default boolean deterministic() {
    return false;
  }

  /**
   * The position of the underlying iterator, saved with a training checkpoint; null (the default) when batches
   * depend on no state.
   *
   * @return the position, or null
   */
  default BatchIterator.Position position() {
    return null;
  }

  /**
   * Restores a position returned by {@link #position()}; does nothing by default.
   *
   * @param position the position
   */
  default void restorePosition(BatchIterator.Position position) {}

  /**
   * Adapts an augment iterator ({@code flow}, {@code flowFromDirectory}): {@code get(i)} and {@code onEpochEnd()}.
   *
   * @param iterator the iterator
   * @return batches that read the iterator
   */
  static Batches of(BatchIterator iterator) {
    return new Batches() {
      @Override
      public int batchCount() {
        return iterator.batchCount();
      }

      @Override
      public ImageBatch batch(int index) {
        return iterator.get(index);
      }

      @Override
      public void onEpochEnd() {
        iterator.onEpochEnd();
      }

      @Override
      public void expectOrder(int[] order) {
        iterator.expectOrder(order);
      }

      @Override
      public boolean deterministic() {
        return iterator.generator().isDeterministic();
      }

      @Override
      public BatchIterator.Position position() {
        return iterator.position();
      }

      @Override
      public void restorePosition(BatchIterator.Position position) {
        iterator.restorePosition(position);
      }
    };
  }

  /**
   * Adapts an augment iterator whose batches then go through Keras 3 augmentation layers (training input as a
   * Keras model with those layers first sees it): {@code get(i)} and {@code onEpochEnd()}. Use it for the training
   * batches only; validation batches skip the layers, as Keras' layers do outside training.
   *
   * @param iterator the iterator with its layers
   * @return batches that read the iterator
   */
  static Batches of(LayerIterator iterator) {
    return new Batches() {
      @Override
      public int batchCount() {
        return iterator.batchCount();
      }

      @Override
      public ImageBatch batch(int index) {
        return iterator.get(index);
      }

      @Override
      public ImageBatch signatureBatch(int index) {
        return iterator.source().get(index);
      }

      @Override
      public void expectOrder(int[] order) {
        iterator.source().expectOrder(order);
      }

      @Override
      public void onEpochEnd() {
        iterator.onEpochEnd();
      }
    };
  }

  /**
   * Fixed batches (read in the order {@link FineTuner#fit} asks for them).
   *
   * @param batches the batches, not empty
   * @return batches that serve {@code batches}
   */
  static Batches of(List<ImageBatch> batches) {
    List<ImageBatch> copy = List.copyOf(batches);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("batches must not be empty");
    }
    return new Batches() {
      @Override
      public int batchCount() {
        return copy.size();
      }

      @Override
      public ImageBatch batch(int index) {
        return copy.get(index);
      }

      @Override
      public boolean deterministic() {
        return true;
      }
    };
  }
}
