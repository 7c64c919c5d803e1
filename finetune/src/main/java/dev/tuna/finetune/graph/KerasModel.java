package dev.tuna.finetune.graph;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.internal.graph.GraphInterpreter;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.internal.graph.WeightBinder;
import dev.tuna.finetune.load.KerasModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A Keras model rebuilt in TensorFlow Java from its Keras config, layer by layer (see
 * {@link #supportedLayers()}), with its saved weights; {@link #predict} equals Keras' {@code model.predict}.
 *
 * <pre>{@code
 * try (KerasModel m = KerasModel.load(Path.of("mobilenet_v2.keras"))) {
 *   System.out.println(m.summary());
 *   float[] features = m.predict(batch, 8);   // 8 x H x W x 3, NHWC
 * }
 * }</pre>
 *
 * <p>BatchNormalization runs in inference mode (moving statistics) and Dropout is the identity, as in
 * {@code predict}. Not thread-safe; close it to free the TensorFlow graph and session.
 */
public final class KerasModel implements AutoCloseable {
  private final String name;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> input;
  private final Operand<TFloat32> output;
  private final KerasSummary summary;
  private final List<WeightSpec> weights;

  private KerasModel(String name, Graph graph, Session session, Placeholder<TFloat32> input,
      Operand<TFloat32> output, KerasSummary summary, List<WeightSpec> weights) {
    this.name = name;
    this.graph = graph;
    this.session = session;
    this.input = input;
    this.output = output;
    this.summary = summary;
    this.weights = List.copyOf(weights);
  }

  /**
   * Loads a Keras 3 {@code .keras} archive, a Keras 2 / tf_keras full-model {@code .h5}, or a tf_keras SavedModel
   * directory (with {@code keras_metadata.pb}).
   *
   * @param path the file or directory
   * @return the rebuilt model with the file's weights
   * @throws KerasModelException naming the file, layer or weight when the file cannot be used: unsupported layer,
   *     unknown config key, weights that do not match the config, a damaged archive
   */
  public static KerasModel load(Path path) {
    Preconditions.requireNonNull("path", path);
    try (ModelFiles.Loaded loaded = ModelFiles.read(path)) {
      KerasModel m = build(loaded.config(), loaded.weights());
      try {
        loaded.weights().checkAllUsed();
      } catch (KerasModelException e) {
        m.close();
        throw e;
      }
      return m;
    }
  }

  /**
   * Builds a model from its Keras config JSON ({@code config.json} of a {@code .keras} archive, or
   * {@code model.to_json()}) with weights from {@code weights}.
   *
   * @param configJson the config
   * @param weights supplies each weight the config needs
   * @return the rebuilt model
   */
  public static KerasModel fromConfig(String configJson, WeightSource weights) {
    Preconditions.requireNonNull("configJson", configJson);
    Preconditions.requireNonNull("weights", weights);
    JsonObject config;
    try {
      config = JsonParser.parseString(configJson).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new KerasModelException("the Keras config is not a JSON object (" + e.getMessage() + ")", e);
    }
    return build(config, weights);
  }

  private static KerasModel build(JsonObject config, WeightSource source) {
    ModelConfig model = ModelConfig.parse(config);
    if (model.inputs().size() != 1 || model.outputs().size() != 1) {
      throw new KerasModelException("model " + model.name() + " has " + model.inputs().size() + " inputs and "
          + model.outputs().size() + " outputs; tuna supports one of each");
    }
    Graph graph = new Graph();
    Session session = null;
    try {
      Ops tf = Ops.create(graph);
      GraphInterpreter.Built built = GraphInterpreter.build(tf, model, source);
      Operand<TFloat32> out = tf.withName("output_0").identity(built.outputs().get(0));
      session = new Session(graph);
      GraphInterpreter.initialize(built, session);
      List<KerasSummary.Row> rows = new ArrayList<>();
      for (GraphInterpreter.LayerInfo l : built.layers()) {
        rows.add(new KerasSummary.Row(l.name(), l.className(), l.outputShape(), l.params(), l.trainableParams()));
      }
      List<WeightSpec> specs = built.binder().params().stream().map(WeightBinder.Param::spec).toList();
      return new KerasModel(model.name(), graph, session, built.inputs().get(0), out,
          new KerasSummary(model.name(), rows), specs);
    } catch (RuntimeException e) {
      if (session != null) {
        session.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * The Keras layer classes this interpreter builds.
   *
   * @return the class names, sorted
   */
  public static List<String> supportedLayers() {
    return List.copyOf(dev.tuna.finetune.internal.graph.LayerRegistry.supported());
  }

  /**
   * The model's Keras name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Keras' summary.
   *
   * @return layers, output shapes, parameter counts
   */
  public KerasSummary summary() {
    return summary;
  }

  /**
   * Every weight of the model.
   *
   * @return the weights in layer order
   */
  public List<WeightSpec> weights() {
    return weights;
  }

  /**
   * The input shape.
   *
   * @return the shape without the batch axis, -1 where the config leaves it open
   */
  public long[] inputShape() {
    long[] s = input.shape().asArray();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /**
   * The output shape.
   *
   * @return the shape without the batch axis, -1 where unknown before a prediction
   */
  public long[] outputShape() {
    long[] s = output.shape().asArray();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /**
   * Runs the model on {@code batch} images of the model's input shape, NHWC row-major, as Keras' {@code predict}.
   *
   * @param values {@code batch * prod(inputShape())} values
   * @param batch the number of images
   * @return the outputs, {@code batch * prod(outputShape())} values, row-major
   */
  public float[] predict(float[] values, int batch) {
    long[] in = inputShape();
    long[] shape = new long[in.length + 1];
    shape[0] = batch;
    System.arraycopy(in, 0, shape, 1, in.length);
    for (long d : in) {
      Preconditions.requireArgument(d > 0, "the model's input shape %s has an open axis; use predict(values, "
          + "shape)", Arrays.toString(in));
    }
    return predict(values, shape);
  }

  /**
   * Runs the model on an input of {@code shape} (batch first).
   *
   * @param values the input, row-major
   * @param shape its shape
   * @return the outputs, row-major
   */
  public float[] predict(float[] values, long[] shape) {
    return run(values, shape).values();
  }

  /**
   * Runs the model on an input of {@code shape} (batch first) and returns the output with its shape, for models
   * whose input size is open in the config.
   *
   * @param values the input, row-major
   * @param shape its shape
   * @return the output values and shape (batch first)
   */
  public Output run(float[] values, long[] shape) {
    Preconditions.requireNonNull("values", values);
    Preconditions.requireNonNull("shape", shape);
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    Preconditions.requireArgument(n == values.length, "values has %d entries but shape %s needs %d",
        values.length, Arrays.toString(shape), n);
    try (TFloat32 x = Tensors.of(shape, values);
        Result r = session.runner().feed(input, x).fetch(output).run()) {
      TFloat32 y = (TFloat32) r.get(0);
      return new Output(y.shape().asArray(), Tensors.values(y));
    }
  }

  /**
   * A model output.
   *
   * @param shape the output shape, batch first
   * @param values the values, row-major
   */
  public record Output(long[] shape, float[] values) {
    /**
     * Keeps the arrays as given (an output is not shared).
     *
     * @param shape the output shape, batch first
     * @param values the values, row-major
     */
    public Output {
      Preconditions.requireNonNull("shape", shape);
      Preconditions.requireNonNull("values", values);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  @Override
  public String toString() {
    return "KerasModel[" + name + ", " + summary.rows().size() + " layers, " + summary.totalParams() + " params]";
  }
}
