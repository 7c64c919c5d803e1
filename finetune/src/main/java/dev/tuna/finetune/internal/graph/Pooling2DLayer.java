package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code MaxPooling2D} and {@code AveragePooling2D}: pool_size, strides (default pool_size), padding. */
final class Pooling2DLayer implements KerasLayer {
  private final boolean max;

  Pooling2DLayer(boolean max) {
    this.max = max;
  }

  @Override
  public Set<String> keys() {
    return Set.of("pool_size", "strides", "padding", "data_format");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    long[] k = c.pair("pool_size", 2);
    long[] s = c.has("strides") ? c.pair("strides", 1) : k;
    Ops tf = ctx.tf();
    String padding = Shapes.padding(c);
    if (max) {
      return List.of(tf.nn.maxPool(x, tf.constant(new int[] {1, (int) k[0], (int) k[1], 1}),
          tf.constant(new int[] {1, (int) s[0], (int) s[1], 1}), padding));
    }
    return List.of(tf.nn.avgPool(x, List.of(1L, k[0], k[1], 1L), List.of(1L, s[0], s[1], 1L), padding));
  }
}
