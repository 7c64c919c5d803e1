package dev.tuna.finetune.callbacks;

import dev.tuna.core.internal.Preconditions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras' {@code ModelCheckpoint}: exports the inference SavedModel at the end of an epoch, every epoch or only when
 * {@code monitor} improved ({@code saveBestOnly}). Writes are atomic: a temporary sibling directory is renamed into
 * place. The path may contain Keras placeholders such as {@code {epoch:02d}} or {@code {val_loss:.2f}}.
 */
public final class ModelCheckpoint implements Callback {
  private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

  private final String filepath;
  private final Monitor monitor;
  private final boolean saveBestOnly;
  private final boolean verbose;
  private final Double initialValueThreshold;
  private double best;
  private Path lastSaved;

  private ModelCheckpoint(Builder b) {
    this.filepath = b.filepath;
    this.monitor = b.newMonitor();
    this.saveBestOnly = b.saveBestOnly;
    this.verbose = b.verbose;
    this.initialValueThreshold = b.initialValueThreshold;
  }

  /**
   * Keras defaults: monitor val_loss, mode auto, save every epoch.
   *
   * @param filepath Keras' {@code filepath}, may hold placeholders such as {@code {epoch:02d}}
   * @return a builder
   */
  public static Builder builder(Path filepath) {
    return new Builder(Preconditions.requireNonNull("filepath", filepath).toString());
  }

  @Override
  public void onTrainBegin(Training training) {
    best = initialValueThreshold != null ? initialValueThreshold : monitor.worst();
  }

  /**
   * The best monitored value so far (Keras' {@code best}): what an epoch must beat to be saved with
   * {@code saveBestOnly}.
   *
   * @return the best value, infinite before the first save without {@code initialValueThreshold}
   */
  public double best() {
    return best;
  }

  /**
   * Sets the best value seen so far, when a run resumes ({@code BackupAndRestore}) after {@code onTrainBegin}.
   *
   * @param value the best value of the run so far
   */
  public void restoreBest(double value) {
    this.best = value;
  }

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    Path target = Path.of(format(filepath, epoch + 1, logs));
    if (saveBestOnly) {
      Double current = monitor.value(logs, "Can save best model only with " + monitor.key + " available,");
      if (current == null) {
        return;
      }
      if (!(monitor.lowerIsBetter ? current < best : current > best)) {
        if (verbose) {
          CallbackLog.info("Epoch %d: %s did not improve from %.5f", epoch + 1, monitor.key, best);
        }
        return;
      }
      if (verbose) {
        CallbackLog.info("Epoch %d: %s improved from %.5f to %.5f, saving model to %s", epoch + 1, monitor.key,
            best, current, target);
      }
      best = current;
    } else if (verbose) {
      CallbackLog.info("Epoch %d: saving model to %s", epoch + 1, target);
    }
    training.export(target);
    lastSaved = target;
  }

  /**
   * The last directory written, or null.
   *
   * @return the directory, or null
   */
  public Path lastSaved() {
    return lastSaved;
  }

  /** Python {@code str.format} for the Keras fields {@code epoch} and log keys, with int/float specs. */
  static String format(String pattern, int epoch, Map<String, Double> logs) {
    Matcher m = FIELD.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String spec = m.group(2);
      Object value = key.equals("epoch") ? (Object) epoch : logs.get(key);
      if (value == null) {
        throw new IllegalArgumentException("filepath refers to {" + key + "} but the logs hold only "
            + logs.keySet() + " and epoch");
      }
      String text;
      if (spec == null || spec.isEmpty()) {
        text = String.valueOf(value);
      } else {
        Number number = (Number) value;
        text = spec.endsWith("d") ? String.format(Locale.ROOT, "%" + spec, number.longValue())
            : String.format(Locale.ROOT, "%" + spec, number.doubleValue());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(text));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Configures {@link ModelCheckpoint}. */
  public static final class Builder extends MonitorBuilder<Builder> {
    private final String filepath;
    private boolean saveBestOnly;
    private Double initialValueThreshold;

    private Builder(String filepath) {
      this.filepath = filepath;
    }

    /**
     * Save only when the monitored value improves.
     *
     * @param on Keras' {@code save_best_only}
     * @return this builder
     */
    public Builder saveBestOnly(boolean on) {
      this.saveBestOnly = options.set("saveBestOnly", on);
      return this;
    }

    /**
     * Keras' {@code initial_value_threshold}: the value the monitored metric must beat before the first save with
     * {@code saveBestOnly} (by default the worst possible).
     *
     * @param value the threshold, finite
     * @return this builder
     */
    public Builder initialValueThreshold(double value) {
      Preconditions.requireArgument(Double.isFinite(value), "initialValueThreshold must be finite but was %s", value);
      this.initialValueThreshold = options.set("initialValueThreshold", value);
      return this;
    }

    /** {@return the callback} */
    public ModelCheckpoint build() {
      return new ModelCheckpoint(this);
    }
  }
}
