package dev.tuna.finetune.callbacks;

import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.internal.CallbackState;
import dev.tuna.finetune.load.Weight;
import java.util.HashMap;
import java.util.Map;

/**
 * Keras' {@code EarlyStopping}: stops when {@code monitor} has not improved by more than {@code minDelta} for
 * {@code patience} epochs, optionally restoring the best trainable weights. Its counters, best value and best
 * weights go into a {@code BackupAndRestore} checkpoint, so a resumed run stops at the same epoch as an uninterrupted
 * one.
 */
public final class EarlyStopping implements Callback, CallbackState {
  private final Monitor monitor;
  private final double minDelta;
  private final int patience;
  private final boolean restoreBestWeights;
  private final Double baseline;
  private final int startFromEpoch;
  private final boolean verbose;
  private int wait;
  private double best;
  private int bestEpoch;
  private int stoppedEpoch;
  private Map<String, Weight> bestWeights;

  private EarlyStopping(Builder b) {
    this.monitor = b.newMonitor();
    this.minDelta = Math.abs(b.minDelta);
    this.patience = b.patience;
    this.restoreBestWeights = b.restoreBestWeights;
    this.baseline = b.baseline;
    this.startFromEpoch = b.startFromEpoch;
    this.verbose = b.verbose;
  }

  /**
   * Keras defaults: monitor {@code val_loss}, minDelta 0, patience 0, mode auto, no restore.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(Training training) {
    wait = 0;
    stoppedEpoch = 0;
    best = monitor.worst();
    bestWeights = null;
    bestEpoch = 0;
  }

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    Double current = monitor.value(logs, "Early stopping");
    if (current == null || epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = training.trainableWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = training.trainableWeights();
      }
      if (baseline == null || improves(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      training.stopTraining();
    }
  }

  /** Like Keras 3: restores the best weights at the end of training, whether or not it stopped early. */
  @Override
  public void onTrainEnd(Training training, Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbose) {
      CallbackLog.info("Epoch %d: early stopping", stoppedEpoch + 1);
    }
    if (restoreBestWeights && bestWeights != null) {
      if (verbose) {
        CallbackLog.info("Restoring model weights from the end of the best epoch: %d.", bestEpoch + 1);
      }
      training.trainableWeights(bestWeights);
    }
  }

  /**
   * The patience counter, best value, best and stopped epoch, and the best weights when they are kept; for
   * {@code BackupAndRestore}.
   *
   * @return the state after the last epoch
   */
  @Override
  public Saved saveState() {
    Map<String, Double> values = new HashMap<>();
    values.put("wait", (double) wait);
    values.put("best", best);
    values.put("best_epoch", (double) bestEpoch);
    values.put("stopped_epoch", (double) stoppedEpoch);
    return new Saved(values, bestWeights == null ? Map.of() : bestWeights);
  }

  /**
   * Continues from a saved state; for {@code BackupAndRestore}.
   *
   * @param saved what {@link #saveState} returned
   */
  @Override
  public void restoreState(Saved saved) {
    wait = (int) saved.value("wait");
    best = saved.value("best");
    bestEpoch = (int) saved.value("best_epoch");
    stoppedEpoch = (int) saved.value("stopped_epoch");
    bestWeights = saved.weights().isEmpty() ? null : Map.copyOf(saved.weights());
  }

  private boolean improves(double current, double reference) {
    return monitor.lowerIsBetter ? current + minDelta < reference : current - minDelta > reference;
  }

  /**
   * The epoch training stopped at, 0 if it did not stop early.
   *
   * @return the stopped epoch
   */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /**
   * The epoch with the best monitored value.
   *
   * @return the best epoch
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Configures {@link EarlyStopping}. */
  public static final class Builder extends PlateauBuilder<Builder> {
    private boolean restoreBestWeights;
    private Double baseline;
    private int startFromEpoch;

    private Builder() {
      super(0, 0.0);
    }

    /**
     * Whether to restore the weights of the best epoch at the end of training. Default false.
     *
     * @param on Keras' {@code restore_best_weights}
     * @return this builder
     */
    public Builder restoreBestWeights(boolean on) {
      this.restoreBestWeights = options.set("restoreBestWeights", on);
      return this;
    }

    /**
     * A value to beat: patience is reset only by an improvement that also beats it. Default none.
     *
     * @param value Keras' {@code baseline}
     * @return this builder
     */
    public Builder baseline(double value) {
      this.baseline = options.set("baseline", value);
      return this;
    }

    /**
     * Epochs to wait before monitoring starts (warm-up).
     *
     * @param epoch Keras' {@code start_from_epoch}, {@code >= 0}
     * @return this builder
     */
    public Builder startFromEpoch(int epoch) {
      Preconditions.requireArgument(epoch >= 0, "startFromEpoch must be >= 0 but was %s", epoch);
      this.startFromEpoch = options.set("startFromEpoch", epoch);
      return this;
    }

    /** {@return the callback} */
    public EarlyStopping build() {
      return new EarlyStopping(this);
    }
  }
}
