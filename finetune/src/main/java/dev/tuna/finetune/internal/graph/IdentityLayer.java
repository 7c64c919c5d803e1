package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Layers that are the identity at inference: Keras {@code Dropout} (rate, noise_shape, seed). */
final class IdentityLayer implements KerasLayer {
  private final Set<String> keys;

  IdentityLayer(Set<String> keys) {
    this.keys = keys;
  }

  @Override
  public Set<String> keys() {
    return keys;
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    return List.of(ctx.tf().identity(KerasLayer.single(ctx, inputs)));
  }
}
