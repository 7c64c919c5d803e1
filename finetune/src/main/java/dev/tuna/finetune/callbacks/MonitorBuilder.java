package dev.tuna.finetune.callbacks;

import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import java.util.Locale;

/**
 * The options every monitoring callback shares: the log key to watch, whether lower or higher is better, and
 * Keras' {@code verbose} messages. Each option may be set once ({@link IllegalStateException} on a second set) and
 * never to null ({@link NullPointerException}).
 *
 * @param <B> the concrete builder
 */
public abstract class MonitorBuilder<B extends MonitorBuilder<B>> {
  String monitor = "val_loss";
  Monitor.Mode mode = Monitor.Mode.AUTO;
  boolean verbose;
  /** The options set so far: each may be set once, never to null. */
  final BuilderOptions options = new BuilderOptions();

  MonitorBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The log key to watch. Default {@code val_loss}.
   *
   * @param key Keras' {@code monitor}, e.g. {@code val_accuracy}
   * @return this builder
   */
  public B monitor(String key) {
    this.monitor = options.set("monitor", key);
    return self();
  }

  /**
   * Lower is better ({@code "min"}), higher ({@code "max"}) or from the name ({@code "auto"}, default).
   *
   * @param value Keras' {@code mode}: {@code "min"}, {@code "max"} or {@code "auto"}
   * @return this builder
   */
  public B mode(String value) {
    Preconditions.requireNonNull("mode", value);
    Monitor.Mode parsed;
    try {
      parsed = Monitor.Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mode must be one of auto, min, max but was " + value, e);
    }
    this.mode = options.set("mode", parsed);
    return self();
  }

  /**
   * Logs Keras' {@code verbose=1} lines at INFO through the {@link System.Logger}
   * {@code dev.tuna.finetune.callbacks}. Default false.
   *
   * @param on Keras' {@code verbose}
   * @return this builder
   */
  public B verbose(boolean on) {
    this.verbose = options.set("verbose", on);
    return self();
  }

  Monitor newMonitor() {
    return new Monitor(monitor, mode);
  }
}
