package dev.tuna.finetune.callbacks;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Locale;

/**
 * The callbacks' messages (Keras' {@code verbose=1} lines at INFO, warnings at WARNING) through the
 * {@link System.Logger} named {@value #NAME}.
 */
final class CallbackLog {
  /** The logger's name. */
  static final String NAME = "dev.tuna.finetune.callbacks";

  private static final Logger LOG = System.getLogger(NAME);

  private CallbackLog() {}

  static void info(String format, Object... args) {
    log(Level.INFO, format, args);
  }

  static void warning(String format, Object... args) {
    log(Level.WARNING, format, args);
  }

  private static void log(Level level, String format, Object... args) {
    if (LOG.isLoggable(level)) {
      LOG.log(level, String.format(Locale.ROOT, format, args));
    }
  }
}
