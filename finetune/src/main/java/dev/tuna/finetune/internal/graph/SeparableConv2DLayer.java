package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code SeparableConv2D}: a depthwise convolution, then a 1×1 pointwise one, bias, activation. */
final class SeparableConv2DLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
        "depth_multiplier", "activation", "use_bias");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    long cin = Shapes.channels(ctx, x);
    long[] k = c.pair("kernel_size", 1);
    int mult = c.integer("depth_multiplier", 1);
    int filters = c.integer("filters", -1);
    Operand<TFloat32> depthwise = ctx.weight("depthwise_kernel", new long[] {k[0], k[1], cin, mult}, true);
    Operand<TFloat32> pointwise = ctx.weight("pointwise_kernel", new long[] {1, 1, cin * mult, filters}, true);
    Ops tf = ctx.tf();
    Operand<TFloat32> y = DepthwiseConv2DLayer.depthwise(tf, c, x, depthwise);
    y = Convolution.conv2d(tf, c, y, pointwise, new long[] {1, 1}, "VALID", new long[] {1, 1}, ctx.gradients());
    if (c.bool("use_bias", true)) {
      y = tf.nn.biasAdd(y, ctx.weight("bias", new long[] {filters}, true));
    }
    return List.of(Activations.apply(tf, y, c.activation(), c));
  }
}
