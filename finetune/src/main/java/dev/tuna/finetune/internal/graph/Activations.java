package dev.tuna.finetune.internal.graph;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** Keras' activation functions by name, with the TensorFlow backend's formulas. */
final class Activations {
  private static final Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> BY_NAME = Map.ofEntries(
      Map.entry("linear", (tf, x) -> x),
      Map.entry("relu", (tf, x) -> tf.nn.relu(x)),
      Map.entry("relu6", (tf, x) -> tf.nn.relu6(x)),
      Map.entry("sigmoid", (tf, x) -> tf.math.sigmoid(x)),
      Map.entry("swish", Activations::silu),
      Map.entry("silu", Activations::silu),
      Map.entry("hard_sigmoid", Activations::hardSigmoid),
      Map.entry("hard_silu", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x))),
      Map.entry("hard_swish", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x))),
      Map.entry("tanh", (tf, x) -> tf.math.tanh(x)),
      Map.entry("gelu", Activations::gelu),
      Map.entry("softmax", (tf, x) -> tf.nn.softmax(x)),
      Map.entry("elu", (tf, x) -> tf.nn.elu(x)),
      Map.entry("selu", (tf, x) -> tf.nn.selu(x)),
      Map.entry("softplus", (tf, x) -> tf.math.softplus(x)),
      Map.entry("exponential", (tf, x) -> tf.math.exp(x)),
      Map.entry("leaky_relu", (tf, x) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(0.2f))));

  private Activations() {}

  /** Applies activation {@code name} of layer {@code config}, or fails naming it and the supported ones. */
  static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, String name, LayerConfig config) {
    BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f = BY_NAME.get(name);
    if (f == null) {
      throw config.fail("uses activation \"" + name + "\", which tuna does not support; supported: "
          + new TreeSet<>(BY_NAME.keySet()));
    }
    return f.apply(tf, x);
  }

  private static Operand<TFloat32> silu(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  /** {@code relu6(x + 3) / 6}, as Keras 3's TensorFlow backend. */
  private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x) {
    return tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f));
  }

  /** The exact (erf) form, Keras' default for the {@code "gelu"} activation. */
  private static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> erf = tf.math.erf(tf.math.div(x, tf.constant((float) 1.4142135623730951)));
    return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), erf));
  }
}
