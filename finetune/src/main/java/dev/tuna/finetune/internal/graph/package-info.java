/** The Keras-config interpreter behind {@link dev.tuna.finetune.graph.KerasModel}: one class per layer kind; not API. */
package dev.tuna.finetune.internal.graph;
