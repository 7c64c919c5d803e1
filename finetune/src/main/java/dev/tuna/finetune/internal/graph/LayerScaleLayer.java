package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ConvNeXt's {@code LayerScale} ({@code keras.src.applications.convnext}): {@code x * gamma}, one trainable weight of
 * shape {@code (projection_dim,)} that Keras leaves unnamed ({@code variable}).
 */
final class LayerScaleLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("init_values", "projection_dim");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    long dim = ctx.config().integer("projection_dim", (int) Shapes.channels(ctx, x));
    return List.of(ctx.tf().math.mul(x, ctx.weight("variable", new long[] {dim}, true)));
  }
}
