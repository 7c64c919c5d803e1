package dev.tuna.finetune.callbacks;

import java.util.Map;

/** Keras' monitor/mode logic: which log value to watch and whether lower or higher is better. */
final class Monitor {
  /** Keras' {@code mode}. */
  enum Mode {
    AUTO, MIN, MAX
  }

  final String key;
  final boolean lowerIsBetter;

  Monitor(String key, Mode mode) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("monitor must name a log key such as val_loss but was " + key);
    }
    this.key = key;
    this.lowerIsBetter = switch (mode) {
      case MIN -> true;
      case MAX -> false;
      // Keras: "acc"/"accuracy"/"auc" style metrics are maximised, everything else minimised.
      case AUTO -> !(key.contains("acc") || key.contains("auc"));
    };
  }

  /** The monitored value, or null with a logged warning like Keras' when it is absent. */
  Double value(Map<String, Double> logs, String who) {
    Double v = logs.get(key);
    if (v == null) {
      CallbackLog.warning("%s conditioned on metric `%s` which is not available. Available metrics are: %s", who,
          key, String.join(",", logs.keySet()));
    }
    return v;
  }

  /** The worst possible value, Keras' initial {@code best}. */
  double worst() {
    return lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }
}
