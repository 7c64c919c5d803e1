package dev.tuna.finetune.internal;

import com.google.gson.JsonObject;
import dev.tuna.finetune.graph.WeightSource;
import dev.tuna.finetune.internal.graph.GraphInterpreter;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.WeightBinder;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Layer;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The VGG backbone plus head, built from native TF ops. Layers before the freeze index are graph constants; the
 * others are {@code VariableV2}s read through {@code identity}, set from placeholders by {@link #assign}.
 */
public final class Network {
  /** A variable of the network and the ops that read and set it. */
  public record Param(String name, Variable<TFloat32> variable, Operand<TFloat32> read,
      Placeholder<TFloat32> value, Assign<TFloat32> assign, long[] shape, boolean trainable) {}

  /** The head's outputs and its dropout switch. */
  private record Top(Operand<TFloat32> logits, Operand<TFloat32> probabilities,
      PlaceholderWithDefault<TFloat32> keep) {}

  private final Placeholder<TFloat32> input;
  private final Operand<TFloat32> frozenOutput;
  private final Operand<TFloat32> features;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final PlaceholderWithDefault<TFloat32> keep;
  private final List<Param> params;
  private final List<String> names;
  private final GraphInterpreter.Built base;

  private Network(Placeholder<TFloat32> input, Operand<TFloat32> frozenOutput, Operand<TFloat32> features,
      Operand<TFloat32> logits, Operand<TFloat32> probabilities, PlaceholderWithDefault<TFloat32> keep,
      List<Param> params) {
    this(input, frozenOutput, features, logits, probabilities, keep, params,
        params.stream().map(p -> kerasName(p.name())).toList(), null);
  }

  private Network(Placeholder<TFloat32> input, Operand<TFloat32> frozenOutput, Operand<TFloat32> features,
      Operand<TFloat32> logits, Operand<TFloat32> probabilities, PlaceholderWithDefault<TFloat32> keep,
      List<Param> params, List<String> names, GraphInterpreter.Built base) {
    this.input = input;
    this.frozenOutput = frozenOutput;
    this.features = features;
    this.logits = logits;
    this.probabilities = probabilities;
    this.keep = keep;
    this.params = Collections.unmodifiableList(params);
    this.names = List.copyOf(names);
    this.base = base;
  }

  /**
   * Builds any Keras model from its config as a frozen base (BatchNormalization in inference mode, as
   * {@code base(x, training=False)}) with {@code head} on its output: GlobalAveragePooling2D or Flatten-Dense (no
   * pooling or flattening when the output is already flat). Call {@link #initializeBase} once the session is open.
   *
   * @param tf ops of the graph
   * @param config the base's Keras config
   * @param source the base's weights
   * @param head the classifier head
   * @param seed the dropout seed
   * @param unfreezeFrom null to freeze the whole base, or the first top-level layer whose weights train (the
   *     layers before it and every BatchNormalization stay frozen, in inference mode)
   * @return the network; base weights are params named {@code layer/weight}
   * @throws IllegalArgumentException if {@code unfreezeFrom} names no top-level layer
   */
  public static Network fromConfig(Ops tf, JsonObject config, WeightSource source, Head head, long seed,
      String unfreezeFrom) {
    return fromConfig(tf, config, source, head, seed, unfreezeFrom, Preprocessing.NONE);
  }

  /** {@link #fromConfig(Ops, JsonObject, WeightSource, Head, long, String)} with {@code pre} before the model. */
  public static Network fromConfig(Ops tf, JsonObject config, WeightSource source, Head head, long seed,
      String unfreezeFrom, Preprocessing pre) {
    return fromConfig(tf, config, source, head, seed, unfreezeFrom, pre, BatchNormTraining.FROZEN);
  }

  /**
   * {@link #fromConfig(Ops, JsonObject, WeightSource, Head, long, String, Preprocessing)} with the unfrozen
   * BatchNormalization layers trained as {@code bn} says; in a training mode, feed {@link #training()} 1 and run
   * {@link #updates()} with each training step.
   */
  public static Network fromConfig(Ops tf, JsonObject config, WeightSource source, Head head, long seed,
      String unfreezeFrom, Preprocessing pre, BatchNormTraining bn) {
    ModelConfig model = ModelConfig.parse(config);
    if (model.inputs().size() != 1 || model.outputs().size() != 1) {
      throw new KerasModelException("model " + model.name() + " has " + model.inputs().size() + " inputs and "
          + model.outputs().size() + " outputs; tuna fine-tunes models with one of each");
    }
    GraphInterpreter.Built built = GraphInterpreter.build(tf.withSubScope("base"), model, source, unfreezeFrom,
        interpreterMode(bn), x -> preprocess(tf, x, pre));
    java.util.Set<String> training = new java.util.HashSet<>();
    if (unfreezeFrom != null) {
      List<String> layerNames = built.layers().stream().map(GraphInterpreter.LayerInfo::name).toList();
      int from = layerNames.indexOf(unfreezeFrom);
      if (from < 0) {
        throw new IllegalArgumentException("unfreezeFrom: model " + model.name() + " has no layer named \""
            + unfreezeFrom + "\" (its " + layerNames.size() + " layers run from " + layerNames.get(0) + " to "
            + layerNames.get(layerNames.size() - 1) + ")");
      }
      for (GraphInterpreter.LayerInfo l : built.layers().subList(from, layerNames.size())) {
        addLayerNames(model, l.name(), training);
      }
    }
    List<Param> params = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (WeightBinder.Param b : built.binder().params()) {
      boolean trains = b.spec().trainable() && training.contains(b.spec().layer())
          && (bn != BatchNormTraining.FROZEN || !b.spec().layerClass().equals("BatchNormalization"));
      params.add(new Param(b.spec().layer() + "_" + b.spec().name(), b.variable(), b.read(), b.value(), b.assign(),
          b.spec().shape(), trains));
      names.add(b.spec().layer() + "/" + b.spec().name());
    }
    Operand<TFloat32> out = built.outputs().get(0);
    Operand<TFloat32> features = tf.withName("features").identity(out);
    long[] dims = out.shape().asArray();
    boolean known = dims.length >= 2;
    for (int d = 1; d < dims.length; d++) {
      known &= dims[d] >= 1;
    }
    if (!known) {
      throw new KerasModelException("model " + model.name() + " has output shape " + out.shape()
          + "; the head needs a known size in every dimension but the batch");
    }
    int first = params.size();
    Top top = head(tf, features, head, seed, params);
    for (int i = first; i < params.size(); i++) {
      names.add(kerasName(params.get(i).name()));
    }
    return new Network(built.inputs().get(0), training.isEmpty() ? features : null, features, top.logits(),
        top.probabilities(), top.keep(), params, names, built);
  }

  private static GraphInterpreter.TrainingMode interpreterMode(BatchNormTraining bn) {
    switch (bn) {
      case KERAS3_FIT:
        return GraphInterpreter.TrainingMode.KERAS3_FIT;
      case CALL_ARGUMENTS:
        return GraphInterpreter.TrainingMode.CALL_ARGUMENTS;
      default:
        return GraphInterpreter.TrainingMode.INFERENCE;
    }
  }

  /** Adds {@code layer} of {@code model} and, for a nested model, the names of every layer inside it. */
  private static void addLayerNames(ModelConfig model, String layer, java.util.Set<String> out) {
    out.add(layer);
    for (ModelConfig.Layer l : model.layers()) {
      if (l.name().equals(layer) && l.nested() != null) {
        for (ModelConfig.Layer inner : l.nested().layers()) {
          addLayerNames(l.nested(), inner.name(), out);
        }
      }
    }
  }

  /** {@return the training-mode switch of a base built for training (feed 1 in a training step), else null} */
  public PlaceholderWithDefault<TFloat32> training() {
    return base == null ? null : base.training();
  }

  /** {@return the layer state updates (moving statistics) to run with each training step, possibly empty} */
  public List<org.tensorflow.op.Op> updates() {
    return base == null ? List.of() : base.updates();
  }

  /**
   * Assigns the base weights of a {@link #fromConfig} network (once, before the first run); nothing for VGG.
   *
   * @param session a session of the network's graph
   */
  public void initializeBase(Session session) {
    if (base != null) {
      GraphInterpreter.initialize(base, session);
    }
  }

  /** {@return the top-level layers of a {@link #fromConfig} base, 0 for VGG} */
  public int baseLayerCount() {
    return base == null ? 0 : base.layers().size();
  }

  /**
   * The position of a top-level layer of a {@link #fromConfig} base.
   *
   * @param name the layer name
   * @return its index, -1 if there is none
   */
  public int baseLayerIndex(String name) {
    return base == null ? -1 : base.layers().stream().map(GraphInterpreter.LayerInfo::name).toList().indexOf(name);
  }

  /** {@return the channels of the input} */
  public int inputChannels() {
    return (int) input.shape().size(3);
  }

  /**
   * Builds the graph.
   *
   * @param frozenLayers Keras layers {@code [0, frozenLayers)} become constants (ignored if {@code allVariables})
   * @param head the head, or null for the backbone only
   * @param allVariables make every weight a (non-trainable where frozen) variable, as an exported model needs
   */
  public static Network build(Ops tf, VggArchitecture arch, int height, int width, Preprocessing pre,
      int frozenLayers, Head head, long seed, boolean allVariables) {
    Placeholder<TFloat32> input = tf.withName("image").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, height, width, arch.inputChannels())));
    List<Param> params = new ArrayList<>();
    Operand<TFloat32> x = preprocess(tf, input, pre);
    Operand<TFloat32> frozenOutput = null;
    int conv = 0;
    for (Layer layer : arch.layers()) {
      if (layer.kind() == Layer.Kind.CONV) {
        boolean frozen = layer.index() < frozenLayers;
        Weight k = arch.kernels().get(conv);
        Weight b = arch.biases().get(conv);
        Operand<TFloat32> kernel;
        Operand<TFloat32> bias;
        if (frozen && !allVariables) {
          kernel = constant(tf, k);
          bias = constant(tf, b);
        } else {
          kernel = param(tf, params, layer.name() + "_kernel", k.shape(), !frozen).read();
          bias = param(tf, params, layer.name() + "_bias", b.shape(), !frozen).read();
        }
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias));
        conv++;
      } else if (layer.kind() == Layer.Kind.POOL) {
        x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      }
      if (layer.index() == frozenLayers - 1 && !allVariables) {
        // Downstream reads this identity, so feeding it replaces the frozen blocks' output (feature caching).
        x = tf.withName("frozen_output").identity(x);
        frozenOutput = x;
      }
    }
    Operand<TFloat32> features = tf.withName("features").identity(x);
    if (head == null) {
      return new Network(input, frozenOutput, features, null, null, null, params);
    }
    int side = arch.outputSize(height) * arch.outputSize(width);
    int fanIn = side * arch.outputChannels();
    if (fanIn == 0) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "inputShape must be at least %d pixels per side for %d pooling blocks but was %dx%d",
          1 << arch.blocks(), arch.blocks(), height, width));
    }
    Top top = head(tf, features, head, seed, params);
    return new Network(input, frozenOutput, features, top.logits(), top.probabilities(), top.keep(), params);
  }

  /**
   * The head on {@code features} (NHWC, or already flat): Flatten → Dense(units, relu) → Dropout → Dense(classes),
   * or GlobalAveragePooling2D → Dropout → Dense(classes); its variables ({@code dense_kernel} …) join
   * {@code params}.
   */
  private static Top head(Ops tf, Operand<TFloat32> features, Head head, long seed, List<Param> params) {
    int rank = features.shape().numDimensions();
    long[] dims = features.shape().asArray();
    long inner = 1;
    for (int d = 1; d < rank; d++) {
      inner *= dims[d];
    }
    Operand<TFloat32> x;
    if (head.globalAveragePooling()) {
      // Keras GlobalAveragePooling2D: mean over the spatial axes (nothing to pool when already flat)
      x = rank == 2 ? features
          : tf.math.mean(features, tf.constant(rank == 4 ? new int[] {1, 2} : new int[] {1}));
    } else {
      x = rank == 2 ? features : tf.reshape(features, tf.constant(new int[] {-1, Math.toIntExact(inner)}));
    }
    long width = x.shape().size(1);
    PlaceholderWithDefault<TFloat32> keep = tf.withName("keep_probability")
        .placeholderWithDefault(tf.constant(1f), Shape.scalar());
    if (!head.globalAveragePooling()) {
      Param k1 = param(tf, params, "dense_kernel", new long[] {width, head.units()}, true);
      Param b1 = param(tf, params, "dense_bias", new long[] {head.units()}, true);
      x = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, k1.read()), b1.read()));
      width = head.units();
    }
    if (head.dropout() > 0) {
      Operand<TFloat32> u = tf.random.randomUniform(tf.shape(x), TFloat32.class,
          RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
      Operand<TFloat32> mask = tf.math.floor(tf.math.add(keep, u));
      x = tf.math.mul(tf.math.div(x, keep), mask);
    }
    String out = head.globalAveragePooling() ? "dense" : "dense_1";
    Param k = param(tf, params, out + "_kernel", new long[] {width, head.classes()}, true);
    Param b = param(tf, params, out + "_bias", new long[] {head.classes()}, true);
    Operand<TFloat32> logits = tf.withName("logits").nn.biasAdd(tf.linalg.matMul(x, k.read()), b.read());
    return new Top(logits, tf.withName("probabilities").nn.softmax(logits), keep);
  }

  private static Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> x, Preprocessing pre) {
    switch (pre) {
      case RESCALE:
        return tf.math.mul(x, tf.constant((float) (1.0 / 255)));
      case CAFFE:
        Operand<TFloat32> bgr = tf.reverse(x, tf.constant(new int[] {-1}));
        return tf.math.sub(bgr, tf.constant(Preprocessing.CAFFE_BGR_MEAN));
      case TF: // Keras: x /= 127.5; x -= 1.0
        return tf.math.sub(tf.math.div(x, tf.constant(127.5f)), tf.constant(1f));
      case TORCH: // Keras: x /= 255; x -= mean; x /= std
        return tf.math.div(tf.math.sub(tf.math.div(x, tf.constant(255f)), tf.constant(Preprocessing.TORCH_MEAN)),
            tf.constant(Preprocessing.TORCH_STD));
      default:
        return x;
    }
  }

  private static Operand<TFloat32> constant(Ops tf, Weight w) {
    try (TFloat32 t = Tensors.of(w)) {
      return tf.constant(t);
    }
  }

  private static Param param(Ops tf, List<Param> params, String name, long[] shape, boolean trainable) {
    Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
    Placeholder<TFloat32> value = tf.withName(name + "_value").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(shape)));
    Assign<TFloat32> assign = tf.withName(name + "_assign").assign(v, value);
    Param p = new Param(name, v, tf.withName(name + "_read").identity(v), value, assign, shape, trainable);
    params.add(p);
    return p;
  }

  /**
   * Sets variables from Keras-named weights ({@code block5_conv1/kernel}, {@code dense/kernel} …).
   *
   * @param requireAll fail if a variable has no value in {@code values}
   */
  public void assign(Session session, Map<String, Weight> values, boolean requireAll) {
    Session.Runner runner = session.runner();
    List<TFloat32> open = new ArrayList<>();
    try {
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        Weight w = values.get(names.get(i));
        if (w == null) {
          if (requireAll) {
            throw new IllegalArgumentException("no value for weight " + names.get(i) + "; given "
                + values.keySet());
          }
          continue;
        }
        if (!java.util.Arrays.equals(w.shape(), p.shape())) {
          throw new IllegalArgumentException("weight " + w.name() + " has shape "
              + java.util.Arrays.toString(w.shape()) + " but the network expects "
              + java.util.Arrays.toString(p.shape()));
        }
        TFloat32 t = Tensors.of(w);
        open.add(t);
        runner.feed(p.value(), t).addTarget(p.assign());
      }
      if (!open.isEmpty()) {
        runner.run();
      }
    } finally {
      open.forEach(TFloat32::close);
    }
  }

  /** Reads every variable back as Keras-named weights. */
  public Map<String, Weight> read(Session session) {
    return read(session, false);
  }

  /**
   * Reads variables back as Keras-named weights.
   *
   * @param trainableOnly only the trainable ones
   */
  public Map<String, Weight> read(Session session, boolean trainableOnly) {
    Map<String, Weight> out = new java.util.LinkedHashMap<>();
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (!trainableOnly || params.get(i).trainable()) {
        picked.add(i);
      }
    }
    if (picked.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    picked.forEach(i -> runner.fetch(params.get(i).read()));
    try (org.tensorflow.Result r = runner.run()) {
      for (int j = 0; j < picked.size(); j++) {
        int i = picked.get(j);
        String n = names.get(i);
        out.put(n, Weight.of(n, params.get(i).shape(), Tensors.values((TFloat32) r.get(j))));
      }
    }
    return out;
  }

  /** {@code block5_conv1_kernel} → {@code block5_conv1/kernel}. */
  public static String kerasName(String variableName) {
    int u = variableName.lastIndexOf('_');
    return variableName.substring(0, u) + "/" + variableName.substring(u + 1);
  }

  public Placeholder<TFloat32> input() {
    return input;
  }

  /** The backbone output (last pool). */
  /**
   * The output of the last frozen layer, which can be fed instead of the image to skip the frozen blocks, or null
   * when nothing is frozen or every weight is a variable.
   */
  public Operand<TFloat32> frozenOutput() {
    return frozenOutput;
  }

  public Operand<TFloat32> features() {
    return features;
  }

  public Operand<TFloat32> logits() {
    return logits;
  }

  public Operand<TFloat32> probabilities() {
    return probabilities;
  }

  /** Dropout keep probability; defaults to 1 (inference). */
  public PlaceholderWithDefault<TFloat32> keep() {
    return keep;
  }

  public List<Param> params() {
    return params;
  }

  /** The trainable subset of {@link #params()}. */
  public List<Param> trainable() {
    return params.stream().filter(Param::trainable).toList();
  }
}
