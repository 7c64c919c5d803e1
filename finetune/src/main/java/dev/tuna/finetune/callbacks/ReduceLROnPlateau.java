package dev.tuna.finetune.callbacks;

import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.internal.CallbackState;
import java.util.HashMap;
import java.util.Map;

/**
 * Keras' {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} when {@code monitor} has not
 * improved by {@code minDelta} for {@code patience} epochs, then waits {@code cooldown} epochs. Adds
 * {@code learning_rate} to the epoch logs, as Keras 3 does. Its counters and best value go into a
 * {@code BackupAndRestore} checkpoint (which holds the learning rate too), so a resumed run reduces the rate at the
 * same epochs as an uninterrupted one.
 */
public final class ReduceLROnPlateau implements Callback, CallbackState {
  private final Monitor monitor;
  private final double factor;
  private final int patience;
  private final double minDelta;
  private final int cooldown;
  private final double minLr;
  private final boolean verbose;
  private double best;
  private int wait;
  private int cooldownCounter;

  private ReduceLROnPlateau(Builder b) {
    this.monitor = b.newMonitor();
    this.factor = b.factor;
    this.patience = b.patience;
    this.minDelta = b.minDelta;
    this.cooldown = b.cooldown;
    this.minLr = b.minLr;
    this.verbose = b.verbose;
  }

  /**
   * Keras defaults: monitor val_loss, factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(Training training) {
    best = monitor.worst();
    wait = 0;
    cooldownCounter = 0;
  }

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    logs.put("learning_rate", training.learningRate());
    Double current = monitor.value(logs, "Learning rate reduction");
    if (current == null) {
      return;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      wait = 0;
    }
    if (monitor.lowerIsBetter ? current < best - minDelta : current > best + minDelta) {
      best = current;
      wait = 0;
    } else if (cooldownCounter <= 0) {
      wait++;
      if (wait >= patience) {
        double old = training.learningRate();
        if (old > (float) minLr) {
          double lr = Math.max(old * factor, minLr);
          training.learningRate(lr);
          if (verbose) {
            CallbackLog.info("Epoch %d: ReduceLROnPlateau reducing learning rate to %s.", epoch + 1, (float) lr);
          }
          cooldownCounter = cooldown;
          wait = 0;
        }
      }
    }
  }

  /**
   * The best value and the patience and cooldown counters; for {@code BackupAndRestore}.
   *
   * @return the state after the last epoch
   */
  @Override
  public Saved saveState() {
    Map<String, Double> values = new HashMap<>();
    values.put("best", best);
    values.put("wait", (double) wait);
    values.put("cooldown_counter", (double) cooldownCounter);
    return new Saved(values, Map.of());
  }

  /**
   * Continues from a saved state; for {@code BackupAndRestore}.
   *
   * @param saved what {@link #saveState} returned
   */
  @Override
  public void restoreState(Saved saved) {
    best = saved.value("best");
    wait = (int) saved.value("wait");
    cooldownCounter = (int) saved.value("cooldown_counter");
  }

  /** Configures {@link ReduceLROnPlateau}. */
  public static final class Builder extends PlateauBuilder<Builder> {
    private double factor = 0.1;
    private int cooldown;
    private double minLr;

    private Builder() {
      super(10, 1e-4);
    }

    /**
     * The multiplier, in (0, 1).
     *
     * @param value Keras' {@code factor}
     * @return this builder
     */
    public Builder factor(double value) {
      Preconditions.requireArgument(value > 0 && value < 1, "factor must be in (0, 1) but was %s", value);
      this.factor = options.set("factor", value);
      return this;
    }

    /**
     * Epochs to wait after a reduction before counting patience again. Default 0.
     *
     * @param epochs Keras' {@code cooldown}, {@code >= 0}
     * @return this builder
     */
    public Builder cooldown(int epochs) {
      Preconditions.requireArgument(epochs >= 0, "cooldown must be >= 0 but was %s", epochs);
      this.cooldown = options.set("cooldown", epochs);
      return this;
    }

    /**
     * The lower bound on the learning rate. Default 0.
     *
     * @param value Keras' {@code min_lr}, {@code >= 0}
     * @return this builder
     */
    public Builder minLr(double value) {
      Preconditions.requireArgument(value >= 0, "minLr must be >= 0 but was %s", value);
      this.minLr = options.set("minLr", value);
      return this;
    }

    /** {@return the callback} */
    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}
