package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSpec;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.Weight;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Weights found by Keras name, {@code layer/kernel}: the Keras 2 HDF5 layout ({@code model_weights/<layer>/...}
 * with {@code weight_names}) and tf_keras SavedModel checkpoints. Keras 2 calls a DepthwiseConv2D kernel
 * {@code depthwise_kernel}, which is accepted too.
 */
final class NamedWeights implements FileWeights {
  private final String source;
  private final Map<String, Weight> byName = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  NamedWeights(String source, Map<String, Weight> weights) {
    this.source = source;
    weights.forEach((k, v) -> byName.put(k.endsWith(":0") ? k.substring(0, k.length() - 2) : k, v));
  }

  @Override
  public float[] values(WeightSpec spec) {
    String key = find(spec.layer() + "/" + spec.name());
    if (key == null && spec.name().equals("kernel") && spec.layerClass().equals("DepthwiseConv2D")) {
      key = find(spec.layer() + "/depthwise_kernel");
    }
    if (key == null && spec.name().equals("count") && spec.layerClass().equals("Normalization")) {
      return new float[1]; // an int64 counter Keras never reads at inference; SavedModel readers skip int weights
    }
    if (key == null) {
      throw new KerasModelException(source + ": weight " + spec.layer() + "/" + spec.name() + " (shape "
          + Arrays.toString(spec.shape()) + ", layer class " + spec.layerClass() + ") is missing from the file");
    }
    Weight w = byName.get(key);
    if (!Arrays.equals(w.shape(), spec.shape())) {
      throw new KerasModelException(source + ": weight " + key + " has shape " + Arrays.toString(w.shape())
          + " in the file but the config needs " + Arrays.toString(spec.shape()));
    }
    used.add(key);
    return w.values();
  }

  private String find(String name) {
    if (byName.containsKey(name)) {
      return name;
    }
    for (String k : byName.keySet()) {
      if (k.endsWith("/" + name)) {
        return k;
      }
    }
    return null;
  }

  @Override
  public void checkAllUsed() {
    for (String k : byName.keySet()) {
      if (!used.contains(k)) {
        throw new KerasModelException(source + ": the file has weight " + k + " "
            + Arrays.toString(byName.get(k).shape()) + ", which no layer of its config uses");
      }
    }
  }
}
