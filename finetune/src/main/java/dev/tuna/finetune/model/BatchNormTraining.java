package dev.tuna.finetune.model;

/**
 * How the BatchNormalization layers of an unfrozen part of a base model train (a model built from its Keras config
 * and called the keras.io way, {@code base(x, training=False)}). Layers before the unfreeze point, and layers saved
 * with {@code trainable=False}, always stay frozen and in inference mode.
 */
public enum BatchNormTraining {
  /**
   * What Keras 3 {@code fit} / {@code train_on_batch} does (the default): an unfrozen BatchNormalization is trainable
   * (gamma and beta train, counted as trainable as {@code model.summary()} counts them) and runs in training mode in
   * a training step, normalising with the batch's moments and updating its moving statistics with
   * {@code moving * momentum + batch * (1 - momentum)}. Keras 3's functional call passes {@code training=True} to
   * every layer, overriding the stored {@code base(x, training=False)} (keras-team/keras#20285).
   */
  KERAS3_FIT,
  /**
   * What the keras.io fine-tuning guide intends: every BatchNormalization stays non-trainable and in inference mode
   * (its moving statistics never change), as Keras does for layers set {@code trainable=False}.
   */
  FROZEN,
  /**
   * An unfrozen BatchNormalization is trainable, and a stored call argument {@code training=False} (such as
   * {@code base(x, training=False)}) keeps the layers it calls in inference mode during a training step, as tf_keras
   * (Keras 2) does; gamma and beta still train, the moving statistics of those layers stay unchanged.
   */
  CALL_ARGUMENTS
}
