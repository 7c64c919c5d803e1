package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/** Keras {@code Conv2D}: kernel HWIO, strides, same/valid padding, dilation, optional bias and activation. */
final class Conv2DLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
        "activation", "use_bias");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    if (c.integer("groups", 1) != 1) {
      throw c.fail("has groups=" + c.integer("groups", 1) + "; tuna supports groups=1 only");
    }
    long cin = Shapes.channels(ctx, x);
    long[] k = c.pair("kernel_size", 1);
    long[] s = c.pair("strides", 1);
    long[] d = c.pair("dilation_rate", 1);
    int filters = c.integer("filters", -1);
    Operand<TFloat32> kernel = ctx.weight("kernel", new long[] {k[0], k[1], cin, filters}, true);
    Ops tf = ctx.tf();
    Operand<TFloat32> y = tf.nn.conv2d(x, kernel, List.of(1L, s[0], s[1], 1L), Shapes.padding(c),
        Conv2d.dilations(List.of(1L, d[0], d[1], 1L)));
    if (c.bool("use_bias", true)) {
      y = tf.nn.biasAdd(y, ctx.weight("bias", new long[] {filters}, true));
    }
    return List.of(Activations.apply(tf, y, c.activation(), c));
  }
}
