package dev.tuna.finetune.train;

import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.internal.Network;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.HeadInit;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
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
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One compiled model: the network, its loss and metrics, and one optimizer's update step in a graph and session.
 * A Keras {@code compile} corresponds to a new instance: fresh optimizer slots and an iteration counter at 0.
 */
final class TrainGraph implements AutoCloseable {
  /** What to build: a VGG backbone ({@code arch}) or a model from its Keras config ({@code saved}). */
  record Spec(VggArchitecture arch, int height, int width, Preprocessing preprocessing, int frozenLayers,
      ModelFiles.Loaded saved, String unfreezeFrom, Head head, Optimizer optimizer, long seed, int threads,
      BatchNormTraining batchNorm) {}

  /** A variable outside the network (optimizer slot, counter) with the ops that read and set it. */
  private record State(String name, Operand<?> read, Placeholder<?> value, Op assign, long[] shape) {}

  private static final long MAX_SKIP = 1L << 24;

  final Graph graph;
  final Session session;
  final Network net;
  private final Placeholder<TFloat32> labels;
  private final Placeholder<TFloat32> sampleWeights;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> correct;
  private final Op trainStep;
  private final Variable<TFloat32> learningRate;
  private final Placeholder<TFloat32> learningRateValue;
  private final Assign<TFloat32> learningRateAssign;
  private final State iterations;
  private final List<State> slots = new ArrayList<>();
  private final Head head;
  private final GraphOperation dropout;
  private long dropoutDrawn;

  /**
   * Builds the graph and opens its session; {@code init} sets the head (and, for VGG, every weight), null for the
   * seeded Glorot-uniform head of a config model.
   */
  TrainGraph(Spec s, Map<String, Weight> init) {
    this.head = s.head();
    this.graph = new Graph();
    Session opened = null;
    try {
      Ops tf = Ops.create(graph);
      net = s.saved() == null
          ? Network.build(tf, s.arch(), s.height(), s.width(), s.preprocessing(), s.frozenLayers(), head, s.seed(),
              false)
          : Network.fromConfig(tf, s.saved().config(), s.saved().weights(), head, s.seed(), s.unfreezeFrom(),
              s.preprocessing(), s.batchNorm());
      labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, head.classes())));
      sampleWeights = tf.withName("sample_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      // Keras "sum_over_batch_size": sum(w * loss) / batch size; accuracy weighted by w.
      Operand<TFloat32> perSample = tf.math.mul(
          tf.nn.softmaxCrossEntropyWithLogits(net.logits(), labels).loss(), sampleWeights);
      loss = tf.withName("loss").math.mean(perSample, tf.constant(0));
      Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(tf.math.argMax(net.logits(), tf.constant(1)),
          tf.math.argMax(labels, tf.constant(1))), TFloat32.class);
      correct = tf.withName("correct").sum(tf.math.mul(hits, sampleWeights), tf.constant(0));
      learningRate = tf.withName("learning_rate").variable(tf.constant((float) s.optimizer().learningRate()));
      learningRateValue = tf.withName("learning_rate_value").placeholder(TFloat32.class,
          Placeholder.shape(Shape.scalar()));
      learningRateAssign = tf.assign(learningRate, learningRateValue);
      Variable<TInt64> iterationsVar = tf.withName("iterations").variable(tf.constant(0L));
      iterations = state(tf, "iterations", iterationsVar, TInt64.class, new long[0]);
      List<Network.Param> trainable = net.trainable();
      Output<?>[] xs = trainable.stream().map(p -> p.read().asOutput()).toArray(Output<?>[]::new);
      Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, xs, null);
      List<UpdateRules.Slot> made = new ArrayList<>();
      Op update = UpdateRules.build(tf, s.optimizer(), trainable, grads, tf.identity(learningRate), iterationsVar,
          made);
      List<Op> step = new ArrayList<>(net.updates()); // BatchNormalization's moving statistics in training mode
      step.add(update);
      trainStep = step.size() == 1 ? update : tf.withControlDependencies(step).noOp();
      for (UpdateRules.Slot slot : made) {
        slots.add(state(tf, slot.name(), slot.variable(), TFloat32.class, slot.shape()));
      }
      dropout = headDropout(graph);
      ConfigProto.Builder config = ConfigProto.newBuilder();
      if (s.threads() > 0) {
        config.setIntraOpParallelismThreads(s.threads()).setInterOpParallelismThreads(1);
      }
      opened = new Session(graph, config.build());
      opened.initialize();
      if (s.saved() == null) {
        net.assign(opened, init, true);
      } else {
        net.initializeBase(opened);
        s.saved().weights().checkAllUsed();
        List<String> headNames = head.globalAveragePooling() ? List.of("dense/kernel", "dense/bias")
            : List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias");
        // the head's variables come last: its first Dense kernel is [features, units or classes]
        long fanIn = net.params().get(net.params().size() - headNames.size()).shape()[0];
        Map<String, Weight> headInit = init != null ? init
            : HeadInit.glorotUniform(s.seed(), Math.toIntExact(fanIn), head);
        for (String name : headNames) {
          Preconditions.requireArgument(headInit.containsKey(name), "headWeights has no %s; given %s", name,
              headInit.keySet());
        }
        net.assign(opened, headInit, false);
      }
      session = opened;
    } catch (RuntimeException | Error e) {
      FineTuner.closeAfterFailure(opened, graph, e);
      throw e;
    }
  }

  private static <T extends org.tensorflow.types.family.TType> State state(Ops tf, String name,
      Variable<T> variable, Class<T> type, long[] shape) {
    Placeholder<T> value = tf.withName(name + "_restore").placeholder(type, Placeholder.shape(Shape.of(shape)));
    return new State(name, tf.withName(name + "_read").identity(variable), value,
        tf.withName(name + "_restore_assign").assign(variable, value), shape);
  }

  /** The head's seeded RandomUniform (the base's ops live under {@code base/}), or null without dropout. */
  private static GraphOperation headDropout(Graph graph) {
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("RandomUniform") && !op.name().startsWith("base/")) {
        return op;
      }
    }
    return null;
  }

  /**
   * Counts the dropout draws of a run over {@code n} samples (every run that reaches the head draws, dropout on or
   * off), so that {@link #skipDropout} can continue the same mask stream in a new graph.
   */
  void drewDropout(int n) {
    if (dropout != null) {
      dropoutDrawn += n * dropout.output(0).shape().size(1);
    }
  }

  /** {@return the number of dropout values drawn so far from the head's random stream} */
  long dropoutDrawn() {
    return dropoutDrawn;
  }

  /**
   * Advances the head's dropout stream by {@code values} draws. TensorFlow's seeded RandomUniform kernel moves its
   * Philox counter by 256 per value drawn, whatever the shapes, so drawing the same number of values in fewer
   * calls leaves it where the original calls left it.
   */
  void skipDropout(long values) {
    Preconditions.requireArgument(values >= 0, "dropout draws must be >= 0 but was %s", values);
    if (dropout == null || values == 0) {
      return;
    }
    long width = dropout.output(0).shape().size(1);
    Preconditions.requireArgument(values % width == 0, "dropout draws %s are not a multiple of the head width %s",
        values, width);
    long left = values;
    while (left > 0) {
      long rows = Math.min(left, MAX_SKIP) / width;
      try (TInt32 shape = TInt32.vectorOf((int) rows, (int) width);
          Result r = session.runner().feed(dropout.input(0), shape).fetch(dropout.output(0)).run()) {
        left -= rows * width;
      }
    }
    dropoutDrawn += values;
  }

  /**
   * One batch: loss, weighted correct count (and the frozen output when {@code frozenOut}); trains when
   * {@code training}.
   */
  Result run(TFloat32 x, TFloat32 y, TFloat32 w, int n, boolean training, boolean frozenOut) {
    try (TFloat32 keep = TFloat32.scalarOf(training ? (float) (1 - head.dropout()) : 1f);
        TFloat32 on = TFloat32.scalarOf(training ? 1f : 0f)) {
      Session.Runner runner = session.runner().feed(net.input(), x).feed(labels, y).feed(sampleWeights, w)
          .feed(net.keep(), keep).fetch(loss).fetch(correct);
      trainingMode(runner, on);
      if (frozenOut) {
        runner.fetch(net.frozenOutput());
      }
      if (training) {
        runner.addTarget(trainStep);
      }
      Result r = runner.run();
      drewDropout(n);
      return r;
    }
  }

  /**
   * One batch fed as the frozen blocks' output: loss and weighted correct count; a training step (dropout on) when
   * {@code training}, else evaluation.
   */
  Result runFrozen(TFloat32 features, TFloat32 y, TFloat32 w, int n, boolean training) {
    try (TFloat32 keep = TFloat32.scalarOf(training ? (float) (1 - head.dropout()) : 1f);
        TFloat32 on = TFloat32.scalarOf(training ? 1f : 0f)) {
      Session.Runner runner = session.runner().feed(net.frozenOutput(), features).feed(labels, y)
          .feed(sampleWeights, w).feed(net.keep(), keep).fetch(loss).fetch(correct);
      trainingMode(runner, on);
      if (training) {
        runner.addTarget(trainStep);
      }
      Result r = runner.run();
      drewDropout(n);
      return r;
    }
  }

  /** Feeds the base's training-mode switch {@code on} (1 in a training step; it defaults to 0, inference). */
  private void trainingMode(Session.Runner runner, TFloat32 on) {
    if (net.training() != null) {
      runner.feed(net.training(), on);
    }
  }

  /** {@code fetched} (probabilities or features) for the images {@code x} of {@code n} samples. */
  float[] infer(TFloat32 x, Operand<TFloat32> fetched, int n) {
    try (Result r = session.runner().feed(net.input(), x).fetch(fetched).run()) {
      if (fetched == net.probabilities()) {
        drewDropout(n);
      }
      return Tensors.values((TFloat32) r.get(0));
    }
  }

  double learningRate() {
    try (Result r = session.runner().fetch(learningRate).run()) {
      return Tensors.scalar(r.get(0));
    }
  }

  void learningRate(double value) {
    try (TFloat32 v = TFloat32.scalarOf((float) value)) {
      session.runner().feed(learningRateValue, v).addTarget(learningRateAssign).run();
    }
  }

  /** {@return the optimizer's iteration counter} */
  long iterations() {
    try (Result r = session.runner().fetch(iterations.read()).run()) {
      return ((TInt64) r.get(0)).getObject();
    }
  }

  /** Sets the optimizer's iteration counter. */
  void iterations(long value) {
    try (TInt64 v = TInt64.scalarOf(value)) {
      session.runner().feed(iterations.value(), v).addTarget(iterations.assign()).run();
    }
  }

  /** {@return the optimizer's slots ({@code <variable>_momentum} …), copies} */
  Map<String, Weight> slots() {
    Map<String, Weight> out = new LinkedHashMap<>();
    if (slots.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    slots.forEach(s -> runner.fetch(s.read()));
    try (Result r = runner.run()) {
      for (int i = 0; i < slots.size(); i++) {
        State s = slots.get(i);
        out.put(s.name(), Weight.of(s.name(), s.shape(), Tensors.values((TFloat32) r.get(i))));
      }
    }
    return out;
  }

  /** Sets every optimizer slot from {@code values}, which must hold each one with its shape. */
  void slots(Map<String, Weight> values) {
    Session.Runner runner = session.runner();
    List<TFloat32> open = new ArrayList<>();
    try {
      for (State s : slots) {
        Weight w = values.get(s.name());
        if (w == null || !java.util.Arrays.equals(w.shape(), s.shape())) {
          throw new IllegalArgumentException("optimizer slot " + s.name() + " is missing or has another shape in "
              + "the checkpoint (" + (w == null ? "missing" : java.util.Arrays.toString(w.shape())) + ")");
        }
        TFloat32 t = Tensors.of(w);
        open.add(t);
        runner.feed(s.value(), t).addTarget(s.assign());
      }
      if (!open.isEmpty()) {
        runner.run();
      }
    } finally {
      open.forEach(TFloat32::close);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
