package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
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
  private final GraphInterpreter trainingMode;
  private int next;

  LayerContext(Ops tf, LayerConfig config, WeightBinder binder, boolean trainable, List<Operand<TFloat32>> weights,
      boolean gradients, GraphInterpreter trainingMode) {
    this.tf = tf;
    this.config = config;
    this.binder = binder;
    this.trainable = trainable;
    this.weights = weights;
    this.gradients = gradients;
    this.trainingMode = trainingMode;
  }

  /**
   * The training-mode switch for a trainable layer that runs in Keras' training mode during a training step (a
   * float scalar, 1 in a training step, 0 otherwise), or null when the layer always runs in inference mode (not
   * trainable, under a {@code training=False} call, or a model built for inference).
   */
  public Operand<TFloat32> training() {
    return trainingMode == null ? null : trainingMode.trainingFlag();
  }

  /** Registers an op that updates layer state (moving statistics) in every training step. */
  public void addUpdate(Op update) {
    if (trainingMode == null) {
      throw new IllegalStateException("layer " + config.layer() + " updates state outside training mode");
    }
    trainingMode.addUpdate(update);
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

  /** The variable behind a weight this context returned from {@link #weight}, to assign layer state to. */
  public Variable<TFloat32> variableOf(Operand<TFloat32> weight) {
    for (WeightBinder.Param p : binder.params()) {
      if (p.read() == weight) {
        return p.variable();
      }
    }
    throw new IllegalArgumentException("not a weight of layer " + config.layer() + ": " + weight);
  }

  /** A float32 scalar constant. */
  public Operand<TFloat32> scalar(double v) {
    return tf.constant((float) v);
  }

  static List<Operand<TFloat32>> newWeightList() {
    return new ArrayList<>();
  }
}
