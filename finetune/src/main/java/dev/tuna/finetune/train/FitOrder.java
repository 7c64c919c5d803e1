package dev.tuna.finetune.train;

import dev.tuna.core.internal.PythonRandom;

/**
 * The order in which Keras 3 {@code model.fit} (TensorFlow backend, {@code workers=1}, no multiprocessing: the
 * {@code PyDataset} defaults) asks a {@code PyDataset} for its batches, read from {@code py_dataset_adapter.py} and
 * {@code epoch_iterator.py} and checked against a recording of real Keras (the whole-fit fixtures):
 *
 * <ol>
 *   <li>Before the first epoch, {@code get_tf_dataset()} reads batches 0 and 1 ({@code __getitem__}, at most
 *       {@code len(dataset)} of them) to learn the output signature, and {@code epoch_iterator.reset()} then calls
 *       {@code on_epoch_end()}. For Keras' legacy iterators ({@code flow}, {@code flow_from_directory}) these two
 *       reads count in {@code total_batches_seen} (reseeding) and the first epoch uses the sample order the extra
 *       {@code on_epoch_end()} draws.
 *   <li>Each epoch, the adapter's generator takes {@code indices = list(range(len(dataset)))}, with
 *       {@code shuffle=True} (fit's default, also for a {@code PyDataset}) calls Python's global
 *       {@code random.shuffle(indices)}, and reads {@code dataset[i]} for {@code i} in that order, one call at a
 *       time; then {@code on_epoch_end()} follows.
 * </ol>
 *
 * <p>{@code keras.utils.set_random_seed(s)} seeds that global {@code random} (with NumPy and TensorFlow); here a
 * {@link PythonRandom} seeded with the fine-tuner's seed at the start of every {@code fit} stands for it, i.e. Keras
 * with {@code set_random_seed(seed)} right before {@code fit} (building layers without a seed draws from the same
 * global stream in Keras). The augmentation's own draws stay the iterator's: a seeded iterator reseeds with
 * {@code seed + total_batches_seen} per batch, an unseeded one draws on from its source (in Keras, NumPy's global
 * state, which {@code set_random_seed} also seeds). With {@code workers > 1} Keras' {@code OrderedEnqueuer} shuffles
 * the same way but reads batches concurrently, so Keras itself is not reproducible there.
 */
final class FitOrder {
  /** Keras' {@code NUM_BATCHES_FOR_TENSOR_SPEC}: batches read before the first epoch. */
  static final int SIGNATURE_BATCHES = 2;

  private final boolean shuffle;
  private final PythonRandom random;

  /**
   * An order for one {@code fit}: Python's {@code random} seeded with {@code seed} when {@code shuffle}.
   */
  FitOrder(boolean shuffle, long seed) {
    this.shuffle = shuffle;
    this.random = shuffle ? new PythonRandom(seed) : null;
  }

  /**
   * What Keras' {@code fit} does with the data before its first epoch: reads batches 0 and 1 for the output
   * signature, then {@code on_epoch_end()}.
   */
  static void start(Batches batches) {
    int n = Math.min(SIGNATURE_BATCHES, batches.batchCount());
    for (int i = 0; i < n; i++) {
      batches.signatureBatch(i);
    }
    batches.onEpochEnd();
  }

  /** The batch indices of the next epoch of {@code count} batches, in the order they are read. */
  int[] next(int count) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    if (shuffle) {
      random.shuffle(order);
    }
    return order;
  }

  /** Draws (and drops) the orders of {@code epochs} epochs, as a resumed run skips the epochs it restored. */
  void skip(int epochs, int count) {
    for (int e = 0; e < epochs; e++) {
      next(count);
    }
  }
}
