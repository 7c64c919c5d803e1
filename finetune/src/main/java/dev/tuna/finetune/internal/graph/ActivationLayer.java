package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Activation}: one named activation function. */
final class ActivationLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("activation");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    return List.of(Activations.apply(ctx.tf(), KerasLayer.single(ctx, inputs), ctx.config().activation(),
        ctx.config()));
  }
}
