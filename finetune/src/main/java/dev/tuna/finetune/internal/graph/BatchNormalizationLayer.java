package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code BatchNormalization} over the last axis, as Keras 3's TensorFlow backend computes it
 * ({@code tf.nn.batch_normalization}: {@code x * inv + (beta - mean * inv)}, {@code inv = gamma * rsqrt(variance +
 * epsilon)}). In inference mode the moving statistics normalise. A trainable layer that runs in training mode
 * (see {@link LayerContext#training()}) normalises, in a training step, with the batch's moments
 * ({@code tf.nn.moments}: the mean, and the biased variance {@code mean((x - stop_gradient(mean))^2)}) and updates
 * {@code moving = moving * momentum + batch * (1 - momentum)}; outside a training step it uses the moving
 * statistics. Weights in Keras' order: gamma (if scale), beta (if center), moving_mean, moving_variance; the last
 * two are never trainable.
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
    int rank = x.shape().numDimensions();
    c.requireLastAxis("axis", rank);
    if (c.bool("renorm", false)) {
      throw c.fail("uses batch renormalization (renorm=true), which tuna does not support");
    }
    long ch = Shapes.channels(ctx, x);
    long[] shape = {ch};
    Operand<TFloat32> gamma = c.bool("scale", true) ? ctx.weight("gamma", shape, true) : null;
    Operand<TFloat32> beta = c.bool("center", true) ? ctx.weight("beta", shape, true) : null;
    Operand<TFloat32> movingMean = ctx.weight("moving_mean", shape, false);
    Operand<TFloat32> movingVariance = ctx.weight("moving_variance", shape, false);
    Ops tf = ctx.tf();
    Operand<TFloat32> mean = movingMean;
    Operand<TFloat32> variance = movingVariance;
    Operand<TFloat32> training = ctx.training();
    Operand<TFloat32> batchMean = null;
    Operand<TFloat32> batchVariance = null;
    if (training != null) {
      int[] axes = new int[rank - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<TFloat32> m = tf.math.mean(x, tf.constant(axes), Mean.keepDims(true));
      Operand<TFloat32> v = tf.math.mean(tf.math.squaredDifference(x, tf.stopGradient(m)), tf.constant(axes),
          Mean.keepDims(true));
      batchMean = tf.reshape(m, tf.constant(shape));
      batchVariance = tf.reshape(v, tf.constant(shape));
      // training * batch + (1 - training) * moving: exactly one of them for training in {0, 1}
      Operand<TFloat32> inference = tf.math.sub(ctx.scalar(1), training);
      mean = tf.math.add(tf.math.mul(training, batchMean), tf.math.mul(inference, movingMean));
      variance = tf.math.add(tf.math.mul(training, batchVariance), tf.math.mul(inference, movingVariance));
    }
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, ctx.scalar(c.number("epsilon", 1e-3))));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> shift = beta != null ? tf.math.sub(beta, tf.math.mul(mean, inv))
        : tf.math.neg(tf.math.mul(mean, inv));
    Operand<TFloat32> y = tf.math.add(tf.math.mul(x, inv), shift);
    if (training != null) {
      double momentum = c.number("momentum", 0.99);
      Ops after = tf.withControlDependencies(List.of(y));
      ctx.addUpdate(after.assign(ctx.variableOf(movingMean), after.math.add(after.math.mul(movingMean, ctx.scalar(momentum)),
          after.math.mul(batchMean, ctx.scalar(1.0 - momentum)))));
      ctx.addUpdate(after.assign(ctx.variableOf(movingVariance), after.math.add(
          after.math.mul(movingVariance, ctx.scalar(momentum)),
          after.math.mul(batchVariance, ctx.scalar(1.0 - momentum)))));
    }
    return List.of(y);
  }
}
