package dev.tuna.finetune.callbacks;

import dev.tuna.finetune.load.Weight;
import java.nio.file.Path;
import java.util.Map;

/** What a {@link Callback} may see and change of the model being trained. */
public interface Training {
  /** Asks the training loop to stop after the current batch (Keras {@code model.stop_training = True}). */
  void stopTraining();

  /**
   * Whether {@link #stopTraining()} was called in this {@code fit}.
   *
   * @return true once a callback asked training to stop
   */
  boolean stopRequested();

  /**
   * The optimizer's current learning rate (a float32 value).
   *
   * @return the learning rate
   */
  double learningRate();

  /**
   * Sets the optimizer's learning rate from the next step on.
   *
   * @param value the new learning rate
   */
  void learningRate(double value);

  /**
   * The trainable weights by Keras name (copies).
   *
   * @return the weights by name
   */
  Map<String, Weight> trainableWeights();

  /**
   * Restores trainable weights previously returned by {@link #trainableWeights()}.
   *
   * @param weights the weights to restore, by name
   */
  void trainableWeights(Map<String, Weight> weights);

  /**
   * Writes the inference SavedModel to {@code dir}, atomically replacing what is there.
   *
   * @param dir the SavedModel directory
   */
  void export(Path dir);

  /**
   * Epochs requested by {@code fit}.
   *
   * @return the epoch count
   */
  int epochs();

  /**
   * Batches per epoch.
   *
   * @return the batch count per epoch
   */
  int steps();
}
