package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.finetune.load.KerasModelException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to one layer's Keras config. Every key must be known to the layer's implementation: an
 * unknown key (as a newer Keras may add) fails naming it, unless its value is {@code null} or {@code false}, i.e. a
 * feature left off, which cannot change the layer's output.
 */
final class LayerConfig {
  /** Keys every layer may carry that do not change inference. */
  private static final Set<String> GENERIC = Set.of("name", "trainable", "dtype", "batch_input_shape",
      "batch_shape", "activity_regularizer", "autocast", "input_dtype");

  private final String layer;
  private final String className;
  private final JsonObject config;

  LayerConfig(String layer, String className, JsonObject config) {
    this.layer = layer;
    this.className = className;
    this.config = config;
  }

  /** The layer's name. */
  public String layer() {
    return layer;
  }

  /** The Keras class name. */
  public String className() {
    return className;
  }

  /** Fails on keys outside {@code known}, the generic keys and initializer/regularizer/constraint keys. */
  void checkKeys(Set<String> known) {
    for (String key : config.keySet()) {
      if (GENERIC.contains(key) || known.contains(key) || key.endsWith("_initializer")
          || key.endsWith("_regularizer") || key.endsWith("_constraint")) {
        continue;
      }
      JsonElement v = config.get(key);
      if (v.isJsonNull() || (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && !v.getAsBoolean())) {
        continue;
      }
      throw fail("has config key \"" + key + "\" = " + v + ", which tuna does not know (a newer Keras?); known keys "
          + "of " + className + ": " + new TreeSet<>(known));
    }
    if (config.has("data_format") && !config.get("data_format").isJsonNull()
        && !"channels_last".equals(config.get("data_format").getAsString())) {
      throw fail("has data_format " + config.get("data_format") + "; tuna supports channels_last only");
    }
  }

  /** An error naming this layer. */
  public KerasModelException fail(String what) {
    return new KerasModelException("layer " + layer + " (" + className + ") " + what);
  }

  /** Whether {@code key} is present and not null. */
  public boolean has(String key) {
    return config.has(key) && !config.get(key).isJsonNull();
  }

  /** The raw value, or null. */
  public JsonElement raw(String key) {
    return has(key) ? config.get(key) : null;
  }

  /** An int option. */
  public int integer(String key, int fallback) {
    return has(key) ? config.get(key).getAsInt() : fallback;
  }

  /** A float option as double. */
  public double number(String key, double fallback) {
    return has(key) ? config.get(key).getAsDouble() : fallback;
  }

  /** A boolean option. */
  public boolean bool(String key, boolean fallback) {
    return has(key) ? config.get(key).getAsBoolean() : fallback;
  }

  /** A string option. */
  public String string(String key, String fallback) {
    return has(key) ? config.get(key).getAsString() : fallback;
  }

  /** A pair option given as an int or a 2-list ({@code kernel_size}, {@code strides}). */
  public long[] pair(String key, long fallback) {
    if (!has(key)) {
      return new long[] {fallback, fallback};
    }
    JsonElement e = config.get(key);
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      if (a.size() != 2) {
        throw fail("has " + key + " " + e + "; expected 2 values");
      }
      return new long[] {a.get(0).getAsLong(), a.get(1).getAsLong()};
    }
    long v = e.getAsLong();
    return new long[] {v, v};
  }

  /** The activation name of a layer with an {@code activation} option ({@code linear} when absent). */
  public String activation() {
    JsonElement e = raw("activation");
    if (e == null) {
      return "linear";
    }
    if (e.isJsonPrimitive()) {
      return e.getAsString();
    }
    if (e.isJsonObject() && e.getAsJsonObject().has("class_name")) {
      JsonObject o = e.getAsJsonObject();
      String cls = o.get("class_name").getAsString();
      if (o.has("config") && o.get("config").isJsonPrimitive()) {
        return o.get("config").getAsString();
      }
      return cls;
    }
    throw fail("has an activation tuna cannot read: " + e);
  }

  /** The last-axis check shared by normalisation layers: axis must be -1 or rank - 1. */
  public void requireLastAxis(String key, int rank) {
    JsonElement e = raw(key);
    if (e == null) {
      return;
    }
    int axis;
    if (e.isJsonArray()) {
      if (e.getAsJsonArray().size() != 1) {
        throw fail("normalises over axes " + e + "; tuna supports the last axis only");
      }
      axis = e.getAsJsonArray().get(0).getAsInt();
    } else {
      axis = e.getAsInt();
    }
    if (axis != -1 && axis != rank - 1) {
      throw fail("normalises over axis " + axis + " of a rank-" + rank + " input; tuna supports the last axis only");
    }
  }
}
