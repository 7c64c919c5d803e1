package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Concatenate} along {@code axis} (default -1). */
final class ConcatenateLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("axis");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    return List.of(ctx.tf().concat(inputs, ctx.tf().constant(ctx.config().integer("axis", -1))));
  }
}
