/** {@link dev.tuna.finetune.train.FineTuner}: Keras-exact partial training with SGD, Adam and RMSprop. */
package dev.tuna.finetune.train;
