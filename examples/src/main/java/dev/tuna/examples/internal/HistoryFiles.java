package dev.tuna.examples.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tuna.finetune.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Keras' {@code history.history} as JSON ({@code {"loss": [...], ...}}) and as CSV (like {@code CSVLogger}). */
public final class HistoryFiles {
  private HistoryFiles() {}

  public static void writeJson(Path file, History history) throws IOException {
    JsonObject root = new JsonObject();
    for (Map.Entry<String, List<Double>> e : history.history().entrySet()) {
      JsonArray values = new JsonArray();
      e.getValue().forEach(values::add);
      root.add(e.getKey(), values);
    }
    AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
  }

  /** {@code epoch,accuracy,loss,val_accuracy,val_loss} with Keras' sorted column order and 0-based epochs. */
  public static void writeCsv(Path file, History history) throws IOException {
    List<String> keys = new ArrayList<>(history.history().keySet());
    keys.sort(null);
    StringBuilder sb = new StringBuilder("epoch");
    keys.forEach(k -> sb.append(',').append(k));
    sb.append('\n');
    List<Integer> epochs = history.epochs();
    for (int i = 0; i < epochs.size(); i++) {
      sb.append(epochs.get(i));
      for (String k : keys) {
        sb.append(',').append(String.format(Locale.ROOT, "%s", history.get(k).get(i)));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
