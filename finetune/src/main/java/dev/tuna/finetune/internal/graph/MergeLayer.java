package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Add} and {@code Multiply}, both the merge layers (a list of tensors) and the {@code keras.ops}
 * operations a functional model records for {@code x + 3.0} or {@code x * (1 / 6)}: the inputs folded left to
 * right with broadcasting.
 */
final class MergeLayer implements KerasLayer {
  private final boolean multiply;

  MergeLayer(boolean multiply) {
    this.multiply = multiply;
  }

  @Override
  public Set<String> keys() {
    return Set.of();
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    if (inputs.size() < 2) {
      throw ctx.config().fail("needs at least 2 inputs but is called with " + inputs.size());
    }
    Ops tf = ctx.tf();
    BinaryOperator<Operand<TFloat32>> op = multiply ? (a, b) -> tf.math.mul(a, b) : (a, b) -> tf.math.add(a, b);
    Operand<TFloat32> y = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      y = op.apply(y, inputs.get(i));
    }
    return List.of(y);
  }
}
