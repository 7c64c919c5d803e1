package dev.tuna.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The models loaded in this JVM, one per key (kind and resolved path), shared by every task that runs here and
 * closed when the JVM exits. Tasks on the same executor use a model one batch at a time (synchronized on it).
 */
final class ExecutorModels {
  private static final System.Logger LOG = System.getLogger("dev.tuna.spark");
  private static final Map<String, AutoCloseable> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "tuna-spark-models"));
  }

  private ExecutorModels() {}

  /** The model under {@code key}, loaded by {@code load} on first use in this JVM. */
  @SuppressWarnings("unchecked")
  static <T extends AutoCloseable> T get(String key, Supplier<T> load) {
    return (T) MODELS.computeIfAbsent(key, k -> {
      LOG.log(System.Logger.Level.INFO, "loading " + k);
      return load.get();
    });
  }

  /** Closes and forgets every model (at JVM exit, or in tests). */
  static synchronized void closeAll() {
    for (AutoCloseable m : MODELS.values()) {
      try {
        m.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "cannot close a model: " + e);
      }
    }
    MODELS.clear();
  }

  /** The number of models loaded in this JVM. */
  static int size() {
    return MODELS.size();
  }
}
