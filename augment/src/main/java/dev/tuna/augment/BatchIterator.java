package dev.tuna.augment;

import dev.tuna.augment.internal.steps.SampleSteps;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.core.random.RandomSource;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keras' {@code Iterator}: batches of augmented, standardised samples with Keras' epoch, index and reseeding rules,
 * so that the same seed yields the same batches as Keras.
 *
 * <p>{@link #nextBatch()} is Keras' {@code next(iterator)}: it iterates forever, epoch after epoch (the last batch
 * of an epoch may be short, then the order is reshuffled). As a Java {@link Iterator}, {@link #hasNext()} and
 * {@link #next()} walk one epoch: they return the same batches as {@code nextBatch()}, and {@code hasNext()} turns
 * false once the last batch of the epoch has been returned ({@link #reset()} or {@code nextBatch()} starts the next
 * one). {@link #get(int)} is Keras' random access {@code it[idx]}; {@link #onEpochEnd()} reshuffles. With a seed,
 * batch {@code k} reseeds the random source with {@code seed + k}.
 *
 * <p>With {@code workers > 0}, batches are built on that many threads and up to {@code prefetch} batches are kept
 * ready. Random parameters are always drawn on the calling thread in Keras' order, so batches are identical for
 * any thread count. Close the iterator to stop its threads.
 */
public abstract class BatchIterator implements Iterator<ImageBatch>, AutoCloseable {
  private final ImageDataGenerator generator;
  private final int samples;
  private final int batchSize;
  private final boolean shuffle;
  private final Long seed;
  private final RandomSource rng;
  private final int height;
  private final int width;
  private final int channels;
  private final SaveOptions save;
  private final ExecutorService executor;
  private final int prefetch;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  private int[] upcoming;
  private int upcomingAt;
  private int batchIndex;
  private long totalBatchesSeen;
  private int[] indexArray;
  private boolean epochEnded;

  /** Options shared by every iterator. */
  record Settings(int batchSize, boolean shuffle, Long seed, RandomSource rng, SaveOptions save, int workers,
      int prefetch) {}

  /** Keras' {@code save_to_dir}, {@code save_prefix}, {@code save_format}. */
  record SaveOptions(Path directory, String prefix, String format) {}

  private record Plan(int[] indices, TransformParameters[] params, long[] hashes, boolean lastOfEpoch) {}

  private record State(int batchIndex, long totalBatchesSeen, int[] indexArray, RandomSource rng) {}

  /**
   * A batch planned ahead: by {@link #nextBatch()} ({@code index < 0}; {@code lastOfEpoch} when it closes its
   * epoch) or speculatively for {@code get(index)}.
   */
  private record Pending(State before, int index, boolean lastOfEpoch, Future<ImageBatch> batch) {}

  BatchIterator(ImageDataGenerator generator, int samples, int height, int width, int channels, Settings s) {
    Preconditions.requireArgument(s.batchSize() > 0, "batchSize must be positive but was %s", s.batchSize());
    Preconditions.requireArgument(s.workers() >= 0, "workers must be >= 0 but was %s", s.workers());
    Preconditions.requireArgument(s.prefetch() >= 1, "prefetch must be >= 1 but was %s", s.prefetch());
    if (s.seed() != null) {
      Preconditions.requireArgument(s.seed() >= 0 && s.seed() <= 0xFFFF_FFFFL,
          "seed must be between 0 and 2**32 - 1 but was %s", s.seed());
    }
    this.generator = generator;
    this.samples = samples;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.batchSize = s.batchSize();
    this.shuffle = s.shuffle();
    this.seed = s.seed();
    this.rng = s.rng() != null ? s.rng() : new NumpyRandom(s.seed() != null ? s.seed() : Seeds.random());
    this.save = s.save();
    this.prefetch = s.prefetch();
    this.executor = s.workers() == 0 ? null : Executors.newFixedThreadPool(s.workers(), r -> {
      Thread t = new Thread(r, "tuna-batch-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Number of samples ({@code n} in Keras).
   *
   * @return the sample count
   */
  public final int size() {
    return samples;
  }

  /**
   * Batches per epoch, {@code ceil(n / batchSize)} (Keras' {@code len(iterator)}).
   *
   * @return the batch count
   */
  public final int batchCount() {
    return (samples + batchSize - 1) / batchSize;
  }

  /** {@return the samples per batch, Keras' {@code batch_size}} */
  public final int batchSize() {
    return batchSize;
  }

  /**
   * The generator whose augmentation and standardisation this iterator applies.
   *
   * @return the generator
   */
  public final ImageDataGenerator generator() {
    return generator;
  }

  /**
   * The shape of one output sample as {@code [height, width, channels]}.
   *
   * @return a new shape array
   */
  public final int[] sampleShape() {
    return new int[] {height, width, channels};
  }

  /**
   * Whether {@link #next()} has a batch left in this epoch: false when there are no samples or the batch returned
   * last (by {@code next()} or {@link #nextBatch()}) was the last of its epoch.
   *
   * @return whether {@link #next()} returns a batch
   */
  @Override
  public final synchronized boolean hasNext() {
    return samples > 0 && !epochEnded;
  }

  /**
   * The next batch of the current epoch, the same as {@link #nextBatch()} would return.
   *
   * @return the batch
   * @throws NoSuchElementException when {@link #hasNext()} is false
   */
  @Override
  public final synchronized ImageBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException(samples == 0 ? "no samples to iterate: " + source() + " has no images"
          : "the epoch ended after " + batchCount() + " batches: call reset() to iterate another one, or "
              + "nextBatch() to go on endlessly like Keras");
    }
    return nextBatch();
  }

  /**
   * Keras' {@code next(iterator)}: the next batch in Keras' sequential order, endlessly, epoch after epoch.
   *
   * @return the batch
   * @throws IllegalStateException when there are no samples
   */
  public final synchronized ImageBatch nextBatch() {
    requireSamples();
    if (!pending.isEmpty() && pending.peek().index() >= 0) {
      rollback();
    }
    while (pending.size() < (executor == null ? 1 : prefetch)) {
      State before = snapshot();
      Plan plan = planSequential();
      pending.add(new Pending(before, -1, plan.lastOfEpoch(), submit(plan)));
    }
    Pending p = pending.poll();
    epochEnded = p.lastOfEpoch();
    return await(p.batch());
  }

  /**
   * Keras' random access {@code iterator[idx]}, as used by {@code model.fit}. With workers, the indices expected next
   * are built ahead: those of {@link #expectOrder} while its order is followed, else the following indices of the
   * epoch; any other call discards them and restores the state, so results never depend on the guess.
   *
   * @param idx the batch index, in [0, batchCount())
   * @return the batch
   */
  public final synchronized ImageBatch get(int idx) {
    requireSamples();
    if (idx >= batchCount() || idx < 0) {
      throw new IndexOutOfBoundsException("Asked to retrieve element " + idx + ", but the Sequence has length "
          + batchCount());
    }
    Future<ImageBatch> batch;
    if (!pending.isEmpty() && pending.peek().index() == idx) {
      batch = pending.poll().batch();
    } else {
      rollback();
      batch = submit(planRandomAccess(idx));
    }
    if (upcoming != null) {
      if (upcomingAt < upcoming.length && upcoming[upcomingAt] == idx) {
        upcomingAt++;
      } else {
        upcoming = null; // the order was left: guess the following indices again
      }
    }
    if (executor != null) {
      if (upcoming != null) {
        for (int k = upcomingAt + pending.size(); pending.size() < prefetch && k < upcoming.length; k++) {
          State before = snapshot();
          pending.add(new Pending(before, upcoming[k], false, submit(planRandomAccess(upcoming[k]))));
        }
      } else {
        int last = pending.isEmpty() ? idx : pending.peekLast().index();
        while (pending.size() < prefetch && last + 1 < batchCount()) {
          State before = snapshot();
          last++;
          pending.add(new Pending(before, last, false, submit(planRandomAccess(last))));
        }
      }
    }
    return await(batch);
  }

  /**
   * Announces the order in which {@link #get(int)} will be called next (such as an epoch in the shuffled order of
   * Keras' {@code fit}), so that with workers those batches are built ahead instead of the following indices. Only
   * a hint: results never depend on it; a call that leaves the order, {@link #onEpochEnd()}, {@link #reset()} or
   * {@link #restorePosition} drops it.
   *
   * @param order the batch indices, each in [0, batchCount())
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public final synchronized void expectOrder(int[] order) {
    Preconditions.requireNonNull("order", order);
    for (int i : order) {
      if (i < 0 || i >= batchCount()) {
        throw new IndexOutOfBoundsException("order names batch " + i + ", but the Sequence has length "
            + batchCount());
      }
    }
    rollback();
    upcoming = order.clone();
    upcomingAt = 0;
  }

  private Plan planRandomAccess(int idx) {
    reseed();
    totalBatchesSeen++;
    if (indexArray == null) {
      setIndexArray();
    }
    int from = batchSize * idx;
    return plan(Arrays.copyOfRange(indexArray, from, Math.min(from + batchSize, samples)), false);
  }

  /** Keras' {@code on_epoch_end()}: redraws the sample order from the current random state. */
  public final synchronized void onEpochEnd() {
    rollback();
    upcoming = null;
    setIndexArray();
  }

  /**
   * Where the iterator stands in Keras' batch sequence: the batches drawn so far, the sample order of the current
   * epoch and the position of {@link #nextBatch()}. A seeded iterator given the same position by
   * {@link #restorePosition} returns the same batches from there on, which lets a training run resume exactly.
   *
   * @param totalBatchesSeen Keras' {@code total_batches_seen}
   * @param batchIndex Keras' {@code batch_index}
   * @param indexArray the current epoch's sample order, or null before the first batch
   * @param epochEnded whether the last batch returned by {@link #next()} closed its epoch
   */
  public record Position(long totalBatchesSeen, int batchIndex, int[] indexArray, boolean epochEnded) {}

  /**
   * The current {@link Position} (batches built ahead by workers are discarded first).
   *
   * @return the position
   */
  public final synchronized Position position() {
    rollback();
    return new Position(totalBatchesSeen, batchIndex, indexArray == null ? null : indexArray.clone(), epochEnded);
  }

  /**
   * Moves to {@code p}, as taken by {@link #position()} of an iterator over the same samples with the same seed.
   *
   * @param p the position
   * @throws IllegalArgumentException if the position belongs to another number of samples or batch size
   */
  public final synchronized void restorePosition(Position p) {
    Preconditions.requireNonNull("position", p);
    Preconditions.requireArgument(p.indexArray() == null || p.indexArray().length == samples,
        "position holds a sample order of %s samples but the iterator has %s", p.indexArray() == null ? 0
            : p.indexArray().length, samples);
    Preconditions.requireArgument(p.totalBatchesSeen() >= 0 && p.batchIndex() >= 0
        && p.batchIndex() < Math.max(1, batchCount()), "position %s does not fit %s batches", p, batchCount());
    rollback();
    upcoming = null;
    totalBatchesSeen = p.totalBatchesSeen();
    batchIndex = p.batchIndex();
    indexArray = p.indexArray() == null ? null : p.indexArray().clone();
    epochEnded = p.epochEnded();
  }

  /** Keras' {@code reset()}: the next {@link #next()} or {@link #nextBatch()} starts a new epoch. */
  public final synchronized void reset() {
    rollback();
    upcoming = null;
    batchIndex = 0;
    epochEnded = false;
  }

  /** Stops the worker threads; pending batches are discarded. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void requireSamples() {
    if (samples == 0) {
      throw new IllegalStateException("no samples to iterate: " + source() + " has no images");
    }
  }

  /** What the samples come from, for messages. */
  String source() {
    return "the input array";
  }

  // ------------------------------------------------------------------------------------------ planning

  private Plan planSequential() {
    reseed();
    if (batchIndex == 0) {
      setIndexArray();
    }
    int current = samples == 0 ? 0 : (int) (((long) batchIndex * batchSize) % samples);
    boolean last = samples <= current + batchSize;
    if (last) {
      batchIndex = 0;
    } else {
      batchIndex++;
    }
    totalBatchesSeen++;
    return plan(Arrays.copyOfRange(indexArray, current, Math.min(current + batchSize, samples)), last);
  }

  private void reseed() {
    if (seed != null) {
      rng.seed((seed + totalBatchesSeen) & 0xFFFF_FFFFL);
    }
  }

  private void setIndexArray() {
    if (shuffle) {
      indexArray = rng.permutation(samples);
    } else {
      indexArray = new int[samples];
      for (int i = 0; i < samples; i++) {
        indexArray[i] = i;
      }
    }
  }

  private Plan plan(int[] indices, boolean lastOfEpoch) {
    TransformParameters[] params = new TransformParameters[indices.length];
    for (int i = 0; i < indices.length; i++) {
      params[i] = generator.getRandomTransform(height, width, rng);
    }
    long[] hashes = null;
    if (save != null) {
      hashes = new long[indices.length];
      for (int i = 0; i < indices.length; i++) {
        hashes[i] = rng.randint(saveHashBound());
      }
    }
    return new Plan(indices, params, hashes, lastOfEpoch);
  }

  private State snapshot() {
    return new State(batchIndex, totalBatchesSeen, indexArray, rng.copy());
  }

  /** Discards prefetched batches and restores the state before the first of them. */
  private void rollback() {
    Pending first = pending.peek();
    if (first == null) {
      return;
    }
    for (Pending p : pending) {
      p.batch().cancel(true);
    }
    pending.clear();
    batchIndex = first.before().batchIndex();
    totalBatchesSeen = first.before().totalBatchesSeen();
    indexArray = first.before().indexArray();
    rng.copyFrom(first.before().rng());
  }

  // ------------------------------------------------------------------------------------------ building

  private Future<ImageBatch> submit(Plan plan) {
    if (executor == null) {
      java.util.concurrent.CompletableFuture<ImageBatch> f = new java.util.concurrent.CompletableFuture<>();
      try {
        f.complete(build(plan));
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
      return f;
    }
    return executor.submit(() -> build(plan));
  }

  private static ImageBatch await(Future<ImageBatch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("batch was cancelled", e);
    }
  }

  private ImageBatch build(Plan plan) {
    int[] indices = plan.indices();
    int per = height * width * channels;
    float[] images = new float[indices.length * per];
    int kept = 0;
    int[] keptIndices = new int[indices.length];
    long[] keptHashes = plan.hashes() == null ? null : new long[indices.length];
    SampleSteps steps = generator.steps();
    for (int i = 0; i < indices.length; i++) {
      TransformParameters p = plan.params()[i];
      if (steps.runsInSlot(p)) {
        // nothing but rescale: the sample goes straight into its slot (decoded there where the loader allows it)
        if (!loadSampleInto(indices[i], images, kept * per)) {
          continue; // skipped by the bad-image policy
        }
        steps.applyInSlot(p, images, kept * per, per);
        keptIndices[kept] = indices[i];
        if (keptHashes != null) {
          keptHashes[kept] = plan.hashes()[i];
        }
        kept++;
        continue;
      }
      float[] pixels = loadSample(indices[i]);
      if (pixels == null) {
        continue; // skipped by the bad-image policy
      }
      if (!steps.transformAndStandardizeInto(pixels, height, width, channels, p, images, kept * per)) {
        float[] x = steps.transform(pixels, height, width, channels, p, true);
        x = steps.standardize(x, height, width, channels, true);
        System.arraycopy(x, 0, images, kept * per, per);
      }
      keptIndices[kept] = indices[i];
      if (keptHashes != null) {
        keptHashes[kept] = plan.hashes()[i];
      }
      kept++;
    }
    if (kept < indices.length) {
      images = Arrays.copyOf(images, kept * per);
      keptIndices = Arrays.copyOf(keptIndices, kept);
      keptHashes = keptHashes == null ? null : Arrays.copyOf(keptHashes, kept);
    }
    if (keptHashes != null) {
      SampleWriter.write(save, images, height, width, channels, keptIndices, keptHashes);
    }
    if (generator.dataFormat() == DataFormat.CHANNELS_FIRST) {
      images = Layout.toChannelsFirst(images, kept, height, width, channels);
    }
    Labels labels = labels(keptIndices, images);
    float[] weights = sampleWeights(keptIndices);
    return ImageBatch.of(generator.dataFormat().layout(), height, width, channels, images,
        labels == null ? null : labels.values(),
        labels == null ? null : labels.shape(), weights, keptIndices);
  }

  /** The NHWC or NCHW shape of a batch of {@code n} samples in the generator's data format. */
  final int[] batchShape(int n) {
    return generator.dataFormat() == DataFormat.CHANNELS_FIRST ? new int[] {n, channels, height, width}
        : new int[] {n, height, width, channels};
  }

  /** Labels of a batch: a flat array and its shape, first dimension the batch size. */
  record Labels(float[] values, int[] shape) {}

  /**
   * An HWC array (values on the source scale, e.g. 0–255) of sample {@code index}, or null to leave the sample out
   * of its batch. It may be a per-thread buffer, valid (and modifiable) until this thread loads the next sample.
   */
  abstract float[] loadSample(int index);

  /**
   * {@link #loadSample} written into {@code dst} from {@code offset} on ({@code height × width × channels} values);
   * false, with nothing written, when the sample is left out of its batch.
   */
  boolean loadSampleInto(int index, float[] dst, int offset) {
    float[] pixels = loadSample(index);
    if (pixels == null) {
      return false;
    }
    System.arraycopy(pixels, 0, dst, offset, pixels.length);
    return true;
  }

  /** The labels for {@code indices}, or null; {@code images} is the finished batch in the data format. */
  abstract Labels labels(int[] indices, float[] images);

  /** The sample weights for {@code indices}, or null. */
  float[] sampleWeights(int[] indices) {
    return null;
  }

  /** The exclusive bound of the random number in saved file names (Keras: 1e4 for arrays, 1e7 for files). */
  abstract long saveHashBound();
}
