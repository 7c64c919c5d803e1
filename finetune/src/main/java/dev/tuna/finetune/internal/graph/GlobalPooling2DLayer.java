package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Keras {@code GlobalAveragePooling2D} and {@code GlobalMaxPooling2D} over height and width, with keepdims. */
final class GlobalPooling2DLayer implements KerasLayer {
  private final boolean max;

  GlobalPooling2DLayer(boolean max) {
    this.max = max;
  }

  @Override
  public Set<String> keys() {
    return Set.of("keepdims", "data_format");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    boolean keep = ctx.config().bool("keepdims", false);
    Ops tf = ctx.tf();
    Operand<TInt32> axes = tf.constant(new int[] {1, 2});
    return List.of(max ? tf.max(x, axes, Max.keepDims(keep)) : tf.math.mean(x, axes, Mean.keepDims(keep)));
  }
}
