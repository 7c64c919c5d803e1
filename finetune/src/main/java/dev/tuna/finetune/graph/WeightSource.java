package dev.tuna.finetune.graph;

/**
 * Supplies the values of the weights a Keras config needs, one weight at a time, in layer order.
 *
 * <p>{@link KerasModel#load} reads them from the model file; {@link KerasModel#fromConfig} takes any source, e.g.
 * values drawn from a seed.
 */
@FunctionalInterface
public interface WeightSource {
  /**
   * The values of {@code spec}, row-major, {@code spec.size()} of them.
   *
   * @param spec the weight asked for
   * @return its values
   * @throws dev.tuna.finetune.load.KerasModelException if the source has no such weight or one of another shape
   */
  float[] values(WeightSpec spec);
}
