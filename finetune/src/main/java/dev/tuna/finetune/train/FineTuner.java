package dev.tuna.finetune.train;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.export.SavedModelExporter;
import dev.tuna.finetune.internal.Network;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.FreezePolicy;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.HeadInit;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras-style transfer learning of a VGG backbone on TensorFlow Java: the frozen layers become constants, the rest
 * plus a new {@link Head} train with a Keras optimizer on categorical cross-entropy, and {@link #fit} reports
 * Keras' {@code History}. Preprocessing is part of the graph, so inputs are always RGB floats in [0, 255] (do not
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
  private final String modelName;
  private final int channels;
  private final int height;
  private final int width;
  private final int frozenLayers;
  private final Head head;
  private final List<String> classNames;
  private final Optimizer optimizer;
  private final Preprocessing preprocessing;
  private final Graph graph;
  private final Session session;
  private final Network net;
  private final Placeholder<TFloat32> labels;
  private final Placeholder<TFloat32> sampleWeights;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> correct;
  private final Op trainStep;
  private final Variable<TFloat32> learningRate;
  private final Placeholder<TFloat32> learningRateValue;
  private final Assign<TFloat32> learningRateAssign;
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

  private FineTuner(Builder b, VggArchitecture arch, int frozenLayers, Map<String, Weight> headWeights,
      ModelFiles.Loaded saved) {
    this.arch = arch;
    this.head = b.head;
    this.classNames = b.classNames;
    this.optimizer = b.optimizer;
    this.preprocessing = b.preprocessing;
    this.graph = new Graph();
    Session opened = null;
    try {
      Ops tf = Ops.create(graph);
      if (saved == null) {
        net = Network.build(tf, arch, b.height, b.width, preprocessing, frozenLayers, head, b.seed, false);
        modelName = arch.toString();
        height = b.height;
        width = b.width;
        this.frozenLayers = frozenLayers;
      } else {
        net = Network.fromConfig(tf, saved.config(), saved.weights(), head, b.seed, b.unfreezeFrom);
        long[] in = net.input().shape().asArray();
        if (in.length != 4 || in[1] < 1 || in[2] < 1) {
          throw new IllegalArgumentException("the model " + b.model + " has an open input size " + net.input().shape()
              + "; save it with a fixed input_shape");
        }
        if (b.options.isSet("inputShape") && (in[1] != b.height || in[2] != b.width)) {
          throw new IllegalArgumentException("inputShape " + b.height + "x" + b.width + " does not match "
              + b.model + ", built for " + in[1] + "x" + in[2] + " inputs");
        }
        modelName = ModelConfig.parse(saved.config()).name();
        height = (int) in[1];
        width = (int) in[2];
        this.frozenLayers = b.unfreezeFrom == null ? net.baseLayerCount() : net.baseLayerIndex(b.unfreezeFrom);
      }
      channels = net.inputChannels();
      labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, head.classes())));
      sampleWeights = tf.withName("sample_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      // Keras "sum_over_batch_size": sum(w * loss) / batch size; accuracy weighted by w.
      Operand<TFloat32> perSample = tf.math.mul(
          tf.nn.softmaxCrossEntropyWithLogits(net.logits(), labels).loss(), sampleWeights);
      loss = tf.withName("loss").math.mean(perSample, tf.constant(0));
      Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(tf.math.argMax(net.logits(), tf.constant(1)),
          tf.math.argMax(labels, tf.constant(1))), TFloat32.class);
      correct = tf.withName("correct").sum(tf.math.mul(hits, sampleWeights), tf.constant(0));
      learningRate = tf.withName("learning_rate").variable(tf.constant((float) optimizer.learningRate()));
      learningRateValue = tf.withName("learning_rate_value").placeholder(TFloat32.class,
          Placeholder.shape(Shape.scalar()));
      learningRateAssign = tf.assign(learningRate, learningRateValue);
      Variable<TInt64> iterations = tf.withName("iterations").variable(tf.constant(0L));
      List<Network.Param> trainable = net.trainable();
      Output<?>[] xs = trainable.stream().map(p -> p.read().asOutput()).toArray(Output<?>[]::new);
      Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, xs, null);
      trainStep = UpdateRules.build(tf, optimizer, trainable, grads, tf.identity(learningRate), iterations);
      ConfigProto.Builder config = ConfigProto.newBuilder();
      if (b.threads > 0) {
        config.setIntraOpParallelismThreads(b.threads).setInterOpParallelismThreads(1);
      }
      opened = new Session(graph, config.build());
      opened.initialize();
      if (saved == null) {
        Map<String, Weight> init = new LinkedHashMap<>(arch.weights());
        init.putAll(headWeights);
        net.assign(opened, init, true);
      } else {
        net.initializeBase(opened);
        saved.weights().checkAllUsed();
        Map<String, Weight> init = headWeights != null ? headWeights
            : HeadInit.glorotUniform(b.seed, (int) net.params().get(net.params().size() - 2).shape()[0], head);
        for (String name : new String[] {"dense/kernel", "dense/bias"}) {
          Preconditions.requireArgument(init.containsKey(name), "headWeights has no %s; given %s", name,
              init.keySet());
        }
        net.assign(opened, init, false);
      }
      session = opened;
    } catch (RuntimeException | Error e) {
      closeAfterFailure(opened, graph, e);
      throw e;
    }
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
   * softmax)}. The input is fed as the model expects it ({@link Preprocessing#NONE}; models such as EfficientNet
   * and MobileNetV3 carry their own preprocessing layers) and the input size is the model's.
   *
   * @param model the saved model
   * @return the builder
   */
  public static Builder builderFor(Path model) {
    return new Builder(null, Preconditions.requireNonNull("model", model));
  }

  /**
   * Keras' {@code fit}: {@code epochs} passes over {@code train}, each followed by evaluation on
   * {@code validation} (may be null) and the callbacks' {@code onEpochEnd}.
   *
   * @param train the training batches
   * @param epochs the number of passes, at least 1
   * @param validation the validation batches, or null
   * @param callbacks called after each epoch
   * @return the per-epoch metrics
   */
  public History fit(Batches train, int epochs, Batches validation, Callback... callbacks) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
    }
    History history = new History();
    List<Callback> all = new ArrayList<>(Arrays.asList(callbacks));
    all.add(history);
    this.stop = false;
    this.epochs = epochs;
    this.steps = train.batchCount();
    all.forEach(c -> c.onTrainBegin(this));
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (Callback c : all) {
        c.onEpochBegin(this, epoch);
      }
      double lossSum = 0;
      double correctSum = 0;
      double weightSum = 0;
      long seen = 0;
      Map<String, Double> logs = new LinkedHashMap<>();
      java.util.concurrent.CompletableFuture<ImageBatch> next = null;
      java.util.concurrent.CompletableFuture<ImageBatch> firstValidation = null;
      for (int step = 0; step < steps; step++) {
        ImageBatch batch = next != null ? await(next) : train.batch(step);
        next = null;
        if (overlapBatches && step + 1 < steps) {
          int following = step + 1;
          next = java.util.concurrent.CompletableFuture.supplyAsync(() -> train.batch(following), PREFETCH);
        } else if (overlapBatches && validation != null && readsBatches(validation)) {
          // the last step trains while the first validation batch is built (evaluation reads it next)
          next = java.util.concurrent.CompletableFuture.supplyAsync(() -> validation.batch(0), PREFETCH);
          firstValidation = next;
        }
        float[] r;
        try {
          r = run(batch, true);
        } catch (RuntimeException | Error e) {
          if (next != null) {
            next.join(); // never leave a batch call running past fit
          }
          throw e;
        }
        lossSum += r[0] * batch.size();
        correctSum += r[1];
        weightSum += r[2];
        seen += batch.size();
        logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / seen);
        logs.put("accuracy", correctSum / weightSum);
        for (Callback c : all) {
          c.onBatchEnd(this, step, logs);
        }
        if (stop) {
          if (next != null && next != firstValidation) {
            await(next); // drawn already (as a prefetching Keras data adapter would have); unused
          }
          break;
        }
      }
      epochLogs = new LinkedHashMap<>(logs);
      if (validation != null) {
        for (var e : evaluate(validation, firstValidation).entrySet()) {
          epochLogs.put("val_" + e.getKey(), e.getValue());
        }
      }
      for (Callback c : all) {
        c.onEpochEnd(this, epoch, epochLogs);
      }
      train.onEpochEnd();
      if (stop) {
        break;
      }
    }
    for (Callback c : all) {
      c.onTrainEnd(this, epochLogs);
    }
    return history;
  }

  /** One daemon thread per JVM for {@link #fit}'s next-batch prefetch (idle between fits). */
  private static final java.util.concurrent.ExecutorService PREFETCH =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tuna-fit-prefetch");
        t.setDaemon(true);
        return t;
      });

  /** The prefetched batch, with the batch call's own exception rethrown as is. */
  private static ImageBatch await(java.util.concurrent.CompletableFuture<ImageBatch> next) {
    try {
      return next.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
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
  private boolean readsBatches(Batches batches) {
    return !(cachedFor == batches && cache != null);
  }

  /**
   * {@link #evaluate(Batches)} with batch 0 already being built ({@code first}, or null); with
   * {@link #overlapBatches}, batch {@code i + 1} is built while batch {@code i} runs (the same calls in order).
   */
  private Map<String, Double> evaluate(Batches batches, java.util.concurrent.CompletableFuture<ImageBatch> first) {
    boolean reuse = !readsBatches(batches);
    boolean fill = !reuse && net.frozenOutput() != null && batches.deterministic();
    List<CachedBatch> filling = fill ? new ArrayList<>() : null;
    long cachedFloats = 0;
    double lossSum = 0;
    double correctSum = 0;
    double weightSum = 0;
    long seen = 0;
    if (reuse && first != null) {
      await(first);
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
        ImageBatch b = next != null ? await(next) : batches.batch(i);
        next = null;
        if (overlapBatches && i + 1 < count) {
          int following = i + 1;
          next = java.util.concurrent.CompletableFuture.supplyAsync(() -> batches.batch(following), PREFETCH);
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
    try (TFloat32 f = Tensors.of(c.shape(), c.features());
        TFloat32 t = Tensors.of(new long[] {c.size(), head.classes()}, c.labels());
        TFloat32 sw = Tensors.of(new long[] {c.size()}, c.weights());
        TFloat32 keep = TFloat32.scalarOf(1f);
        Result r = session.runner().feed(net.frozenOutput(), f).feed(labels, t).feed(sampleWeights, sw)
            .feed(net.keep(), keep).fetch(loss).fetch(correct).run()) {
      return new float[] {Tensors.scalar(r.get(0)), Tensors.scalar(r.get(1)), sum(c.weights())};
    }
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
    try (TFloat32 x = Tensors.of(new long[] {n, height, width, channels}, images);
        Result r = session.runner().feed(net.input(), x).fetch(net.probabilities()).run()) {
      return Tensors.values((TFloat32) r.get(0));
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
    try (TFloat32 x = Tensors.of(new long[] {n, height, width, channels}, images);
        Result r = session.runner().feed(net.input(), x).fetch(net.features()).run()) {
      return Tensors.values((TFloat32) r.get(0));
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
        TFloat32 keep = TFloat32.scalarOf(training ? (float) (1 - head.dropout()) : 1f)) {
      Session.Runner runner = session.runner().feed(net.input(), x).feed(labels, t).feed(sampleWeights, sw)
          .feed(net.keep(), keep).fetch(loss).fetch(correct);
      if (cacheOut != null) {
        runner.fetch(net.frozenOutput());
      }
      if (training) {
        runner.addTarget(trainStep);
      }
      try (Result r = runner.run()) {
        if (cacheOut != null) {
          TFloat32 f = (TFloat32) r.get(2);
          cacheOut[0] = new CachedBatch(Tensors.values(f), f.shape().asArray(), y, w, batch.size());
        }
        return new float[] {Tensors.scalar(r.get(0)), Tensors.scalar(r.get(1)), sum(w)};
      }
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
   * @return the summary
   * @throws UnsupportedOperationException for a model built from its Keras config (use
   *     {@link dev.tuna.finetune.graph.KerasModel#summary()})
   */
  public ModelSummary summary() {
    if (arch == null) {
      throw new UnsupportedOperationException("summary() describes VGG backbones; for " + modelName
          + " use KerasModel.load(path).summary().freezeAll()");
    }
    return ModelSummary.of(arch, height, width, frozenLayers, head);
  }

  /** {@return every weight, frozen and trained, by Keras name (trained values are copies)} */
  public Map<String, Weight> weights() {
    if (arch == null) {
      return net.read(session);
    }
    Map<String, Weight> out = new LinkedHashMap<>(arch.weights());
    out.putAll(net.read(session));
    return out;
  }

  @Override
  public Map<String, Weight> trainableWeights() {
    return net.read(session, arch == null);
  }

  @Override
  public void trainableWeights(Map<String, Weight> weights) {
    net.assign(session, weights, false);
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
    try (Result r = session.runner().fetch(learningRate).run()) {
      return Tensors.scalar(r.get(0));
    }
  }

  @Override
  public void learningRate(double value) {
    Preconditions.requireArgument(value > 0 && !Double.isInfinite(value), "learningRate must be > 0 but was %s",
        value);
    try (TFloat32 v = TFloat32.scalarOf((float) value)) {
      session.runner().feed(learningRateValue, v).addTarget(learningRateAssign).run();
    }
  }

  @Override
  public void export(Path dir) {
    if (arch == null) {
      SavedModelExporter.export(dir, session, net.input(), net.probabilities(), modelName, preprocessing,
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

  /** {@return the optimizer} */
  public Optimizer optimizer() {
    return optimizer;
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
    try {
      session.close();
    } finally {
      graph.close();
    }
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
    private Map<String, Weight> headWeights;
    private int threads;
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
     * top-level layers from {@code layerName} on, while the layers before it and every BatchNormalization stay
     * frozen and in inference mode. Start it from the first phase's head with {@link #headWeights} (the frozen
     * base did not change).
     *
     * @param layerName the first layer to train, e.g. {@code "block_13_expand"}
     * @return this builder
     */
    public Builder unfreezeFrom(String layerName) {
      this.unfreezeFrom = options.set("unfreezeFrom", layerName);
      return this;
    }

    /**
     * The classifier head. Alternatively {@link #classes} or {@link #classNames} with the default head.
     *
     * @param value the head
     * @return this builder
     */
    public Builder head(Head value) {
      this.head = options.set("head", value);
      return this;
    }

    /**
     * The default head with {@code n} classes.
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
     * The input preprocessing; default {@link Preprocessing#CAFFE}, right for ImageNet VGG weights.
     *
     * @param value the preprocessing
     * @return this builder
     */
    public Builder preprocessing(Preprocessing value) {
      this.preprocessing = options.set("preprocessing", value);
      return this;
    }

    /**
     * Seed of the head initialisation and dropout masks; default {@value #DEFAULT_SEED}.
     *
     * @param value the seed, in [0, 2^32)
     * @return this builder
     */
    public Builder seed(long value) {
      Preconditions.requireArgument(value >= 0 && value <= 0xFFFF_FFFFL, "seed must be in [0, 2^32) but was %s",
          value);
      this.seed = options.set("seed", value);
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
      VggArchitecture arch = VggArchitecture.from(base);
      int frozen = freeze.frozenLayers(arch);
      int min = 1 << arch.blocks();
      if (height < min || width < min) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "inputShape must be at least %dx%d for %d pooling blocks but was %dx%d", min, min, arch.blocks(),
            height, width));
      }
      int fanIn = arch.outputSize(height) * arch.outputSize(width) * arch.outputChannels();
      Map<String, Weight> init = headWeights != null ? headWeights : HeadInit.glorotUniform(seed, fanIn, head);
      return new FineTuner(this, arch, frozen, init, null);
    }

    private FineTuner buildFromConfig() {
      if (options.isSet("freeze")) {
        throw new IllegalStateException("freeze: a model built from its Keras config trains with its whole base "
            + "frozen; freeze points are for VGG backbones");
      }
      if (options.isSet("preprocessing") && preprocessing != Preprocessing.NONE) {
        throw new IllegalArgumentException("preprocessing " + preprocessing + " is for VGG backbones; a model built "
            + "from its Keras config takes its input as Keras' model.predict does (Preprocessing.NONE)");
      }
      if (!head.globalAveragePooling()) {
        throw new IllegalArgumentException("head " + head + " needs a VGG backbone; use "
            + "Head.globalAveragePooling(n) or classes(n)");
      }
      preprocessing = Preprocessing.NONE;
      try (ModelFiles.Loaded loaded = ModelFiles.read(model)) {
        return new FineTuner(this, null, 0, headWeights, loaded);
      }
    }
  }
}
