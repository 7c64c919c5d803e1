package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSource;
import dev.tuna.finetune.graph.WeightSpec;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.load.KerasModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates one {@code VariableV2} per Keras weight (read through {@code identity}, set from a placeholder) and holds
 * the values from the {@link WeightSource} until {@link #initialize} assigns them.
 */
public final class WeightBinder {
  /**
   * A weight of the graph.
   *
   * @param spec what Keras calls it
   * @param variable the variable
   * @param read its value ({@code identity} of the variable)
   * @param value the placeholder {@link #assign} reads
   * @param assign sets the variable from {@code value}
   */
  public record Param(WeightSpec spec, Variable<TFloat32> variable, Operand<TFloat32> read,
      Placeholder<TFloat32> value, Assign<TFloat32> assign) {}

  private static final long CHUNK = 16L << 20;

  private final WeightSource source;
  private final List<Param> params = new ArrayList<>();
  private final List<float[]> pending = new ArrayList<>();

  WeightBinder(WeightSource source) {
    this.source = source;
  }

  Operand<TFloat32> create(Ops tf, WeightSpec spec) {
    float[] values = source.values(spec);
    if (values.length != spec.size()) {
      throw new KerasModelException("weight " + spec + " has " + values.length + " values, expected "
          + spec.size());
    }
    String base = spec.name();
    Variable<TFloat32> v = tf.withName(base).variable(Shape.of(spec.shape()), TFloat32.class);
    Placeholder<TFloat32> value = tf.withName(base + "_value").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(spec.shape())));
    Assign<TFloat32> assign = tf.withName(base + "_assign").assign(v, value);
    Param p = new Param(spec, v, tf.withName(base + "_read").identity(v), value, assign);
    params.add(p);
    pending.add(values);
    return p.read();
  }

  /** Assigns every weight's value in a few session runs, then drops the Java copies. */
  void initialize(Session session) {
    int i = 0;
    while (i < params.size()) {
      Session.Runner runner = session.runner();
      List<TFloat32> open = new ArrayList<>();
      long size = 0;
      try {
        while (i < params.size() && (size == 0 || size + pending.get(i).length <= CHUNK)) {
          Param p = params.get(i);
          TFloat32 t = Tensors.of(p.spec().shape(), pending.get(i));
          open.add(t);
          runner.feed(p.value(), t).addTarget(p.assign());
          size += pending.get(i).length;
          pending.set(i, null);
          i++;
        }
        runner.run();
      } finally {
        open.forEach(TFloat32::close);
      }
    }
    pending.clear();
  }

  /**
   * Every weight.
   *
   * @return the weights in creation (layer) order
   */
  public List<Param> params() {
    return Collections.unmodifiableList(params);
  }
}
