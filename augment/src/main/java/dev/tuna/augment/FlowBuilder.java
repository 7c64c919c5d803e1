package dev.tuna.augment;

import dev.tuna.core.data.Subset;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.random.RandomSource;
import java.nio.file.Path;
import dev.tuna.core.internal.BuilderOptions;

/**
 * Options shared by {@code flow}, {@code flowFromDirectory} and {@code flowFromDataframe}, named after Keras'
 * arguments, plus tuna's {@code workers}/{@code prefetch}/{@code randomSource}. Each option may be set once
 * ({@link IllegalStateException} on a second set) and never to null ({@link NullPointerException}).
 *
 * @param <B> the concrete builder
 */
public abstract class FlowBuilder<B extends FlowBuilder<B>> {
  final ImageDataGenerator generator;
  int batchSize = 32;
  boolean shuffle = true;
  Long seed;
  Subset subset;
  Path saveToDir;
  String savePrefix = "";
  String saveFormat = "png";
  int workers;
  int prefetch = 2;
  RandomSource randomSource;
  /** The options set so far: each may be set once, never to null. */
  final BuilderOptions options = new BuilderOptions();

  FlowBuilder(ImageDataGenerator generator) {
    this.generator = generator;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Samples per batch. Default 32.
   *
   * @param size Keras' {@code batch_size}, positive
   * @return this builder
   */
  public B batchSize(int size) {
    Preconditions.requireArgument(size > 0, "batchSize must be positive but was %s", size);
    this.batchSize = options.set("batchSize", size);
    return self();
  }

  /**
   * Whether to reshuffle the sample order every epoch. Default true.
   *
   * @param on Keras' {@code shuffle}
   * @return this builder
   */
  public B shuffle(boolean on) {
    this.shuffle = options.set("shuffle", on);
    return self();
  }

  /**
   * Seed in [0, 2^32): batch {@code k} reseeds with {@code seed + k}, as in Keras. Default none.
   *
   * @param value Keras' {@code seed}, in [0, 2^32)
   * @return this builder
   */
  public B seed(long value) {
    Preconditions.requireArgument(value >= 0 && value <= 0xFFFF_FFFFL, "seed must be between 0 and 2**32 - 1 but was %s",
        value);
    this.seed = options.set("seed", value);
    return self();
  }

  /**
   * Serve one side of the generator's {@code validationSplit}. Default all samples.
   *
   * @param value Keras' {@code subset}
   * @return this builder
   */
  public B subset(Subset value) {
    this.subset = options.set("subset", value);
    return self();
  }

  /**
   * Write every finished sample to this directory (draws one random number per sample, as Keras does).
   *
   * @param dir Keras' {@code save_to_dir}
   * @return this builder
   */
  public B saveToDir(Path dir) {
    this.saveToDir = options.set("saveToDir", dir);
    return self();
  }

  /**
   * File name prefix for {@link #saveToDir}. Default empty.
   *
   * @param prefix Keras' {@code save_prefix}
   * @return this builder
   */
  public B savePrefix(String prefix) {
    this.savePrefix = options.set("savePrefix", prefix);
    return self();
  }

  /**
   * Image format for {@link #saveToDir}: png (default), jpeg or bmp.
   *
   * @param format Keras' {@code save_format}: png, jpeg, jpg or bmp, in any case
   * @return this builder
   */
  public B saveFormat(String format) {
    Preconditions.requireNonNull("saveFormat", format);
    Preconditions.requireArgument(format.matches("(?i)png|jpe?g|bmp"), "saveFormat must be png, jpeg or bmp but was %s",
        format);
    this.saveFormat = options.set("saveFormat", format);
    return self();
  }

  /**
   * Threads that build batches ahead of time; 0 (default) builds on the calling thread.
   *
   * @param count worker threads, {@code >= 0}
   * @return this builder
   */
  public B workers(int count) {
    Preconditions.requireArgument(count >= 0, "workers must be >= 0 but was %s", count);
    this.workers = options.set("workers", count);
    return self();
  }

  /**
   * Batches built ahead when {@code workers > 0}; bounds the memory held. Default 2.
   *
   * @param batches batches to build ahead, {@code >= 1}
   * @return this builder
   */
  public B prefetch(int batches) {
    Preconditions.requireArgument(batches >= 1, "prefetch must be >= 1 but was %s", batches);
    this.prefetch = options.set("prefetch", batches);
    return self();
  }

  /**
   * The random source to draw from (for example one shared by an image and a mask iterator).
   *
   * @param source the source of every random number of the iterator
   * @return this builder
   */
  public B randomSource(RandomSource source) {
    this.randomSource = options.set("randomSource", source);
    return self();
  }

  BatchIterator.Settings settings() {
    Preconditions.requireState(subset == null || generator.validationSplit() != 0,
        "subset %s needs a generator with validationSplit > 0", subset == null ? null : subset.kerasName());
    BatchIterator.SaveOptions save = saveToDir == null ? null
        : new BatchIterator.SaveOptions(saveToDir, savePrefix, saveFormat);
    return new BatchIterator.Settings(batchSize, shuffle, seed, randomSource, save, workers, prefetch);
  }
}
