package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Normalization} over the last axis (EfficientNet's input normalisation): {@code (x - mean) /
 * max(sqrt(variance), 1e-7)}, or the inverse with {@code invert}. Mean and variance come from the config when given
 * there, else from the weights mean, variance and count (the count is unused, as in Keras).
 */
final class NormalizationLayer implements KerasLayer {
  private static final float EPSILON = 1e-7f;

  @Override
  public Set<String> keys() {
    return Set.of("axis", "invert", "mean", "variance");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    c.requireLastAxis("axis", x.shape().numDimensions());
    long ch = Shapes.channels(ctx, x);
    Ops tf = ctx.tf();
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    if (c.has("mean") && c.has("variance")) {
      mean = constant(tf, c.raw("mean"), ch);
      variance = constant(tf, c.raw("variance"), ch);
    } else {
      mean = ctx.weight("mean", new long[] {ch}, false);
      variance = ctx.weight("variance", new long[] {ch}, false);
      ctx.weight("count", new long[0], false);
    }
    Operand<TFloat32> std = tf.math.maximum(tf.math.sqrt(variance), tf.constant(EPSILON));
    if (c.bool("invert", false)) {
      return List.of(tf.math.add(mean, tf.math.mul(x, std)));
    }
    return List.of(tf.math.div(tf.math.sub(x, mean), std));
  }

  private static Operand<TFloat32> constant(Ops tf, JsonElement e, long channels) {
    float[] v = new float[(int) channels];
    if (e.isJsonArray()) {
      for (int i = 0; i < v.length; i++) {
        v[i] = e.getAsJsonArray().size() == 1 ? e.getAsJsonArray().get(0).getAsFloat()
            : e.getAsJsonArray().get(i).getAsFloat();
      }
    } else {
      java.util.Arrays.fill(v, e.getAsFloat());
    }
    return tf.constant(v);
  }
}
