package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the Keras config and the weights of a saved model: a Keras 3 {@code .keras} archive, a Keras 2 / tf_keras
 * (or Keras 3 legacy) full-model {@code .h5}, or a tf_keras SavedModel directory with {@code keras_metadata.pb}.
 */
public final class ModelFiles {
  /** The one line that writes a file this class reads. */
  public static final String SAVE_HINT = "save the whole model with `model.save(\"model.keras\")` (Keras 3) or "
      + "`model.save(\"model.h5\")`";

  /**
   * A model file's parts.
   *
   * @param description format and path, for messages
   * @param config the model's Keras config ({@code {"class_name": ..., "config": ...}})
   * @param weights its weights
   * @param open the HDF5 file {@code weights} reads from, or null; closed by {@link #close}
   */
  public record Loaded(String description, JsonObject config, FileWeights weights, HdfFile open)
      implements AutoCloseable {
    /** Closes the HDF5 file the weights are read from, if still open. */
    @Override
    public void close() {
      if (open != null) {
        open.close();
      }
    }
  }

  private ModelFiles() {}

  /**
   * Reads a model file; fails naming the file and what is wrong with it.
   *
   * @param path a {@code .keras} or {@code .h5} file or a SavedModel directory
   * @return its config and weights
   */
  public static Loaded read(Path path) {
    if (!Files.exists(path)) {
      throw new KerasModelException("no Keras model at " + path + ": the path does not exist");
    }
    if (Files.isDirectory(path)) {
      return savedModel(path);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".keras")) {
      return keras(path);
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return h5(path);
    }
    throw new KerasModelException("cannot read " + path + ": expected a .keras file, a full-model .h5 or a "
        + "tf_keras SavedModel directory; " + SAVE_HINT);
  }

  private static Loaded keras(Path path) {
    byte[] h5;
    String json;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry weights = zip.getEntry("model.weights.h5");
      ZipEntry conf = zip.getEntry("config.json");
      if (conf == null) {
        throw new KerasModelException(path + " is a zip without config.json: not a Keras 3 .keras file; "
            + SAVE_HINT);
      }
      if (weights == null) {
        throw new KerasModelException(path + " has no model.weights.h5: the archive holds no weights; "
            + SAVE_HINT);
      }
      try (InputStream in = zip.getInputStream(weights)) {
        h5 = in.readAllBytes();
      }
      try (InputStream in = zip.getInputStream(conf)) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new KerasModelException("cannot open " + path + " as a .keras zip archive (" + e.getMessage()
          + "): the file is truncated or damaged; " + SAVE_HINT, e);
    }
    JsonObject config = parse(json, path + " config.json");
    HdfFile hdf = null;
    try {
      hdf = HdfFile.fromBytes(h5);
      Keras3Weights w = new Keras3Weights(path.toString(), hdf, ModelConfig.parse(config));
      return new Loaded("Keras 3 .keras archive " + path, config, w, hdf);
    } catch (KerasModelException e) {
      if (hdf != null) {
        hdf.close();
      }
      throw e;
    } catch (RuntimeException e) {
      if (hdf != null) {
        hdf.close();
      }
      throw new KerasModelException("cannot read model.weights.h5 in " + path + " (" + e.getMessage() + "); "
          + SAVE_HINT, e);
    }
  }

  private static Loaded h5(Path path) {
    try (HdfFile hdf = new HdfFile(path)) {
      Attribute cfg = hdf.getAttribute("model_config");
      if (cfg == null || cfg.getData() == null) {
        throw new KerasModelException(path + " has no model_config attribute: it holds weights only, no "
            + "architecture; " + SAVE_HINT);
      }
      JsonObject config = parse(String.valueOf(cfg.getData()), path + " model_config");
      Node mw = hdf.getChildren().get("model_weights");
      if (!(mw instanceof Group weights)) {
        throw new KerasModelException(path + " has no model_weights group: saved without weights; " + SAVE_HINT);
      }
      Map<String, Weight> all = new LinkedHashMap<>();
      for (String layer : strings(weights.getAttribute("layer_names"))) {
        Node g = weights.getChild(layer);
        if (!(g instanceof Group group)) {
          throw new KerasModelException(path + ": layer " + layer + " is listed in layer_names but has no group");
        }
        for (String wn : strings(group.getAttribute("weight_names"))) {
          Dataset d = group.getDatasetByPath(wn);
          String key = wn.endsWith(":0") ? wn.substring(0, wn.length() - 2) : wn;
          all.put(key, Weight.of(key, d.getDimensionsAsLong(), HdfValues.floats(d, path.toString())));
        }
      }
      String version = hdf.getAttribute("keras_version") == null ? "?"
          : String.valueOf(hdf.getAttribute("keras_version").getData());
      return new Loaded("Keras " + version + " full-model .h5 " + path, config,
          new NamedWeights(path.toString(), all), null);
    } catch (KerasModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KerasModelException("cannot read " + path + " as a Keras HDF5 model (" + e.getMessage() + "); "
          + SAVE_HINT, e);
    }
  }

  private static Loaded savedModel(Path dir) {
    Path metadata = dir.resolve("keras_metadata.pb");
    if (!Files.exists(metadata)) {
      throw new KerasModelException(dir + " has no keras_metadata.pb, so it carries no Keras config (a Keras 3 "
          + "model.export() or tf.saved_model.save() directory); " + SAVE_HINT);
    }
    JsonObject config;
    try {
      config = rootConfig(Files.readAllBytes(metadata), metadata);
    } catch (IOException e) {
      throw new KerasModelException("cannot read " + metadata + ": " + e.getMessage(), e);
    }
    KerasWeights w = KerasWeights.load(dir);
    return new Loaded("tf_keras SavedModel " + dir, config, new NamedWeights(dir.toString(), w.all()), null);
  }

  /** The root object's metadata JSON of a {@code SavedMetadata} proto (fields read without the generated class). */
  static JsonObject rootConfig(byte[] pb, Path where) throws IOException {
    UnknownFieldSet top = UnknownFieldSet.parseFrom(pb);
    UnknownFieldSet.Field nodes = top.getField(1);
    if (nodes != null) {
      for (ByteString node : nodes.getLengthDelimitedList()) {
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(node);
        boolean root = false;
        String json = null;
        for (Map.Entry<Integer, UnknownFieldSet.Field> f : fields.asMap().entrySet()) {
          for (ByteString b : f.getValue().getLengthDelimitedList()) {
            String s = b.toStringUtf8();
            root |= s.equals("root");
            if (s.startsWith("{")) {
              json = s;
            }
          }
        }
        if (root && json != null) {
          JsonObject meta = parse(json, where.toString());
          JsonObject out = new JsonObject();
          out.add("class_name", meta.get("class_name"));
          out.add("config", meta.get("config"));
          return out;
        }
      }
    }
    throw new KerasModelException(where + " has no root object metadata: not a tf_keras keras_metadata.pb");
  }

  private static JsonObject parse(String json, String where) {
    try {
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        throw new KerasModelException(where + " is not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new KerasModelException(where + " is not valid JSON (" + e.getMessage() + ")", e);
    }
  }

  private static String[] strings(Attribute a) {
    if (a == null || a.getData() == null) {
      return new String[0];
    }
    Object data = a.getData();
    if (data instanceof String[] s) {
      return s;
    }
    if (data instanceof String s) {
      return new String[] {s};
    }
    return new String[0];
  }
}
