package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
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
    long cin = Shapes.channels(ctx, x);
    long[] k = c.pair("kernel_size", 1);
    long[] s = c.pair("strides", 1);
    long[] d = c.pair("dilation_rate", 1);
    int filters = c.integer("filters", -1);
    int groups = c.integer("groups", 1);
    if (groups < 1 || cin % groups != 0 || filters % groups != 0) {
      throw c.fail("has groups=" + groups + ", which does not divide its " + cin + " input channels and " + filters
          + " filters");
    }
    Operand<TFloat32> kernel = ctx.weight("kernel", new long[] {k[0], k[1], cin / groups, filters}, true);
    Ops tf = ctx.tf();
    Operand<TFloat32> y;
    if (groups == 1) {
      y = Convolution.conv2d(tf, c, x, kernel, s, Shapes.padding(c), d, ctx.gradients());
    } else if (groups == cin) {
      // one input channel per group (ConvNeXt's depthwise convolution): TF's depthwise op, with the
      // (kh, kw, 1, filters) kernel read as (kh, kw, cin, filters / cin): output channel o = c * m + j either way
      Operand<TFloat32> dw = tf.reshape(kernel, tf.constant(new long[] {k[0], k[1], cin, filters / cin}));
      y = DepthwiseConv2DLayer.depthwise(tf, c, x, dw);
    } else {
      throw c.fail("has groups=" + groups + "; tuna supports groups=1 and groups=input channels (depthwise)");
    }
    if (c.bool("use_bias", true)) {
      y = tf.nn.biasAdd(y, ctx.weight("bias", new long[] {filters}, true));
    }
    return List.of(Activations.apply(tf, y, c.activation(), c));
  }
}
