package dev.tuna.finetune.callbacks;

import java.util.Locale;

/**
 * The options every monitoring callback shares: the log key to watch, whether lower or higher is better, and
 * Keras' {@code verbose} messages.
 *
 * @param <B> the concrete builder
 */
public abstract class MonitorBuilder<B extends MonitorBuilder<B>> {
  String monitor = "val_loss";
  Monitor.Mode mode = Monitor.Mode.AUTO;
  boolean verbose;

  MonitorBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The log key to watch. Default {@code val_loss}. */
  public B monitor(String key) {
    this.monitor = key;
    return self();
  }

  /** Lower is better ({@code "min"}), higher ({@code "max"}) or from the name ({@code "auto"}, default). */
  public B mode(String value) {
    try {
      this.mode = Monitor.Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("mode must be one of auto, min, max but was " + value, e);
    }
    return self();
  }

  /**
   * Logs Keras' {@code verbose=1} lines at INFO through the {@link System.Logger}
   * {@code dev.tuna.finetune.callbacks}. Default false.
   */
  public B verbose(boolean on) {
    this.verbose = on;
    return self();
  }

  Monitor newMonitor() {
    return new Monitor(monitor, mode);
  }
}
