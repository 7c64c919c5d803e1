package dev.tuna.finetune.train;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.load.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link FineTuner}'s head on extracted features (the "fast feature extraction" route: run the frozen
 * backbone once, then train only the head): the same steps, losses, weights and export as {@link FineTuner#fit} on
 * the images without augmentation. The tuner must have its whole backbone frozen (VGG: {@code freezeFirst} of every
 * layer; a config model: no {@code unfreezeFrom}). Batches follow {@code flowFromDirectory} with the same
 * {@code batchSize}, {@code shuffle} and {@code seed} and a generator without augmentation, read in the tuner's
 * Keras batch order ({@link FineTuner.Builder#shuffle}); validation batches run in sample order. Dropout draws
 * from the tuner's seeded graph, as in {@code fit}.
 *
 * <pre>{@code
 * try (FineTuner tuner = FineTuner.builder(vgg).classNames(names).freezeFirst(19).seed(42).build()) {
 *   History h = FeatureFit.builder(tuner).batchSize(32).seed(42).build().fit(train, 20, validation);
 *   tuner.export(Path.of("model"));   // backbone + the trained head
 * }
 * }</pre>
 *
 * <p>Not thread-safe; uses the tuner it was built for, which it does not close.
 */
public final class FeatureFit implements Training {
  private final FineTuner tuner;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final long[] sampleShape;
  private final int sampleLength;
  private boolean stop;
  private int epochs;
  private int steps;

  private FeatureFit(Builder b) {
    this.tuner = b.tuner;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    this.sampleShape = tuner.frozenBackboneShape();
    this.sampleLength = (int) Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
  }

  /**
   * A builder training {@code tuner}'s head.
   *
   * @param tuner a fine-tuner with its whole backbone frozen
   * @return the builder
   */
  public static Builder builder(FineTuner tuner) {
    return new Builder(Preconditions.requireNonNull("tuner", tuner));
  }

  /**
   * Keras' {@code fit} on features: {@code epochs} passes over {@code train}, each followed by evaluation on
   * {@code validation} (may be null) and the callbacks' {@code onEpochEnd}.
   *
   * @param train the training features
   * @param epochs the number of passes, at least 1
   * @param validation the validation features, or null
   * @param callbacks called as by {@link FineTuner#fit}
   * @return the per-epoch metrics
   * @throws IllegalArgumentException if the features do not fit the backbone's output or the head's classes
   */
  public History fit(FeatureDataset train, int epochs, FeatureDataset validation, Callback... callbacks) {
    Preconditions.requireArgument(epochs >= 1, "epochs must be >= 1 but was %s", epochs);
    check(train, "train");
    if (validation != null) {
      check(validation, "validation");
    }
    History history = new History();
    List<Callback> all = new ArrayList<>(Arrays.asList(callbacks));
    all.add(history);
    stop = false;
    this.epochs = epochs;
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    try (ArrayIterator order = order(train.size())) {
      steps = order.batchCount();
      Batches batches = Batches.of(order);
      FitOrder batchOrder = new FitOrder(tuner.shuffle(), tuner.seed());
      FitOrder.start(batches);
      all.forEach(c -> c.onTrainBegin(this));
      for (int epoch = 0; epoch < epochs; epoch++) {
        for (Callback c : all) {
          c.onEpochBegin(this, epoch);
        }
        double lossSum = 0;
        double correctSum = 0;
        double weightSum = 0;
        long seen = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        int[] batchIndices = batchOrder.next(steps);
        for (int step = 0; step < steps; step++) {
          int[] samples = samples(order.get(batchIndices[step]));
          float[] r = run(train, samples, true);
          lossSum += r[0] * samples.length;
          correctSum += r[1];
          weightSum += r[2];
          seen += samples.length;
          logs = new LinkedHashMap<>();
          logs.put("loss", lossSum / seen);
          logs.put("accuracy", correctSum / weightSum);
          for (Callback c : all) {
            c.onBatchEnd(this, step, logs);
          }
          if (stop) {
            break;
          }
        }
        epochLogs = new LinkedHashMap<>(logs);
        if (validation != null) {
          for (var e : evaluate(validation).entrySet()) {
            epochLogs.put("val_" + e.getKey(), e.getValue());
          }
        }
        for (Callback c : all) {
          c.onEpochEnd(this, epoch, epochLogs);
        }
        order.onEpochEnd();
        if (stop) {
          break;
        }
      }
    }
    for (Callback c : all) {
      c.onTrainEnd(this, epochLogs);
    }
    return history;
  }

  /**
   * Keras' {@code evaluate} on features, in batches of {@code batchSize} in sample order, dropout off.
   *
   * @param data the features
   * @return {@code loss} and {@code accuracy}
   */
  public Map<String, Double> evaluate(FeatureDataset data) {
    check(data, "data");
    double lossSum = 0;
    double correctSum = 0;
    double weightSum = 0;
    for (int from = 0; from < data.size(); from += batchSize) {
      int[] samples = new int[Math.min(batchSize, data.size() - from)];
      Arrays.setAll(samples, i -> i);
      for (int i = 0; i < samples.length; i++) {
        samples[i] += from;
      }
      float[] r = run(data, samples, false);
      lossSum += r[0] * samples.length;
      correctSum += r[1];
      weightSum += r[2];
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss", lossSum / data.size());
    out.put("accuracy", correctSum / weightSum);
    return out;
  }

  private float[] run(FeatureDataset data, int[] samples, boolean training) {
    long[] shape = new long[sampleShape.length + 1];
    shape[0] = samples.length;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    float[] weights = new float[samples.length];
    Arrays.fill(weights, 1f);
    return tuner.runFrozen(data.features(samples), shape, data.oneHot(samples, tuner.head().classes()), weights,
        training);
  }

  /**
   * The sample order of {@code flowFromDirectory} without augmentation: the same iterator rules draw it, over an
   * array whose labels are the sample indices.
   */
  private ArrayIterator order(int n) {
    float[] index = new float[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    return ImageDataGenerator.builder().build().flow(new float[n], n, 1, 1, 1).y(index, n).batchSize(batchSize)
        .shuffle(shuffle).seed(seed).build();
  }

  private static int[] samples(ImageBatch batch) {
    float[] y = batch.labels();
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (int) y[i];
    }
    return out;
  }

  private void check(FeatureDataset data, String name) {
    Preconditions.requireNonNull(name, data);
    Preconditions.requireArgument(data.featureLength() == sampleLength,
        "%s has %d features per sample but the backbone outputs %s (%d values)", name, data.featureLength(),
        Arrays.toString(sampleShape), sampleLength);
    Preconditions.requireArgument(data.classNames().equals(tuner.classNames()),
        "%s has classes %s but the tuner %s", name, data.classNames(), tuner.classNames());
  }

  /** {@return the samples per training step} */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void stopTraining() {
    stop = true;
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  @Override
  public double learningRate() {
    return tuner.learningRate();
  }

  @Override
  public void learningRate(double value) {
    tuner.learningRate(value);
  }

  @Override
  public Map<String, Weight> trainableWeights() {
    return tuner.trainableWeights();
  }

  @Override
  public void trainableWeights(Map<String, Weight> weights) {
    tuner.trainableWeights(weights);
  }

  @Override
  public void export(Path dir) {
    tuner.export(dir);
  }

  @Override
  public int epochs() {
    return epochs;
  }

  @Override
  public int steps() {
    return steps;
  }

  /**
   * Configures a {@link FeatureFit}. Each option may be set once ({@link IllegalStateException} on a second set)
   * and never to null.
   */
  public static final class Builder {
    private final FineTuner tuner;
    private final BuilderOptions options = new BuilderOptions();
    private int batchSize = 32;
    private boolean shuffle = true;
    private long seed;

    private Builder(FineTuner tuner) {
      this.tuner = tuner;
    }

    /**
     * Samples per step, Keras' {@code batch_size}; default 32.
     *
     * @param n the batch size, at least 1
     * @return this builder
     */
    public Builder batchSize(int n) {
      Preconditions.requireArgument(n >= 1, "batchSize must be >= 1 but was %s", n);
      this.batchSize = options.set("batchSize", n);
      return this;
    }

    /**
     * Whether each epoch draws a new sample order, as {@code flowFromDirectory}'s {@code shuffle}; default true.
     *
     * @param on shuffle or not
     * @return this builder
     */
    public Builder shuffle(boolean on) {
      this.shuffle = options.set("shuffle", on);
      return this;
    }

    /**
     * Seed of the sample order, as {@code flowFromDirectory}'s {@code seed}; default 0.
     *
     * @param value the seed, in [0, 2^32)
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = options.set("seed", Preconditions.requireSeed("seed", value));
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalStateException if a layer of the tuner's backbone trains
     */
    public FeatureFit build() {
      return new FeatureFit(this);
    }
  }
}
