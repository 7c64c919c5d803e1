package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonArray;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Reshape}: the batch axis kept, the rest to {@code target_shape} (one -1 allowed). */
final class ReshapeLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("target_shape");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    JsonArray target = ctx.config().raw("target_shape").getAsJsonArray();
    int[] shape = new int[target.size() + 1];
    shape[0] = -1;
    for (int i = 0; i < target.size(); i++) {
      shape[i + 1] = target.get(i).isJsonNull() ? -1 : target.get(i).getAsInt();
    }
    if (java.util.Arrays.stream(shape).filter(d -> d == -1).count() > 1) {
      long batchFree = 1;
      for (long d : Shapes.withoutBatch(x.shape())) {
        batchFree *= d;
      }
      throw ctx.config().fail("has target_shape " + target + " with an unknown axis besides the batch, from an "
          + "input of " + batchFree + " values per sample; give every axis");
    }
    return List.of(ctx.tf().reshape(x, ctx.tf().constant(shape)));
  }
}
