package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Rescaling}: {@code x * scale + offset}, each a number or a per-channel list. */
final class RescalingLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("scale", "offset");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    Ops tf = ctx.tf();
    return List.of(tf.math.add(tf.math.mul(x, value(tf, ctx.config().raw("scale"), 1)),
        value(tf, ctx.config().raw("offset"), 0)));
  }

  private static Operand<TFloat32> value(Ops tf, JsonElement e, float fallback) {
    if (e == null) {
      return tf.constant(fallback);
    }
    if (e.isJsonArray()) {
      float[] v = new float[e.getAsJsonArray().size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = e.getAsJsonArray().get(i).getAsFloat();
      }
      return tf.constant(v);
    }
    return tf.constant(e.getAsFloat());
  }
}
