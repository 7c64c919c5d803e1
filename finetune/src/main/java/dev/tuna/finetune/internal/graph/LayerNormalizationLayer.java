package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Keras {@code LayerNormalization} over the last axis, Keras 3's formula ({@code x * inv + (beta - mean * inv)}). */
final class LayerNormalizationLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("axis", "epsilon", "center", "scale", "rms_scaling");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    c.requireLastAxis("axis", x.shape().numDimensions());
    long[] shape = {Shapes.channels(ctx, x)};
    Operand<TFloat32> gamma = c.bool("scale", true) ? ctx.weight("gamma", shape, true) : null;
    Operand<TFloat32> beta = c.bool("center", true) ? ctx.weight("beta", shape, true) : null;
    Ops tf = ctx.tf();
    Operand<TInt32> axis = tf.constant(new int[] {-1});
    Operand<TFloat32> mean = tf.math.mean(x, axis, Mean.keepDims(true));
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), axis, Mean.keepDims(true));
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, ctx.scalar(c.number("epsilon", 1e-3))));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> res = tf.math.mul(tf.math.neg(mean), inv);
    if (beta != null) {
      res = tf.math.add(res, beta);
    }
    return List.of(tf.math.add(tf.math.mul(x, inv), res));
  }
}
