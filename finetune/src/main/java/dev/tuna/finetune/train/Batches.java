package dev.tuna.finetune.train;

import dev.tuna.augment.BatchIterator;
import dev.tuna.augment.layers.LayerIterator;
import dev.tuna.core.image.ImageBatch;
import java.util.List;

/**
 * A Keras {@code Sequence}: a fixed number of batches per epoch, read by index, with an end-of-epoch hook. Labels
 * are one-hot {@code [n, classes]} or sparse class indices {@code [n]}.
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
   * Whether {@code batch(i)} returns the same images and labels every time it is called between two
   * {@link #onEpochEnd()} calls, so that evaluation may cache what the frozen blocks compute. Default false.
   *
   * @return true if batches repeat within an epoch
   */
  default boolean deterministic() {
    return false;
  }

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
      public boolean deterministic() {
        return iterator.generator().isDeterministic();
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
      public void onEpochEnd() {
        iterator.onEpochEnd();
      }
    };
  }

  /**
   * Fixed batches, in order, every epoch.
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
