package dev.tuna.finetune.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads Keras HDF5 weight layouts (Keras 2 legacy and Keras 3) and {@code .keras} archives with jhdf. */
final class H5Weights {
  /** zlib's largest expansion (1032:1); HDF5's other filters (shuffle, checksums) do not expand data. */
  private static final long MAX_EXPANSION = 1032;

  private H5Weights() {}

  /**
   * Reads an HDF5 file through a memory map: jhdf then slices its structures out of the map instead of allocating
   * buffers of the sizes the file declares, so a corrupt header cannot exhaust the heap. Files over 2 GiB (beyond
   * one map) are read through jhdf's file channel.
   */
  static KerasWeights read(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        HdfFile hdf = channel.size() > Integer.MAX_VALUE ? new HdfFile(path)
            : HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()))) {
      return fromHdf(hdf, path, null);
    } catch (KerasModelException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new KerasModelException("cannot read " + path + " as HDF5 (" + e.getMessage() + "); "
          + KerasWeights.HOW_TO_EXPORT, e);
    }
  }

  static KerasWeights readKerasArchive(Path path) {
    byte[] h5;
    JsonObject config;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry weights = zip.getEntry("model.weights.h5");
      ZipEntry conf = zip.getEntry("config.json");
      if (weights == null || conf == null) {
        throw new KerasModelException(path + " is a zip without model.weights.h5 and config.json: not a Keras 3 "
            + ".keras file; " + KerasWeights.HOW_TO_EXPORT);
      }
      try (InputStream in = zip.getInputStream(weights)) {
        h5 = in.readAllBytes();
      }
      try (InputStream in = zip.getInputStream(conf)) {
        config = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof KerasModelException k) {
        throw k;
      }
      throw new KerasModelException("cannot open " + path + " as a .keras zip archive (" + e.getMessage() + "); "
          + KerasWeights.HOW_TO_EXPORT, e);
    }
    try (HdfFile hdf = HdfFile.fromBytes(h5)) {
      KerasWeights w = fromHdf(hdf, path, config);
      return new KerasWeights(path, KerasFormat.KERAS3_KERAS, w.all(), w.inputName().orElse(null), w.layerOrder());
    } catch (KerasModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KerasModelException("cannot read model.weights.h5 in " + path + " (" + e.getMessage() + "); "
          + KerasWeights.HOW_TO_EXPORT, e);
    }
  }

  private static KerasWeights fromHdf(HdfFile hdf, Path path, JsonObject config) {
    if (hdf.getAttribute("layer_names") != null) {
      return legacy(hdf, path, KerasFormat.KERAS2_WEIGHTS_H5);
    }
    Node modelWeights = hdf.getChildren().get("model_weights");
    if (modelWeights instanceof Group g && g.getAttribute("layer_names") != null) {
      return legacy(g, path, KerasFormat.KERAS2_H5);
    }
    Node layers = hdf.getChildren().get("layers");
    if (layers instanceof Group g) {
      return keras3(g, path, config);
    }
    if (hdf.getAttribute("model_config") != null) {
      throw new KerasModelException(path + " is a Keras full-model .h5 without weights (saved with "
          + "include_optimizer only?); " + KerasWeights.HOW_TO_EXPORT);
    }
    throw new KerasModelException(path + " is HDF5 but neither a Keras 2 weights file (no layer_names attribute) "
        + "nor a Keras 3 one (no /layers group); " + KerasWeights.HOW_TO_EXPORT);
  }

  /** Keras 2: {@code layer_names} on the root, {@code weight_names} per layer group. */
  private static KerasWeights legacy(Group root, Path path, KerasFormat format) {
    Map<String, Weight> out = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    String input = null;
    for (String layer : strings(root.getAttribute("layer_names"))) {
      order.add(layer);
      Node node = root.getChild(layer);
      if (!(node instanceof Group g)) {
        throw new KerasModelException(path + ": layer " + layer + " is listed in layer_names but has no group");
      }
      String[] names = strings(g.getAttribute("weight_names"));
      if (names.length == 0 && input == null && layer.contains("input")) {
        input = layer;
      }
      for (String wn : names) {
        Dataset d = g.getDatasetByPath(wn);
        long[] shape = d.getDimensionsAsLong();
        String role = shape.length >= 2 ? "kernel" : wn.contains("gamma") || wn.contains("beta")
            || wn.contains("moving") ? leaf(wn) : "bias";
        out.put(layer + "/" + role, new Weight(layer + "/" + role, shape, floats(d, path)));
      }
    }
    return new KerasWeights(path, format, out, input, order);
  }

  /** Keras 3: {@code layers/<class>_<n>/vars/<i>}, layer name in the {@code vars} group's {@code name} attr. */
  private static KerasWeights keras3(Group layers, Path path, JsonObject config) {
    Map<String, String> fromConfig = config == null ? Map.of() : groupNamesFromConfig(layers, config);
    List<Group> groups = new ArrayList<>();
    collect(layers, groups);
    Map<String, Weight> out = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    String input = null;
    for (Group g : groups) {
      Node varsNode = g.getChild("vars");
      Group vars = (Group) varsNode;
      Attribute nameAttr = vars.getAttribute("name");
      String layer = nameAttr != null ? String.valueOf(nameAttr.getData()) : fromConfig.get(g.getName());
      List<Dataset> datasets = new ArrayList<>();
      for (Node n : vars.getChildren().values()) {
        if (n instanceof Dataset d) {
          datasets.add(d);
        }
      }
      if (layer == null) {
        if (datasets.isEmpty()) {
          continue;
        }
        throw new KerasModelException(path + ": group " + g.getPath() + " carries no layer name (written by "
            + "Keras < 3.6); re-save with Keras >= 3.6, or save the whole model with model.save(\"x.keras\")");
      }
      if (g.getName().startsWith("input_layer") && input == null) {
        input = layer;
      }
      order.add(layer);
      datasets.sort(Comparator.comparingInt(d -> Integer.parseInt(d.getName())));
      for (Dataset d : datasets) {
        long[] shape = d.getDimensionsAsLong();
        int i = Integer.parseInt(d.getName());
        String role = i == 0 && shape.length >= 2 ? "kernel" : i == 1 && shape.length == 1 ? "bias" : "var" + i;
        out.put(layer + "/" + role, new Weight(layer + "/" + role, shape, floats(d, path)));
      }
    }
    if (config != null) {
      List<String> configOrder = configLayerNames(config);
      order.sort(Comparator.comparingInt(n -> configOrder.indexOf(n) < 0 ? Integer.MAX_VALUE
          : configOrder.indexOf(n)));
    }
    return new KerasWeights(path, KerasFormat.KERAS3_WEIGHTS_H5, sortByLayer(out, order), input, order);
  }

  private static Map<String, Weight> sortByLayer(Map<String, Weight> in, List<String> order) {
    List<Weight> list = new ArrayList<>(in.values());
    list.sort(Comparator.comparingInt(w -> order.indexOf(w.layer())));
    Map<String, Weight> out = new LinkedHashMap<>();
    list.forEach(w -> out.put(w.name(), w));
    return out;
  }

  /** Layer groups in numeric-aware order ({@code conv2d_2} before {@code conv2d_10}); nested models flattened. */
  private static void collect(Group layers, List<Group> out) {
    List<Group> groups = new ArrayList<>();
    for (Node n : layers.getChildren().values()) {
      if (n instanceof Group g) {
        groups.add(g);
      }
    }
    groups.sort(Comparator.comparing(H5Weights::classPart).thenComparingInt(H5Weights::counter));
    for (Group g : groups) {
      if (g.getChild("vars") instanceof Group) {
        out.add(g);
      }
      if (g.getChild("layers") instanceof Group nested) {
        collect(nested, out);
      }
    }
  }

  private static String classPart(Group g) {
    String n = g.getName();
    int u = n.lastIndexOf('_');
    return u > 0 && n.substring(u + 1).chars().allMatch(Character::isDigit) ? n.substring(0, u) : n;
  }

  private static int counter(Group g) {
    String n = g.getName();
    String c = classPart(g);
    return n.equals(c) ? 0 : Integer.parseInt(n.substring(c.length() + 1));
  }

  /** Keras < 3.6 fallback: the k-th group of a class is the k-th layer of that class in config.json. */
  private static Map<String, String> groupNamesFromConfig(Group layers, JsonObject config) {
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> out = new HashMap<>();
    for (JsonElement e : configLayers(config)) {
      JsonObject l = e.getAsJsonObject();
      String snake = snake(l.get("class_name").getAsString());
      int k = seen.merge(snake, 1, Integer::sum) - 1;
      out.put(k == 0 ? snake : snake + "_" + k, l.getAsJsonObject("config").get("name").getAsString());
    }
    return out;
  }

  private static List<String> configLayerNames(JsonObject config) {
    List<String> names = new ArrayList<>();
    for (JsonElement e : configLayers(config)) {
      names.add(e.getAsJsonObject().getAsJsonObject("config").get("name").getAsString());
    }
    return names;
  }

  private static JsonArray configLayers(JsonObject config) {
    JsonObject c = config.getAsJsonObject("config");
    return c != null && c.has("layers") ? c.getAsJsonArray("layers") : new JsonArray();
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }

  private static String leaf(String weightName) {
    String n = KerasWeights.normalize(weightName);
    return n.substring(n.lastIndexOf('/') + 1);
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
    throw new KerasModelException("unexpected attribute " + a.getName() + " of type " + data.getClass());
  }

  private static float[] floats(Dataset d, Path path) {
    long fileBytes = d.getHdfFile().size();
    if (d.getSize() > Integer.MAX_VALUE - 8 || d.getSizeInBytes() > fileBytes * MAX_EXPANSION + 1024) {
      // checked before reading, so a small file declaring a huge dataset cannot exhaust the heap
      throw new KerasModelException(path + ": dataset " + d.getPath() + " declares shape "
          + Arrays.toString(d.getDimensionsAsLong()) + " (" + d.getSizeInBytes() + " bytes), more than a file of "
          + fileBytes + " bytes can hold; the file is corrupt");
    }
    Object flat = d.getDataFlat();
    if (flat instanceof float[] f) {
      return f;
    }
    if (flat instanceof double[] dd) {
      float[] f = new float[dd.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) dd[i];
      }
      return f;
    }
    throw new KerasModelException(path + ": dataset " + d.getPath() + " has type " + d.getJavaType()
        + ", expected float32 " + Arrays.toString(d.getDimensions()));
  }
}
