/**
 * Any Keras CNN rebuilt in TensorFlow Java from its Keras config: {@link dev.tuna.finetune.graph.KerasModel} reads
 * a {@code .keras} archive, a full-model {@code .h5} or a tf_keras SavedModel, interprets the functional graph
 * layer by layer and predicts as Keras' {@code predict} does.
 */
package dev.tuna.finetune.graph;
