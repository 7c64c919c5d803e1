package dev.tuna.finetune.internal;

import dev.tuna.finetune.load.Weight;
import java.util.Map;

/**
 * A callback whose state carries over from one epoch to the next (patience counters, best values, the best epoch's
 * weights), so that {@code BackupAndRestore} saves it with the checkpoint and restores it when a run resumes: the
 * resumed {@code fit} then stops or changes the learning rate at the same epoch as an uninterrupted one.
 */
public interface CallbackState {
  /** What a callback saves: numbers by name, and weights by Keras name (often none). */
  record Saved(Map<String, Double> values, Map<String, Weight> weights) {
    /** Copies both maps. */
    public Saved {
      values = Map.copyOf(values);
      weights = Map.copyOf(weights);
    }

    /**
     * One saved number.
     *
     * @param name its name
     * @return its value
     * @throws IllegalArgumentException if it was not saved
     */
    public double value(String name) {
      Double v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("the saved callback state has no " + name + "; it holds "
            + new java.util.TreeSet<>(values.keySet()));
      }
      return v;
    }
  }

  /**
   * The state after the epoch that just ended.
   *
   * @return the state to save
   */
  Saved saveState();

  /**
   * Sets the state a checkpoint holds; called after {@code onTrainBegin}, before the first resumed epoch.
   *
   * @param saved what {@link #saveState} returned in the saved run
   * @throws IllegalArgumentException if a value it needs is missing
   */
  void restoreState(Saved saved);
}
