package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Flatten}: {@code (batch, ...)} to {@code (batch, product)}, channels_last order. */
final class FlattenLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("data_format");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    long n = 1;
    for (long d : Shapes.withoutBatch(x.shape())) {
      if (d < 0) {
        throw ctx.config().fail("gets an input of unknown size " + x.shape() + "; give the model a fixed input size");
      }
      n *= d;
    }
    return List.of(ctx.tf().reshape(x, ctx.tf().constant(new int[] {-1, Math.toIntExact(n)})));
  }
}
