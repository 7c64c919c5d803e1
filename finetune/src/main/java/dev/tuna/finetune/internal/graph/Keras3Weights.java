package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.graph.WeightSpec;
import dev.tuna.finetune.load.KerasModelException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Keras 3 weights layout ({@code model.weights.h5} of a {@code .keras} archive, or {@code .weights.h5}):
 * {@code layers/<group>/vars/<i>} per layer, {@code i} in {@code layer.weights} order, the group named after the
 * layer's class ({@code conv2d_3}) with the layer name in the {@code vars} group's {@code name} attribute (Keras
 * 3.6+); nested models are {@code layers/<functional>/layers/...}. Groups are matched to config layers by that name,
 * or by Keras' class-name counter where the attribute is absent.
 */
final class Keras3Weights implements FileWeights {
  private final String source;
  private final Map<String, Group> varsByLayer = new LinkedHashMap<>();
  private final Map<String, Set<Integer>> used = new HashMap<>();

  Keras3Weights(String source, Group root, ModelConfig model) {
    this.source = source;
    Node layers = root.getChild("layers");
    if (!(layers instanceof Group g)) {
      throw new KerasModelException(source + ": the weights file has no /layers group (not a Keras 3 weights file)");
    }
    index(g, model);
  }

  private void index(Group layers, ModelConfig model) {
    Map<String, Group> byName = new HashMap<>();
    for (Node n : layers.getChildren().values()) {
      if (n instanceof Group g && g.getChild("vars") instanceof Group vars) {
        Attribute a = vars.getAttribute("name");
        if (a != null && a.getData() != null) {
          byName.put(String.valueOf(a.getData()), g);
        }
      }
    }
    Map<String, Integer> counters = new HashMap<>();
    for (ModelConfig.Layer l : model.layers()) {
      if (l.module().startsWith("keras.src.ops")) {
        continue; // operations are not layers and have no weights group
      }
      String snake = snake(l.className());
      int k = counters.merge(snake, 1, Integer::sum) - 1;
      String counted = k == 0 ? snake : snake + "_" + k;
      Group g = byName.get(l.name());
      if (g == null && layers.getChild(counted) instanceof Group c) {
        g = c;
      }
      if (l.nested() != null) {
        if (g != null && g.getChild("layers") instanceof Group inner) {
          index(inner, l.nested());
        }
        continue;
      }
      if (g != null && g.getChild("vars") instanceof Group vars) {
        if (varsByLayer.put(l.name(), vars) != null) {
          throw new KerasModelException(source + ": layer name " + l.name() + " occurs in two nested models; "
              + "tuna needs layer names unique across the whole model");
        }
      }
    }
  }

  @Override
  public float[] values(WeightSpec spec) {
    Group vars = varsByLayer.get(spec.layer());
    Node n = vars == null ? null : vars.getChild(Integer.toString(spec.index()));
    if (!(n instanceof Dataset d)) {
      throw new KerasModelException(source + ": weight " + spec.index() + " (" + spec.name() + ", shape "
          + Arrays.toString(spec.shape()) + ") of layer " + spec.layer() + " (" + spec.layerClass()
          + ") is missing from the weights file" + (vars == null ? " (no weights group for the layer)" : ""));
    }
    long[] shape = d.getDimensionsAsLong();
    if (!Arrays.equals(shape, spec.shape())) {
      throw new KerasModelException(source + ": weight " + spec.index() + " (" + spec.name() + ") of layer "
          + spec.layer() + " has shape " + Arrays.toString(shape) + " in the file but the config needs "
          + Arrays.toString(spec.shape()));
    }
    used.computeIfAbsent(spec.layer(), k -> new HashSet<>()).add(spec.index());
    return HdfValues.floats(d, source);
  }

  @Override
  public void checkAllUsed() {
    for (Map.Entry<String, Group> e : varsByLayer.entrySet()) {
      Set<Integer> u = used.getOrDefault(e.getKey(), Set.of());
      for (Node n : e.getValue().getChildren().values()) {
        if (n instanceof Dataset d && !u.contains(Integer.parseInt(d.getName()))) {
          throw new KerasModelException(source + ": the weights file has weight " + d.getName() + " "
              + Arrays.toString(d.getDimensions()) + " for layer " + e.getKey() + ", which its config does not use "
              + "(it needs " + u.size() + " weights)");
        }
      }
    }
  }

  /** Keras' {@code to_snake_case} of a class name. */
  static String snake(String camel) {
    String s = camel.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
