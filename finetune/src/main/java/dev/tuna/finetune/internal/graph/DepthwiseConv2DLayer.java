package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.DepthwiseConv2dNative;
import org.tensorflow.types.TFloat32;

/** Keras {@code DepthwiseConv2D}: kernel {@code (kh, kw, in, depth_multiplier)}, optional bias and activation. */
final class DepthwiseConv2DLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier",
        "activation", "use_bias");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    long cin = Shapes.channels(ctx, x);
    long[] k = c.pair("kernel_size", 1);
    int mult = c.integer("depth_multiplier", 1);
    // Keras 3 names this weight "kernel", Keras 2 "depthwise_kernel"; both are vars/0.
    Operand<TFloat32> kernel = ctx.weight("kernel", new long[] {k[0], k[1], cin, mult}, true);
    Ops tf = ctx.tf();
    Operand<TFloat32> y = depthwise(tf, c, x, kernel);
    if (c.bool("use_bias", true)) {
      y = tf.nn.biasAdd(y, ctx.weight("bias", new long[] {cin * mult}, true));
    }
    return List.of(Activations.apply(tf, y, c.activation(), c));
  }

  static Operand<TFloat32> depthwise(Ops tf, LayerConfig c, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    long[] s = c.pair("strides", 1);
    long[] d = c.pair("dilation_rate", 1);
    return tf.nn.depthwiseConv2dNative(x, kernel, List.of(1L, s[0], s[1], 1L), Shapes.padding(c),
        DepthwiseConv2dNative.dilations(List.of(1L, d[0], d[1], 1L)));
  }
}
