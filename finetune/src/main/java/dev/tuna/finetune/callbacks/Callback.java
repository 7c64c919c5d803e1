package dev.tuna.finetune.callbacks;

import java.util.Map;

/**
 * Keras' {@code Callback} hooks. Epochs and batches are 0-based as in Keras; logs use Keras keys ({@code loss},
 * {@code accuracy}, {@code val_loss}, {@code val_accuracy}, {@code learning_rate}). Epoch logs are mutable so a
 * callback can add entries, as ReduceLROnPlateau does.
 */
public interface Callback {
  default void onTrainBegin(Training training) {}

  default void onEpochBegin(Training training, int epoch) {}

  /** After each training batch with the running epoch averages so far. */
  default void onBatchEnd(Training training, int batch, Map<String, Double> logs) {}

  default void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {}

  default void onTrainEnd(Training training, Map<String, Double> logs) {}
}
