package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSource;

/** A {@link WeightSource} backed by a model file, which can tell afterwards which of its weights went unused. */
public interface FileWeights extends WeightSource {
  /** Fails naming a weight of the file that no layer of the config asked for. */
  void checkAllUsed();
}
