package dev.tuna.finetune.train;

import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keras' {@code History}: per-epoch values of every log key ({@code loss}, {@code val_accuracy} …). */
public final class History implements Callback {
  private final Map<String, List<Double>> values = new LinkedHashMap<>();
  private final List<Integer> epochs = new ArrayList<>();

  History() {}

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  /** Keras' {@code history.history}: key to one value per epoch run. */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  /** The values of {@code key}, or an empty list. */
  public List<Double> get(String key) {
    return List.copyOf(values.getOrDefault(key, List.of()));
  }

  /** Indices of the epochs run (Keras' {@code history.epoch}). */
  public List<Integer> epochs() {
    return List.copyOf(epochs);
  }

  @Override
  public String toString() {
    return "History" + values;
  }
}
