package dev.tuna.finetune.callbacks;

import java.util.Map;

/**
 * Keras' {@code Callback} hooks. Epochs and batches are 0-based as in Keras; logs use Keras keys ({@code loss},
 * {@code accuracy}, {@code val_loss}, {@code val_accuracy}, {@code learning_rate}). Epoch logs are mutable so a
 * callback can add entries, as ReduceLROnPlateau does.
 */
public interface Callback {
  /**
   * Before the first epoch.
   *
   * @param training the running training
   */
  default void onTrainBegin(Training training) {}

  /**
   * Before each epoch.
   *
   * @param training the running training
   * @param epoch the epoch index
   */
  default void onEpochBegin(Training training, int epoch) {}

  /**
   * After each training batch with the running epoch averages so far.
   *
   * @param training the running training
   * @param batch the batch index within the epoch
   * @param logs the running averages, e.g. {@code loss}
   */
  default void onBatchEnd(Training training, int batch, Map<String, Double> logs) {}

  /**
   * After each epoch, with the epoch's metrics and validation metrics.
   *
   * @param training the running training
   * @param epoch the epoch index
   * @param logs the epoch's logs, mutable
   */
  default void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {}

  /**
   * After the last epoch.
   *
   * @param training the running training
   * @param logs the last epoch's logs
   */
  default void onTrainEnd(Training training, Map<String, Double> logs) {}
}
