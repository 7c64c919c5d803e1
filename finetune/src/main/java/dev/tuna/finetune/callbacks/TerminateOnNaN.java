package dev.tuna.finetune.callbacks;

import java.util.Map;

/** Keras' {@code TerminateOnNaN}: stops training as soon as a batch loss is NaN or infinite. */
public final class TerminateOnNaN implements Callback {
  private int terminatedAt = -1;

  @Override
  public void onBatchEnd(Training training, int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss != null && (loss.isNaN() || loss.isInfinite())) {
      CallbackLog.warning("Batch %d: Invalid loss, terminating training", batch);
      terminatedAt = batch;
      training.stopTraining();
    }
  }

  /**
   * The batch that had an invalid loss, or -1.
   *
   * @return the batch index, or -1
   */
  public int terminatedAt() {
    return terminatedAt;
  }
}
