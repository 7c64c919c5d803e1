package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code BatchNormalization} over the last axis, in inference mode: the moving statistics normalise, as
 * {@code tf.nn.batch_normalization} computes it ({@code x * inv + (beta - mean * inv)}, {@code inv = gamma *
 * rsqrt(variance + epsilon)}). Weights in Keras' order: gamma (if scale), beta (if center), moving_mean,
 * moving_variance; the last two are never trainable. Training mode (batch moments and the momentum update) is a
 * separate branch to be added here.
 */
final class BatchNormalizationLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("axis", "momentum", "epsilon", "center", "scale", "synchronized", "renorm", "renorm_clipping",
        "renorm_momentum", "fused", "virtual_batch_size", "adjustment");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    c.requireLastAxis("axis", x.shape().numDimensions());
    if (c.bool("renorm", false)) {
      throw c.fail("uses batch renormalization (renorm=true), which tuna does not support");
    }
    long ch = Shapes.channels(ctx, x);
    long[] shape = {ch};
    Operand<TFloat32> gamma = c.bool("scale", true) ? ctx.weight("gamma", shape, true) : null;
    Operand<TFloat32> beta = c.bool("center", true) ? ctx.weight("beta", shape, true) : null;
    Operand<TFloat32> mean = ctx.weight("moving_mean", shape, false);
    Operand<TFloat32> variance = ctx.weight("moving_variance", shape, false);
    Ops tf = ctx.tf();
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, ctx.scalar(c.number("epsilon", 1e-3))));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> shift = beta != null ? tf.math.sub(beta, tf.math.mul(mean, inv))
        : tf.math.neg(tf.math.mul(mean, inv));
    return List.of(tf.math.add(tf.math.mul(x, inv), shift));
  }
}
