package dev.tuna.finetune.internal.graph;

import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The TF Java form of one Keras layer class, found by class name in {@link LayerRegistry}. */
interface KerasLayer {
  /** The config keys this implementation reads (besides name, trainable, dtype, initializers …). */
  Set<String> keys();

  /**
   * Builds the layer's ops for one call.
   *
   * @param ctx the layer's config, weights and scoped ops
   * @param inputs the call's inputs, constants already turned into scalar tensors
   * @return the call's outputs
   */
  List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs);

  /** The only input of a single-input layer. */
  static Operand<TFloat32> single(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    if (inputs.size() != 1) {
      throw ctx.config().fail("expects one input but is called with " + inputs.size());
    }
    return inputs.get(0);
  }
}
