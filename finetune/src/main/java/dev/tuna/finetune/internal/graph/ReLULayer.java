package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** Keras {@code ReLU} with max_value, negative_slope and threshold, following Keras 3's {@code relu}. */
final class ReLULayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("max_value", "negative_slope", "threshold");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    Ops tf = ctx.tf();
    double slope = c.number("negative_slope", 0);
    double threshold = c.number("threshold", 0);
    boolean clip = c.has("max_value");
    double max = c.number("max_value", 0);
    if (slope != 0 && !clip && threshold == 0) {
      return List.of(tf.nn.leakyRelu(x, LeakyRelu.alpha((float) slope)));
    }
    Operand<TFloat32> negative = null;
    if (slope != 0) {
      negative = tf.nn.relu(threshold != 0 ? tf.math.add(tf.math.neg(x), ctx.scalar(threshold)) : tf.math.neg(x));
    }
    Operand<TFloat32> y;
    if (threshold != 0) {
      y = tf.math.mul(x, tf.dtypes.cast(tf.math.greater(x, ctx.scalar(threshold)), TFloat32.class));
    } else if (clip && max == 6) {
      y = tf.nn.relu6(x);
      clip = false;
    } else {
      y = tf.nn.relu(x);
    }
    if (clip) {
      y = tf.math.minimum(tf.math.maximum(y, ctx.scalar(0)), ctx.scalar(max));
    }
    if (negative != null) {
      y = tf.math.sub(y, tf.math.mul(ctx.scalar(slope), negative));
    }
    return List.of(y);
  }
}
