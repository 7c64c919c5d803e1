package dev.tuna.finetune.train;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.export.SavedModelExporter;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.FreezePolicy;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.HeadInit;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.Unfreeze;
import dev.tuna.finetune.model.VggArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Keras-style transfer learning of a VGG backbone ({@link #builder}) or of any Keras model saved with its config
 * ({@link #builderFor}) on TensorFlow Java: the frozen layers stay fixed, the rest plus a new {@link Head} train
 * with a Keras optimizer on categorical cross-entropy, optionally in the keras.io second phase with the base
 * unfrozen from a layer on ({@link Builder#fineTune}), and {@link #fit} reports Keras' {@code History}. Preprocessing is part of the graph, so inputs are always RGB floats in [0, 255] (do not
 * also rescale in the generator unless {@link Preprocessing#NONE} is chosen).
 *
 * <pre>{@code
 * try (FineTuner tuner = FineTuner.builder(KerasWeights.load(Path.of("vgg16_notop")))
 *     .inputShape(150, 150).classNames(List.of("cat", "dog")).freezeUpTo("block4_pool")
 *     .optimizer(Optimizer.rmsprop().withLearningRate(1e-5)).build()) {
 *   History h = tuner.fit(Batches.of(train), 30, Batches.of(validation), new ProgressBar());
 *   tuner.export(Path.of("cats-vs-dogs"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe. Close it to free native memory.
 */
public final class FineTuner implements Training, AutoCloseable {
  /** Default input height and width, as in the Keras tutorial. */
  public static final int DEFAULT_INPUT_SIZE = 150;
  /** Default seed of the head initialisation and dropout. */
  public static final long DEFAULT_SEED = 0;

  private final VggArchitecture arch;
  private final Path model;
  private final String modelName;
  private final int channels;
  private final int height;
  private final int width;
  private final Head head;
  private final List<String> classNames;
  private final Preprocessing preprocessing;
  private final Phases phases;
  private final long seed;
  private final boolean shuffle;
  private TrainGraph g;
  private int phase = 1;
  private int frozenLayers;
  private boolean stop;
  private Batches cachedFor;
  private List<CachedBatch> cache;
  private int epochs;
  /**
   * Whether {@link #fit} builds the next training batch on a helper thread while the current step trains (the same
   * {@code batch(i)} calls in the same order, one at a time, so the batches are identical). Tests switch it off.
   */
  boolean overlapBatches = true;
  private int steps;

  private FineTuner(Builder b, VggArchitecture arch, Phases phases, Map<String, Weight> init,
      ModelFiles.Loaded saved) {
    this.arch = arch;
    this.model = b.model;
    this.head = b.head;
    this.classNames = b.classNames;
    this.preprocessing = b.preprocessing;
    this.phases = phases;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    if (saved == null) {
      g = phases.openVgg(1, init);
      modelName = arch.toString();
      height = b.height;
      width = b.width;
    } else {
      g = phases.openConfig(1, saved, init);
      try {
        long[] in = g.net.input().shape().asArray();
        if (in.length != 4 || in[1] < 1 || in[2] < 1) {
          throw new IllegalArgumentException("the model " + b.model + " has an open input size "
              + g.net.input().shape() + "; save it with a fixed input_shape");
        }
        if (b.options.isSet("inputShape") && (in[1] != b.height || in[2] != b.width)) {
          throw new IllegalArgumentException("inputShape " + b.height + "x" + b.width + " does not match "
              + b.model + ", built for " + in[1] + "x" + in[2] + " inputs");
        }
        height = (int) in[1];
        width = (int) in[2];
      } catch (RuntimeException e) {
        g.close();
        throw e;
      }
      modelName = ModelConfig.parse(saved.config()).name();
    }
    frozenLayers = phases.frozenLayers(1, g);
    channels = g.net.inputChannels();
  }

  /**
   * Closes what a failed constructor opened, session before graph (a graph with an open session never finishes
   * closing); failures while closing are added to {@code cause} as suppressed exceptions.
   */
  static void closeAfterFailure(AutoCloseable session, AutoCloseable graph, Throwable cause) {
    for (AutoCloseable c : new AutoCloseable[] {session, graph}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception | Error e) {
        cause.addSuppressed(e);
      }
    }
  }

  /**
   * A builder fine-tuning the VGG backbone in {@code base}.
   *
   * @param base the backbone's Keras weights
   * @return the builder
   */
  public static Builder builder(KerasWeights base) {
    return new Builder(Preconditions.requireNonNull("base", base), null);
  }

  /**
   * A builder fine-tuning any Keras model saved with its config ({@code .keras}, full-model {@code .h5}, tf_keras
   * SavedModel) the keras.io way: the whole base frozen and called with {@code training=False} (BatchNormalization
   * in inference mode), and by default the head {@code GlobalAveragePooling2D -> Dropout(0.2) -> Dense(n,
   * softmax)} ({@link Builder#head} takes the Flatten-Dense one too). Preprocessing defaults to {@link Preprocessing#auto} of the model's Keras name (TF for MobileNetV2,
   * CAFFE for ResNet50, NONE for EfficientNet and MobileNetV3, which carry their own, and for unknown models); the
   * input size is the model's.
   *
   * @param model the saved model
   * @return the builder
   */
  public static Builder builderFor(Path model) {
    return new Builder(null, Preconditions.requireNonNull("model", model));
  }

  /**
   * Keras' {@code fit}: {@code epochs} passes over {@code train}, each followed by evaluation on
   * {@code validation} (may be null) and the callbacks' {@code onEpochEnd}; {@code train}'s batches are read in
   * the order Keras 3's {@code model.fit} reads a {@code PyDataset} ({@link Builder#shuffle}). With a second phase
   * ({@link Builder#fineTune}), {@link Builder#fineTuneEpochs} more passes follow, numbered on, with the base
   * unfrozen and a fresh optimizer. With a {@link BackupAndRestore} among the callbacks, a saved run continues
   * where it stopped and the history holds its earlier epochs too.
   *
   * @param train the training batches
   * @param epochs the number of passes (of the first phase), at least 1
   * @param validation the validation batches, or null
   * @param callbacks called after each epoch
   * @return the per-epoch metrics
   */
  public History fit(Batches train, int epochs, Batches validation, Callback... callbacks) {
    return FitLoop.fit(this, train, epochs, validation, callbacks);
  }

  /** Starts a fit of {@code total} epochs of {@code steps} batches. */
  void beginFit(int total, int steps) {
    this.stop = false;
    this.epochs = total;
    this.steps = steps;
  }

  /** {@return the current phase, 1 or 2} */
  int phase() {
    return phase;
  }

  /** {@return the second phase's epochs, 0 without one} */
  int fineTuneEpochs() {
    return phases.secondEpochs();
  }

  /** {@return whether fit shuffles the batch order, Keras' {@code fit(shuffle=...)}} */
  boolean shuffle() {
    return shuffle;
  }

  /** {@return the seed of the head initialisation, dropout and Python's random for the batch order} */
  long seed() {
    return seed;
  }

  /** {@return the phases, for checkpoints} */
  Phases phases() {
    return phases;
  }

  /** {@return what a checkpoint must match to be restored into this fine-tuner} */
  String signature() {
    return String.format(Locale.ROOT, "%s %dx%dx%d, %s, classes %s, %s, seed %d, %s%s", modelName, height, width,
        channels, head, classNames, preprocessing, seed, phases.describe(),
        shuffle ? "" : ", batches in index order");
  }

  /** {@return the compiled graph of the current phase} */
  TrainGraph graph() {
    return g;
  }

  /** Switches to {@code target}'s graph (freeze point and fresh optimizer), keeping every weight. */
  void enterPhase(int target) {
    if (target == phase) {
      return;
    }
    Preconditions.requireState(target <= phases.count(), "no phase %s: this fine-tuner has %s", target,
        phases.count());
    g = phases.open(target, g);
    phase = target;
    frozenLayers = phases.frozenLayers(target, g);
    cachedFor = null;
    cache = null;
  }

  /** One training step on {@code batch}: loss, weighted correct count, weight sum. */
  float[] step(ImageBatch batch) {
    return run(batch, true);
  }

  /**
   * Keras' {@code train_on_batch}: one optimizer step; returns {@code loss} and {@code accuracy} of the batch. The
   * batch's sample weights, if any, weight the loss like Keras' {@code sample_weight}.
   *
   * @param batch the images and labels
   * @return {@code loss} and {@code accuracy} of the batch
   * @throws IllegalArgumentException if the batch is not NHWC ({@code channels_last}) or not of the input shape
   */
  public Map<String, Double> trainOnBatch(ImageBatch batch) {
    float[] r = run(batch, true);
    return Map.of("loss", (double) r[0], "accuracy", (double) r[1] / r[2]);
  }

  /**
   * Keras' {@code evaluate}: sample-weighted mean {@code loss} and {@code accuracy}, dropout off. When
   * {@code batches} is {@linkplain Batches#deterministic() deterministic} (validation data without augmentation),
   * the output of the frozen blocks is computed on the first call and reused by later calls with the same
   * {@code batches}, which then run only the trainable layers; the results are the same.
   *
   * @param batches the evaluation batches
   * @return {@code loss} and {@code accuracy}
   */
  public Map<String, Double> evaluate(Batches batches) {
    return evaluate(batches, null);
  }

  /** Whether {@link #evaluate} reads {@code batches} (false when it reuses their cached frozen-block output). */
  boolean readsBatches(Batches batches) {
    return !(cachedFor == batches && cache != null);
  }

  /**
   * {@link #evaluate(Batches)} with batch 0 already being built ({@code first}, or null); with
   * {@link #overlapBatches}, batch {@code i + 1} is built while batch {@code i} runs (the same calls in order).
   */
  Map<String, Double> evaluate(Batches batches, java.util.concurrent.CompletableFuture<ImageBatch> first) {
    boolean reuse = !readsBatches(batches);
    boolean fill = !reuse && g.net.frozenOutput() != null && batches.deterministic();
    List<CachedBatch> filling = fill ? new ArrayList<>() : null;
    long cachedFloats = 0;
    double lossSum = 0;
    double correctSum = 0;
    double weightSum = 0;
    long seen = 0;
    if (reuse && first != null) {
      FitLoop.await(first);
    }
    java.util.concurrent.CompletableFuture<ImageBatch> next = reuse ? null : first;
    int count = batches.batchCount();
    for (int i = 0; i < count; i++) {
      float[] r;
      int size;
      if (reuse) {
        CachedBatch c = cache.get(i);
        r = runCached(c);
        size = c.size();
      } else {
        ImageBatch b = next != null ? FitLoop.await(next) : batches.batch(i);
        next = null;
        if (overlapBatches && i + 1 < count) {
          int following = i + 1;
          next = java.util.concurrent.CompletableFuture.supplyAsync(() -> batches.batch(following), FitLoop.PREFETCH);
        }
        CachedBatch[] out = filling != null ? new CachedBatch[1] : null;
        try {
          r = run(b, false, out);
        } catch (RuntimeException | Error e) {
          if (next != null) {
            next.join(); // never leave a batch call running past evaluate
          }
          throw e;
        }
        if (filling != null) {
          cachedFloats += out[0].features().length;
          if (cachedFloats > MAX_CACHED_FLOATS) {
            filling = null;
          } else {
            filling.add(out[0]);
          }
        }
        size = b.size();
      }
      lossSum += r[0] * size;
      correctSum += r[1];
      weightSum += r[2];
      seen += size;
    }
    if (filling != null) {
      cachedFor = batches;
      cache = filling;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss", lossSum / seen);
    out.put("accuracy", correctSum / weightSum);
    return out;
  }

  /** At most 64 M floats (256 MB) of cached frozen-block output. */
  private static final long MAX_CACHED_FLOATS = 64L << 20;

  /** What evaluation needs of a batch once the frozen blocks have run. */
  private record CachedBatch(float[] features, long[] shape, float[] labels, float[] weights, int size) {}

  private float[] runCached(CachedBatch c) {
    return runFrozen(c.features(), c.shape(), c.labels(), c.weights(), false);
  }

  /**
   * One batch fed as the frozen blocks' output ({@code shape} with the batch first): a training step when
   * {@code training}, else evaluation (dropout off). Returns the loss, the weighted hits and the weight sum.
   */
  float[] runFrozen(float[] frozen, long[] shape, float[] oneHot, float[] weights, boolean training) {
    int n = (int) shape[0];
    try (TFloat32 f = Tensors.of(shape, frozen);
        TFloat32 t = Tensors.of(new long[] {n, head.classes()}, oneHot);
        TFloat32 sw = Tensors.of(new long[] {n}, weights);
        Result r = g.runFrozen(f, t, sw, n, training)) {
      return new float[] {Tensors.scalar(r.get(0)), Tensors.scalar(r.get(1)), sum(weights)};
    }
  }

  /**
   * The shape of one sample of the backbone's output (what {@link #features} returns per image) when the whole
   * backbone is frozen, so that the head can train on extracted features ({@link FeatureFit}).
   *
   * @throws IllegalStateException if a backbone layer trains
   */
  long[] frozenBackboneShape() {
    boolean whole = arch == null ? g.net.frozenOutput() == g.net.features() : frozenLayers == arch.layers().size();
    if (!whole || g.net.frozenOutput() == null) {
      throw new IllegalStateException("training the head on features needs the whole backbone frozen but "
          + modelName + " trains from layer " + frozenLayers + (arch == null ? "" : "; use freezeFirst("
          + arch.layers().size() + ")"));
    }
    long[] s = g.net.frozenOutput().shape().asArray();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  private static float sum(float[] w) {
    float s = 0;
    for (float v : w) {
      s += v;
    }
    return s;
  }

  /**
   * Class probabilities for {@code n} NHWC images of the model's input shape.
   *
   * @param images the images, {@code [n, height, width, channels]} row-major
   * @param n the number of images
   * @return the probabilities, {@code [n, classes]} row-major
   */
  public float[] predict(float[] images, int n) {
    checkImages(images, n);
    try (TFloat32 x = Tensors.of(new long[] {n, height, width, channels}, images)) {
      return g.infer(x, g.net.probabilities(), n);
    }
  }

  /**
   * Backbone output (last pool) for {@code n} NHWC images.
   *
   * @param images the images, {@code [n, height, width, channels]} row-major
   * @param n the number of images
   * @return the features, {@code [n, h', w', channels]} row-major
   */
  public float[] features(float[] images, int n) {
    checkImages(images, n);
    try (TFloat32 x = Tensors.of(new long[] {n, height, width, channels}, images)) {
      return g.infer(x, g.net.features(), n);
    }
  }

  private float[] run(ImageBatch batch, boolean training) {
    return run(batch, training, null);
  }

  /** One batch through the whole model; with {@code cacheOut}, also returns the frozen blocks' output in it. */
  private float[] run(ImageBatch batch, boolean training, CachedBatch[] cacheOut) {
    checkLayout(batch);
    checkImages(batch.images(), batch.size());
    float[] y = BatchInputs.oneHot(batch, head.classes());
    float[] w = BatchInputs.weights(batch);
    try (TFloat32 sw = Tensors.of(new long[] {batch.size()}, w);
        TFloat32 x = Tensors.of(new long[] {batch.size(), height, width, channels}, batch.images());
        TFloat32 t = Tensors.of(new long[] {batch.size(), head.classes()}, y);
        Result r = g.run(x, t, sw, batch.size(), training, cacheOut != null)) {
      if (cacheOut != null) {
        TFloat32 f = (TFloat32) r.get(2);
        cacheOut[0] = new CachedBatch(Tensors.values(f), f.shape().asArray(), y, w, batch.size());
      }
      return new float[] {Tensors.scalar(r.get(0)), Tensors.scalar(r.get(1)), sum(w)};
    }
  }

  private static void checkLayout(ImageBatch batch) {
    if (batch.layout() != ImageLayout.NHWC) {
      throw new IllegalArgumentException("FineTuner needs channels_last (NHWC) batches but got a " + batch.layout()
          + " batch; build the generator with dataFormat(DataFormat.CHANNELS_LAST)");
    }
  }

  private void checkImages(float[] images, int n) {
    long expected = (long) n * height * width * channels;
    if (images.length != expected) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "images must hold %d samples of %dx%dx%d (%d floats) but had %d floats; resize inputs to the model's "
              + "inputShape", n, height, width, channels, expected, images.length));
    }
  }

  /**
   * Keras' {@code summary()} for this model and freeze.
   *
   * @return the summary; for a model built from its Keras config, its top-level layers (frozen as in the current
   *     phase) and the head, with Keras' trainable and non-trainable totals
   */
  public ModelSummary summary() {
    if (arch == null) {
      return ConfigSummary.of(model, phases.unfreezeFrom(phase), head, phases.batchNorm());
    }
    return ModelSummary.of(arch, height, width, frozenLayers, head);
  }

  /** {@return every weight, frozen and trained, by Keras name (trained values are copies)} */
  public Map<String, Weight> weights() {
    if (arch == null) {
      return g.net.read(g.session);
    }
    Map<String, Weight> out = new LinkedHashMap<>(arch.weights());
    out.putAll(g.net.read(g.session));
    return out;
  }

  @Override
  public Map<String, Weight> trainableWeights() {
    return g.net.read(g.session, arch == null);
  }

  @Override
  public void trainableWeights(Map<String, Weight> weights) {
    g.net.assign(g.session, weights, false);
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
    return g.learningRate();
  }

  @Override
  public void learningRate(double value) {
    Preconditions.requireArgument(value > 0 && !Double.isInfinite(value), "learningRate must be > 0 but was %s",
        value);
    g.learningRate(value);
  }

  @Override
  public void export(Path dir) {
    if (arch == null) {
      SavedModelExporter.export(dir, g.session, g.net.input(), g.net.probabilities(), modelName, preprocessing,
          classNames);
      return;
    }
    SavedModelExporter.export(dir, arch, height, width, preprocessing, head, weights(), classNames);
  }

  @Override
  public int epochs() {
    return epochs;
  }

  @Override
  public int steps() {
    return steps;
  }

  /** {@return the VGG backbone, or null for a model built from its Keras config} */
  public VggArchitecture architecture() {
    return arch;
  }

  /** {@return the optimizer of the current phase} */
  public Optimizer optimizer() {
    return phases.optimizer(phase);
  }

  /** {@return the input preprocessing} */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** {@return the classifier head} */
  public Head head() {
    return head;
  }

  /** {@return the class names in label order ("0", "1", ... when none were given)} */
  public List<String> classNames() {
    return classNames;
  }

  /** {@return the number of frozen leading Keras layers (for a model built from its config: all its layers)} */
  public int frozenLayers() {
    return frozenLayers;
  }

  @Override
  public void close() {
    g.close();
  }

  /**
   * Configures a {@link FineTuner}; use once. Each option may be set once ({@link IllegalStateException} on a
   * second set, also through another setter of the same option such as {@code freezeFirst} after
   * {@code freezeUpTo}) and never to null ({@link NullPointerException}).
   */
  public static final class Builder {
    private final KerasWeights base;
    private final Path model;
    private boolean defaultHead;
    private String unfreezeFrom;
    private int height = DEFAULT_INPUT_SIZE;
    private int width = DEFAULT_INPUT_SIZE;
    private FreezePolicy freeze = FreezePolicy.allButLastBlock();
    private Head head;
    private List<String> classNames;
    private Optimizer optimizer = Optimizer.rmsprop();
    private Preprocessing preprocessing = Preprocessing.CAFFE;
    private long seed = DEFAULT_SEED;
    private boolean shuffle = true;
    private Map<String, Weight> headWeights;
    private int threads;
    private Unfreeze fineTune;
    private int fineTuneEpochs;
    private Double fineTuneLearningRate;
    private Optimizer fineTuneOptimizer;
    private BatchNormTraining batchNormalization = BatchNormTraining.KERAS3_FIT;
    private final BuilderOptions options = new BuilderOptions();

    private Builder(KerasWeights base, Path model) {
      this.base = base;
      this.model = model;
    }

    /**
     * Input height and width in pixels; default {@value #DEFAULT_INPUT_SIZE}.
     *
     * @param height the input height
     * @param width the input width
     * @return this builder
     */
    public Builder inputShape(int height, int width) {
      Preconditions.requireArgument(height >= 1 && width >= 1, "inputShape must be positive but was %dx%d", height,
          width);
      options.mark("inputShape", height + "x" + width);
      this.height = height;
      this.width = width;
      return this;
    }

    /**
     * Which layers stay frozen; default {@link FreezePolicy#allButLastBlock()} (Keras {@code layers[:15]}).
     *
     * @param policy the freeze policy
     * @return this builder
     */
    public Builder freeze(FreezePolicy policy) {
      this.freeze = options.set("freeze", policy);
      return this;
    }

    /**
     * Freezes Keras layers {@code [0, n)}.
     *
     * @param n the number of leading layers to freeze
     * @return this builder
     */
    public Builder freezeFirst(int n) {
      return freeze(FreezePolicy.first(n));
    }

    /**
     * Freezes every layer up to and including {@code layerName}.
     *
     * @param layerName the last frozen layer
     * @return this builder
     */
    public Builder freezeUpTo(String layerName) {
      return freeze(FreezePolicy.upTo(Preconditions.requireNonNull("freezeUpTo", layerName)));
    }

    /**
     * Freezes every layer before {@code layerName}.
     *
     * @param layerName the first trainable layer
     * @return this builder
     */
    public Builder trainableFrom(String layerName) {
      return freeze(FreezePolicy.trainableFrom(Preconditions.requireNonNull("trainableFrom", layerName)));
    }

    /**
     * For a model built from its Keras config ({@link FineTuner#builderFor}): the keras.io second phase, training the
     * top-level layers from {@code layerName} on, while the layers before it stay frozen and in inference mode; the
     * unfrozen BatchNormalization layers train as {@link #batchNormalization} says. Start it from the first phase's
     * head with {@link #headWeights} (the frozen base did not change).
     *
     * @param layerName the first layer to train, e.g. {@code "block_13_expand"}
     * @return this builder
     */
    public Builder unfreezeFrom(String layerName) {
      this.unfreezeFrom = options.set("unfreezeFrom", layerName);
      return this;
    }

    /**
     * The classifier head: {@link Head#of} ({@code Flatten -> Dense(256, relu) -> Dropout(0.5) -> Dense(n,
     * softmax)}, the default for a VGG backbone) or {@link Head#globalAveragePooling} ({@code
     * GlobalAveragePooling2D -> Dropout(0.2) -> Dense(n, softmax)}, the default for a model built from its config),
     * on either kind of backbone. Alternatively {@link #classes} or {@link #classNames} with the default head.
     *
     * @param value the head
     * @return this builder
     */
    public Builder head(Head value) {
      this.head = options.set("head", value);
      return this;
    }

    /**
     * The default head with {@code n} classes: Flatten-Dense for a VGG backbone, GlobalAveragePooling2D for a model
     * built from its config.
     *
     * @param n the number of classes
     * @return this builder
     */
    public Builder classes(int n) {
      head(Head.of(n));
      defaultHead = true;
      return this;
    }

    /**
     * Class names in label order; sets the default head if none is set.
     *
     * @param names the class names
     * @return this builder
     */
    public Builder classNames(List<String> names) {
      this.classNames = List.copyOf(options.set("classNames", names));
      return this;
    }

    /**
     * The optimizer; default {@link Optimizer#rmsprop()} (Keras' compile default).
     *
     * @param value the optimizer
     * @return this builder
     */
    public Builder optimizer(Optimizer value) {
      this.optimizer = options.set("optimizer", value);
      return this;
    }

    /**
     * The input preprocessing, baked into the graph and the export; default {@link Preprocessing#auto}: CAFFE for a
     * VGG backbone, and for a model built from its config the mode Keras documents for it.
     *
     * @param value the preprocessing
     * @return this builder
     */
    public Builder preprocessing(Preprocessing value) {
      this.preprocessing = options.set("preprocessing", value);
      return this;
    }

    /**
     * Seed of the head initialisation, the dropout masks and the shuffled batch order ({@link #shuffle}); default
     * {@value #DEFAULT_SEED}.
     *
     * @param value the seed, in [0, 2^32)
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = options.set("seed", Preconditions.requireSeed("seed", value));
      return this;
    }

    /**
     * Keras' {@code fit(shuffle=...)} for the training {@link Batches} (a {@code PyDataset} to Keras); default true,
     * as in Keras. {@link FineTuner#fit} reads the batches as Keras 3's {@code model.fit} (TensorFlow backend) reads
     * a {@code PyDataset}: before the first epoch batches 0 and 1 (Keras learns the output signature from them) and
     * then {@link Batches#onEpochEnd()}; each epoch every batch once, in the order of Python's
     * {@code random.shuffle(list(range(n)))} with Python's random seeded with {@link #seed} when {@code fit} starts
     * (Keras after {@code keras.utils.set_random_seed(seed)}), or in index order when false. An augmenting iterator
     * thus draws as under Keras, and a run with dropout 0 repeats Keras' {@code fit} epoch for epoch.
     *
     * @param value whether to shuffle the batch order each epoch
     * @return this builder
     */
    public Builder shuffle(boolean value) {
      this.shuffle = options.set("shuffle", value);
      return this;
    }

    /**
     * Explicit initial head weights ({@code dense/kernel} …) instead of the seeded Glorot-uniform ones.
     *
     * @param weights the head weights by Keras name
     * @return this builder
     */
    public Builder headWeights(Map<String, Weight> weights) {
      Preconditions.requireNonNull("headWeights", weights);
      options.mark("headWeights", "weights " + weights.keySet());
      this.headWeights = Map.copyOf(weights);
      return this;
    }

    /**
     * TensorFlow intra-op threads; 0 (default) lets TensorFlow choose.
     *
     * @param n the number of threads, at least 0
     * @return this builder
     */
    public Builder threads(int n) {
      Preconditions.requireArgument(n >= 0, "threads must be >= 0 but was %s", n);
      this.threads = options.set("threads", n);
      return this;
    }

    /**
     * The keras.io second phase: after the {@code epochs} given to {@link FineTuner#fit}, unfreeze the base from
     * {@code which} on and train {@link #fineTuneEpochs} more epochs with a fresh optimizer (Keras'
     * {@code compile} after setting {@code trainable}: new slots, iteration counter at 0) at
     * {@link #fineTuneLearningRate} or with {@link #fineTuneOptimizer}; by default the first phase's optimizer at a
     * tenth of its learning rate. The unfrozen BatchNormalization layers of a model built from its config train as
     * {@link #batchNormalization} says.
     *
     * @param which where the second phase starts training the base
     * @return this builder
     */
    public Builder fineTune(Unfreeze which) {
      this.fineTune = options.set("fineTune", which);
      return this;
    }

    /**
     * The epochs of the second phase ({@link #fineTune}), counted on from the first phase's.
     *
     * @param n the number of epochs, at least 1
     * @return this builder
     */
    public Builder fineTuneEpochs(int n) {
      Preconditions.requireArgument(n >= 1, "fineTuneEpochs must be >= 1 but was %s", n);
      this.fineTuneEpochs = options.set("fineTuneEpochs", n);
      return this;
    }

    /**
     * The learning rate of the second phase, with the first phase's optimizer kind and settings.
     *
     * @param lr the learning rate, positive and finite
     * @return this builder
     */
    public Builder fineTuneLearningRate(double lr) {
      Preconditions.requireArgument(lr > 0 && !Double.isInfinite(lr), "fineTuneLearningRate must be > 0 but was %s",
          lr);
      this.fineTuneLearningRate = options.set("fineTuneLearningRate", lr);
      return this;
    }

    /**
     * The optimizer of the second phase (a fresh instance: its slots start at zero).
     *
     * @param value the optimizer
     * @return this builder
     */
    public Builder fineTuneOptimizer(Optimizer value) {
      this.fineTuneOptimizer = options.set("fineTuneOptimizer", value);
      return this;
    }

    /**
     * For a model built from its Keras config: how the BatchNormalization layers of the unfrozen part of the base
     * train ({@link #unfreezeFrom}, {@link #fineTune}); default {@link BatchNormTraining#KERAS3_FIT}, what Keras 3
     * {@code fit} does. {@link BatchNormTraining#FROZEN} keeps them in inference mode, as the keras.io guide intends.
     *
     * @param value the BatchNormalization training behaviour
     * @return this builder
     */
    public Builder batchNormalization(BatchNormTraining value) {
      this.batchNormalization = options.set("batchNormalization", value);
      return this;
    }

    private Phases.Second second() {
      boolean any = options.isSet("fineTuneEpochs") || options.isSet("fineTuneLearningRate")
          || options.isSet("fineTuneOptimizer");
      if (fineTune == null) {
        Preconditions.requireState(!any, "fineTuneEpochs, fineTuneLearningRate and fineTuneOptimizer need "
            + "fineTune(Unfreeze) (where the second phase unfreezes the base)");
        return null;
      }
      Preconditions.requireState(options.isSet("fineTuneEpochs"), "fineTune(%s) needs fineTuneEpochs(n)", fineTune);
      Preconditions.requireState(fineTuneOptimizer == null || fineTuneLearningRate == null,
          "set fineTuneLearningRate or fineTuneOptimizer, not both");
      Optimizer second = fineTuneOptimizer != null ? fineTuneOptimizer
          : optimizer.withLearningRate(fineTuneLearningRate != null ? fineTuneLearningRate
              : optimizer.learningRate() / 10);
      return new Phases.Second(fineTune, fineTuneEpochs, second);
    }

    /**
     * Builds the graph and session and loads the weights.
     *
     * @return the fine-tuner
     * @throws IllegalStateException if neither a head nor classes were given, or class names disagree with it
     * @throws dev.tuna.finetune.load.KerasModelException if the base is not a VGG network
     */
    public FineTuner build() {
      if (head == null && classNames != null) {
        head = Head.of(classNames.size());
        defaultHead = true;
      }
      if (model != null && defaultHead) {
        head = Head.globalAveragePooling(head.classes());
      }
      if (head == null) {
        throw new IllegalStateException("head must be set: call classes(n), classNames(list) or head(Head)");
      }
      if (classNames == null) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < head.classes(); i++) {
          names.add(Integer.toString(i));
        }
        classNames = List.copyOf(names);
      } else if (classNames.size() != head.classes()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "classNames has %d names but the head has %d classes", classNames.size(), head.classes()));
      }
      if (model != null) {
        return buildFromConfig();
      }
      if (unfreezeFrom != null) {
        throw new IllegalStateException("unfreezeFrom is for models built from their Keras config; for a VGG "
            + "backbone use trainableFrom(\"" + unfreezeFrom + "\")");
      }
      Preconditions.requireState(!options.isSet("batchNormalization"), "batchNormalization is for models built "
          + "from their Keras config; a VGG backbone has no BatchNormalization");
      Phases.Second second = second();
      VggArchitecture arch = VggArchitecture.from(base);
      int frozen = freeze.frozenLayers(arch);
      int min = 1 << arch.blocks();
      if (height < min || width < min) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "inputShape must be at least %dx%d for %d pooling blocks but was %dx%d", min, min, arch.blocks(),
            height, width));
      }
      int fanIn = head.globalAveragePooling() ? arch.outputChannels()
          : arch.outputSize(height) * arch.outputSize(width) * arch.outputChannels();
      Map<String, Weight> init = new LinkedHashMap<>(arch.weights());
      init.putAll(headWeights != null ? headWeights : HeadInit.glorotUniform(seed, fanIn, head));
      Phases phases = new Phases(arch, null, Phases.layerNames(arch), height, width, preprocessing, head, seed,
          threads, optimizer, frozen, null, second, BatchNormTraining.FROZEN);
      return new FineTuner(this, arch, phases, init, null);
    }

    private FineTuner buildFromConfig() {
      Phases.Second second = second();
      Preconditions.requireState(!options.isSet("freeze") || unfreezeFrom == null,
          "set freeze or unfreezeFrom, not both");
      try (ModelFiles.Loaded loaded = ModelFiles.read(model)) {
        if (!options.isSet("preprocessing")) {
          preprocessing = Preprocessing.auto(ModelConfig.parse(loaded.config()).name());
        }
        List<String> names = Phases.layerNames(loaded);
        String from = unfreezeFrom;
        if (options.isSet("freeze")) {
          int frozen = freeze.frozenLayers(names);
          from = frozen < names.size() ? names.get(frozen) : null;
        }
        Phases phases = new Phases(null, model, names, height, width, preprocessing, head, seed, threads, optimizer,
            0, from, second, batchNormalization);
        return new FineTuner(this, null, phases, headWeights, loaded);
      }
    }
  }
}
