package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a {@link KerasLayer} sees while it builds one call: ops scoped to the layer, its config, and its weights.
 * Weights are asked for in Keras' {@code layer.weights} order; a second call of a shared layer gets the same ones.
 */
final class LayerContext {
  private final Ops tf;
  private final LayerConfig config;
  private final WeightBinder binder;
  private final boolean trainable;
  private final List<Operand<TFloat32>> weights;
  private final boolean gradients;
  private int next;

  LayerContext(Ops tf, LayerConfig config, WeightBinder binder, boolean trainable, List<Operand<TFloat32>> weights,
      boolean gradients) {
    this.tf = tf;
    this.config = config;
    this.binder = binder;
    this.trainable = trainable;
    this.weights = weights;
    this.gradients = gradients;
  }

  /** Whether gradients may flow through this call (it is at or after the first layer that trains). */
  public boolean gradients() {
    return gradients;
  }

  /** Ops in the layer's name scope. */
  public Ops tf() {
    return tf;
  }

  /** The layer's config. */
  public LayerConfig config() {
    return config;
  }

  /**
   * The layer's next weight.
   *
   * @param name Keras' weight name ({@code kernel}, {@code gamma} …)
   * @param shape its shape
   * @param trainableWeight false for statistics (moving mean/variance), which Keras never trains
   */
  public Operand<TFloat32> weight(String name, long[] shape, boolean trainableWeight) {
    int index = next++;
    if (index < weights.size()) {
      return weights.get(index);
    }
    Operand<TFloat32> w = binder.create(tf, new WeightSpec(config.layer(), config.className(), index, name, shape,
        trainable && trainableWeight));
    weights.add(w);
    return w;
  }

  /** A float32 scalar constant. */
  public Operand<TFloat32> scalar(double v) {
    return tf.constant((float) v);
  }

  static List<Operand<TFloat32>> newWeightList() {
    return new ArrayList<>();
  }
}
