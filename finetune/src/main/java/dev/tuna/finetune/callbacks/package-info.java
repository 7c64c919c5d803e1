/** Keras callbacks: ModelCheckpoint, EarlyStopping, ReduceLROnPlateau, TerminateOnNaN and a progress bar. */
package dev.tuna.finetune.callbacks;
