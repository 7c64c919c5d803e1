package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.tuna.finetune.graph.WeightSource;
import dev.tuna.finetune.load.KerasModelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;

/**
 * Builds the TF graph of a Keras model config: every layer call in dependency order, each through its
 * {@link KerasLayer}; nested models are inlined where they are called (their inputs bound to the call's
 * arguments), so {@code base(inputs, training=False)} and {@code Sequential([base, head])} flatten into one graph.
 */
public final class GraphInterpreter {
  /**
   * One top-level layer as Keras' {@code summary()} lists it.
   *
   * @param name layer name
   * @param className Keras class
   * @param outputShape output shape without the batch axis (-1 unknown), of the first call
   * @param params all weights of the layer (of every layer inside, for a nested model)
   * @param trainableParams the trainable part of {@code params}
   */
  public record LayerInfo(String name, String className, long[] outputShape, long params, long trainableParams) {}

  /**
   * The built graph.
   *
   * @param inputs one placeholder per model input
   * @param outputs the model outputs
   * @param layers the top-level layers
   * @param binder the weights, to initialise in a session
   * @param training the training-mode switch (float scalar, default 0; feed 1 for a training step), or null when
   *     the model was built for inference or nothing in it depends on the mode
   * @param updates the layer state updates of a training step (BatchNormalization's moving statistics), to run
   *     with the optimizer step while {@code training} is fed 1; empty when there are none
   */
  public record Built(List<Placeholder<TFloat32>> inputs, List<Operand<TFloat32>> outputs, List<LayerInfo> layers,
      WeightBinder binder, PlaceholderWithDefault<TFloat32> training, List<Op> updates) {}

  /** How a model built for training runs its layers in a training step. */
  public enum TrainingMode {
    /** Every layer in inference mode (BatchNormalization with its moving statistics), as {@code predict}. */
    INFERENCE,
    /**
     * As Keras 3 (3.15) {@code fit} / {@code train_on_batch}: the step calls the model with {@code training=True},
     * and Keras' functional call passes that value to every layer call, replacing a {@code training=False} stored
     * in the config (so {@code base(x, training=False)} does not keep a trainable base's BatchNormalization in
     * inference mode); only {@code trainable=False} does.
     */
    KERAS3_FIT,
    /**
     * A call stored with {@code training=False} keeps the layers it calls in inference mode in a training step (the
     * intent of the keras.io recipe {@code base(x, training=False)}, and tf_keras' behaviour).
     */
    CALL_ARGUMENTS
  }

  private final WeightBinder binder;
  private final TrainingMode mode;
  private final Map<String, List<Operand<TFloat32>>> weightsByLayer = new HashMap<>();
  private final String gradientsFrom;
  /** Set once the top-level layer {@link #gradientsFrom} is reached: later layers are built for training. */
  private boolean gradients;
  private Ops root;
  private PlaceholderWithDefault<TFloat32> training;
  private final List<Op> updates = new ArrayList<>();

  private GraphInterpreter(WeightSource source, String gradientsFrom, TrainingMode mode) {
    this.binder = new WeightBinder(source);
    this.mode = mode;
    this.gradientsFrom = gradientsFrom;
  }

  /**
   * Builds {@code model} with weights from {@code source}.
   *
   * @param tf ops of the graph to build into
   * @param model the model config
   * @param source the weights
   * @return the inputs, outputs, summary rows and weights of the built graph
   */
  public static Built build(Ops tf, ModelConfig model, WeightSource source) {
    return build(tf, model, source, null, TrainingMode.INFERENCE);
  }

  /**
   * Builds {@code model} with weights from {@code source} for training from the top-level layer
   * {@code gradientsFrom} on: that layer and the layers built after it use ops whose gradients are exact (see
   * {@link Convolution}); only layers from there on may run in training mode (the ones before are frozen, as
   * Keras' {@code trainable=False}).
   *
   * @param tf ops of the graph to build into
   * @param model the model config
   * @param source the weights
   * @param gradientsFrom the first top-level layer that trains, or null for inference only
   * @param mode how the layers run in a training step: in training mode a trainable BatchNormalization normalises
   *     with the batch's moments and updates its moving statistics (see {@link Built#training()})
   * @return the inputs, outputs, summary rows and weights of the built graph
   */
  public static Built build(Ops tf, ModelConfig model, WeightSource source, String gradientsFrom,
      TrainingMode mode) {
    return build(tf, model, source, gradientsFrom, mode, x -> x);
  }

  /**
   * Builds {@code model} as {@link #build(Ops, ModelConfig, WeightSource, String, TrainingMode)} does, its inputs
   * passed through {@code inputTransform} first (preprocessing that belongs to the graph but not to the model).
   *
   * @param tf ops of the graph to build into
   * @param model the model config
   * @param source the weights
   * @param gradientsFrom the first top-level layer that trains, or null for inference only
   * @param mode how the layers run in a training step
   * @param inputTransform applied to each input placeholder
   * @return the inputs, outputs, summary rows and weights of the built graph
   */
  public static Built build(Ops tf, ModelConfig model, WeightSource source, String gradientsFrom,
      TrainingMode mode, java.util.function.UnaryOperator<Operand<TFloat32>> inputTransform) {
    GraphInterpreter g = new GraphInterpreter(source, gradientsFrom, mode);
    g.root = tf;
    List<Placeholder<TFloat32>> inputs = new ArrayList<>();
    for (ModelConfig.Ref ref : model.inputs()) {
      ModelConfig.Layer input = layer(model, ref.layer());
      inputs.add(tf.withName(scopeName(input.name())).placeholder(TFloat32.class,
          Placeholder.shape(inputShape(input))));
    }
    List<LayerInfo> infos = new ArrayList<>();
    List<Operand<TFloat32>> outputs = g.evaluate(tf, model,
        new ArrayList<>(inputs.stream().map(inputTransform).toList()), true, mode != TrainingMode.INFERENCE, infos);
    return new Built(inputs, outputs, infos, g.binder, g.training, List.copyOf(g.updates));
  }

  /**
   * Assigns the weights of {@code built} in {@code session} (once, before the first run).
   *
   * @param built the built graph
   * @param session a session of its graph
   */
  public static void initialize(Built built, org.tensorflow.Session session) {
    built.binder().initialize(session);
  }

  /** The training-mode switch, created on first use. */
  PlaceholderWithDefault<TFloat32> trainingFlag() {
    if (training == null) {
      training = root.withName("training").placeholderWithDefault(root.constant(0f), Shape.scalar());
    }
    return training;
  }

  /**
   * @param trainingCall whether this model's layers run in training mode in a training step (see
   *     {@link TrainingMode})
   */
  private List<Operand<TFloat32>> evaluate(Ops tf, ModelConfig model, List<Operand<TFloat32>> inputs,
      boolean trainable, boolean trainingCall, List<LayerInfo> infos) {
    if (inputs.size() != model.inputs().size()) {
      throw new KerasModelException("model " + model.name() + " has " + model.inputs().size() + " inputs but is "
          + "called with " + inputs.size());
    }
    Map<String, List<Operand<TFloat32>>> produced = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      ModelConfig.Ref ref = model.inputs().get(i);
      produced.put(key(ref.layer(), ref.node()), List.of(inputs.get(i)));
    }
    record Pending(ModelConfig.Layer layer, int call) {}
    List<Pending> pending = new ArrayList<>();
    for (ModelConfig.Layer l : model.layers()) {
      if (l.className().equals("InputLayer")) {
        if (infos != null) {
          infos.add(new LayerInfo(l.name(), l.className(), withoutBatch(inputShape(l)), 0, 0));
        }
        continue;
      }
      if (l.nested() == null) {
        LayerRegistry.find(l).keys(); // fail early, before any op, on an unsupported layer
      }
      for (int c = 0; c < l.calls().size(); c++) {
        pending.add(new Pending(l, c));
      }
    }
    Map<String, LayerInfo> built = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      boolean progress = false;
      for (java.util.Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        ModelConfig.Call call = p.layer().calls().get(p.call());
        List<Operand<TFloat32>> args = resolve(tf, call, produced);
        if (args == null) {
          continue;
        }
        int before = binder.params().size();
        if (infos != null && p.layer().name().equals(gradientsFrom)) {
          gradients = true;
        }
        boolean layerTrainable = trainable && !Boolean.FALSE.equals(trainableFlag(p.layer()));
        String scope = scopeName(p.layer().name()) + (p.call() == 0 ? "" : "_call" + p.call());
        List<Operand<TFloat32>> out;
        boolean callTraining = trainingCall
            && !(mode == TrainingMode.CALL_ARGUMENTS && Boolean.FALSE.equals(trainingKwarg(call)));
        if (p.layer().nested() != null) {
          out = evaluate(tf.withSubScope(scope), p.layer().nested(), args, layerTrainable, callTraining, null);
        } else {
          LayerConfig config = new LayerConfig(p.layer().name(), p.layer().className(), p.layer().config());
          KerasLayer impl = LayerRegistry.find(p.layer());
          config.checkKeys(impl.keys());
          List<Operand<TFloat32>> weights = weightsByLayer.computeIfAbsent(p.layer().name(),
              k -> LayerContext.newWeightList());
          out = impl.call(new LayerContext(tf.withSubScope(scope), config, binder, layerTrainable, weights,
              gradients, callTraining && layerTrainable && gradients ? this : null), args);
        }
        produced.put(key(p.layer().name(), p.call()), out);
        if (infos != null && p.call() == 0) {
          long params = 0;
          long trainableParams = 0;
          for (WeightBinder.Param w : binder.params().subList(before, binder.params().size())) {
            params += w.spec().size();
            trainableParams += w.spec().trainable() ? w.spec().size() : 0;
          }
          built.put(p.layer().name(), new LayerInfo(p.layer().name(), p.layer().className(),
              Shapes.withoutBatch(out.get(0).shape()), params, trainableParams));
        }
        it.remove();
        progress = true;
      }
      if (!progress) {
        Pending p = pending.get(0);
        throw new KerasModelException("model " + model.name() + ": the inputs of layer " + p.layer().name()
            + " (call " + p.call() + ") name tensors no layer produces: " + p.layer().calls().get(p.call()).args());
      }
    }
    if (infos != null) {
      for (ModelConfig.Layer l : model.layers()) {
        // keras.ops operations (x + 3.0 in MobileNetV3) are not in Keras' model.layers, nor in its summary
        if (built.containsKey(l.name()) && !l.module().startsWith("keras.src.ops")) {
          infos.add(built.get(l.name()));
        }
      }
    }
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (ModelConfig.Ref ref : model.outputs()) {
      List<Operand<TFloat32>> out = produced.get(key(ref.layer(), ref.node()));
      if (out == null || ref.tensor() >= out.size()) {
        throw new KerasModelException("model " + model.name() + " names output " + ref.layer() + "[" + ref.node()
            + "][" + ref.tensor() + "], which no layer call produces");
      }
      outputs.add(out.get(ref.tensor()));
    }
    return outputs;
  }

  /** The call's {@code training} keyword argument, or null when the call does not set it. */
  private static Boolean trainingKwarg(ModelConfig.Call call) {
    JsonElement t = call.kwargs() == null ? null : call.kwargs().get("training");
    return t == null || t.isJsonNull() || !t.isJsonPrimitive() ? null : t.getAsBoolean();
  }

  void addUpdate(Op update) {
    updates.add(update);
  }

  private static Boolean trainableFlag(ModelConfig.Layer l) {
    JsonElement t = l.config().get("trainable");
    return t == null || t.isJsonNull() ? null : t.getAsBoolean();
  }

  /** The call's arguments as operands, or null while one is not built yet. */
  private static List<Operand<TFloat32>> resolve(Ops tf, ModelConfig.Call call,
      Map<String, List<Operand<TFloat32>>> produced) {
    List<Operand<TFloat32>> args = new ArrayList<>();
    for (ModelConfig.Arg a : call.args()) {
      if (a instanceof ModelConfig.Constant c) {
        args.add(tf.constant((float) c.value()));
      } else {
        ModelConfig.Ref r = (ModelConfig.Ref) a;
        List<Operand<TFloat32>> out = produced.get(key(r.layer(), r.node()));
        if (out == null) {
          return null;
        }
        if (r.tensor() >= out.size()) {
          throw new KerasModelException("layer call refers to output " + r.tensor() + " of " + r.layer()
              + ", which has " + out.size());
        }
        args.add(out.get(r.tensor()));
      }
    }
    return args;
  }

  private static String key(String layer, int node) {
    return layer + "\u0000" + node;
  }

  private static ModelConfig.Layer layer(ModelConfig model, String name) {
    return model.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(
        () -> new KerasModelException("model " + model.name() + " names input layer " + name + ", which it lacks"));
  }

  /** The InputLayer's {@code batch_shape} (Keras 3) or {@code batch_input_shape} (Keras 2), None as -1. */
  static Shape inputShape(ModelConfig.Layer input) {
    JsonElement e = input.config().get("batch_shape");
    if (e == null || e.isJsonNull()) {
      e = input.config().get("batch_input_shape");
    }
    if (e == null || !e.isJsonArray()) {
      throw new KerasModelException("input layer " + input.name() + " has no batch_shape / batch_input_shape");
    }
    JsonArray a = e.getAsJsonArray();
    long[] dims = new long[a.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = a.get(i).isJsonNull() ? -1 : a.get(i).getAsLong();
    }
    dims[0] = -1;
    return Shape.of(dims);
  }

  private static long[] withoutBatch(Shape s) {
    return Shapes.withoutBatch(s);
  }

  /** A TF name-scope-safe form of a Keras name. */
  static String scopeName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) && s.charAt(0) != '.' ? "L" + s : s;
  }
}
