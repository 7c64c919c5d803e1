package dev.tuna.finetune.train;

import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tuna.core.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
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

  /** Appends epochs of an earlier part of the same run (a resumed {@code fit}). */
  void restore(List<Integer> earlierEpochs, Map<String, List<Double>> earlierValues) {
    epochs.addAll(earlierEpochs);
    earlierValues.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
  }

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  /**
   * Keras' {@code history.history}: key to one value per epoch run.
   *
   * @return an unmodifiable map from metric name to values
   */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The values of {@code key}, or an empty list.
   *
   * @param key a metric name, e.g. {@code val_loss}
   * @return the values, unmodifiable
   */
  public List<Double> get(String key) {
    return List.copyOf(values.getOrDefault(key, List.of()));
  }

  /**
   * Indices of the epochs run (Keras' {@code history.epoch}).
   *
   * @return the epoch indices, unmodifiable
   */
  public List<Integer> epochs() {
    return List.copyOf(epochs);
  }

  /**
   * Writes Keras' {@code history.history} as JSON, {@code {"loss": [...], ...}}, atomically.
   *
   * @param file the JSON file to write
   * @throws IOException if the file cannot be written
   */
  public void writeJson(Path file) throws IOException {
    JsonObject root = new JsonObject();
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      JsonArray list = new JsonArray();
      e.getValue().forEach(list::add);
      root.add(e.getKey(), list);
    }
    AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
  }

  /**
   * Writes one row per epoch like Keras' {@code CSVLogger}: {@code epoch} (0-based) then the keys in sorted order,
   * atomically.
   *
   * @param file the CSV file to write
   * @throws IOException if the file cannot be written
   */
  public void writeCsv(Path file) throws IOException {
    List<String> keys = new ArrayList<>(values.keySet());
    keys.sort(null);
    StringBuilder sb = new StringBuilder("epoch");
    keys.forEach(k -> sb.append(',').append(k));
    sb.append('\n');
    for (int i = 0; i < epochs.size(); i++) {
      sb.append(epochs.get(i));
      for (String k : keys) {
        sb.append(',').append(values.get(k).get(i));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  @Override
  public String toString() {
    return "History" + values;
  }
}
