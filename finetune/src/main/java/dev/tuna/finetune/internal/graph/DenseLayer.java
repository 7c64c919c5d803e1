package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Dense} on the last axis (rank-2 inputs directly, higher ranks through a reshape). */
final class DenseLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("units", "activation", "use_bias", "quantization_config", "lora_rank", "lora_alpha");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    LayerConfig c = ctx.config();
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    if (c.integer("lora_rank", 0) != 0) {
      throw c.fail("has LoRA enabled (lora_rank=" + c.integer("lora_rank", 0) + "); merge it before saving");
    }
    long in = Shapes.channels(ctx, x);
    int units = c.integer("units", -1);
    Operand<TFloat32> kernel = ctx.weight("kernel", new long[] {in, units}, true);
    Ops tf = ctx.tf();
    int rank = x.shape().numDimensions();
    Operand<TFloat32> flat = rank == 2 ? x : tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y = tf.linalg.matMul(flat, kernel);
    if (c.bool("use_bias", true)) {
      y = tf.nn.biasAdd(y, ctx.weight("bias", new long[] {units}, true));
    }
    if (rank != 2) {
      long[] shape = x.shape().asArray().clone();
      shape[0] = -1;
      shape[rank - 1] = units;
      y = tf.reshape(y, tf.constant(shape));
    }
    return List.of(Activations.apply(tf, y, c.activation(), c));
  }
}
