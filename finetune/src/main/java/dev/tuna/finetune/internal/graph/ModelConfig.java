package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.finetune.load.KerasModelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Keras {@code Functional} (or {@code Sequential}) model config as a list of layers with their calls, in the
 * config's order. Both node formats are read: Keras 3 ({@code inbound_nodes} of {@code {args, kwargs}} with
 * {@code __keras_tensor__} / {@code keras_history}) and Keras 2 (nested lists {@code [[name, node, tensor, kwargs]]}).
 * A {@code Sequential} becomes the equivalent chain. Nested models stay nested ({@link Layer#nested()}); the
 * interpreter inlines them.
 *
 * @param name the model's name
 * @param layers the layers in config order
 * @param inputs the model's input tensors (references to its InputLayers)
 * @param outputs the model's output tensors
 */
public record ModelConfig(String name, List<Layer> layers, List<Ref> inputs, List<Ref> outputs) {
  /** Class names read as models. */
  static final Set<String> MODEL_CLASSES = Set.of("Functional", "Model", "Sequential");

  /**
   * One layer entry.
   *
   * @param name Keras layer name
   * @param className Keras class name ({@code Conv2D})
   * @param module the config's {@code module} ({@code keras.layers}, {@code keras.src.ops.numpy}), or ""
   * @param config the layer's {@code config} object
   * @param calls the layer's calls (inbound nodes) in order
   * @param nested the nested model's config when this layer is a model, else null
   */
  public record Layer(String name, String className, String module, JsonObject config, List<Call> calls,
      ModelConfig nested) {}

  /**
   * One call of a layer: its arguments flattened in order (tensors and numeric constants) and its kwargs.
   *
   * @param args tensor references and constants
   * @param kwargs keyword arguments ({@code training}, {@code mask} …), possibly empty
   * @param legacy read from a Keras 2 node list (whose nested-model node indices count a creation node)
   */
  public record Call(List<Arg> args, JsonObject kwargs, boolean legacy) {}

  /** A call argument. */
  public sealed interface Arg permits Ref, Constant {}

  /**
   * The {@code tensor}-th output of the {@code node}-th call of layer {@code layer}.
   *
   * @param layer the producing layer's name
   * @param node the call index within that layer
   * @param tensor the output index of that call
   */
  public record Ref(String layer, int node, int tensor) implements Arg {}

  /**
   * A numeric constant argument, as in {@code x + 3.0} inside MobileNetV3.
   *
   * @param value the constant
   */
  public record Constant(double value) implements Arg {}

  /**
   * Parses a model config.
   *
   * @param model {@code {"class_name": "Functional" | "Sequential", "config": {...}}}
   * @return the parsed config
   */
  public static ModelConfig parse(JsonObject model) {
    return parseNormalized(untuple(model).getAsJsonObject());
  }

  private static ModelConfig parseNormalized(JsonObject model) {
    String cls = string(model, "class_name", "model");
    if (!MODEL_CLASSES.contains(cls)) {
      throw new KerasModelException("the Keras config describes a " + cls + ", not a model (Functional, Model or "
          + "Sequential)");
    }
    JsonObject config = object(model, "config", cls);
    return cls.equals("Sequential") ? sequential(config) : functional(config);
  }

  private static ModelConfig functional(JsonObject config) {
    String name = config.has("name") ? config.get("name").getAsString() : "model";
    JsonArray layerArray = array(config, "layers", name);
    List<Layer> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonElement e : layerArray) {
      JsonObject l = e.getAsJsonObject();
      String cls = string(l, "class_name", name);
      JsonObject lc = object(l, "config", cls);
      String layerName = l.has("name") ? l.get("name").getAsString() : string(lc, "name", cls);
      if (!names.add(layerName)) {
        throw new KerasModelException("model " + name + " lists layer " + layerName + " twice");
      }
      List<Call> calls = new ArrayList<>();
      JsonArray nodes = l.has("inbound_nodes") ? l.getAsJsonArray("inbound_nodes") : new JsonArray();
      for (JsonElement node : nodes) {
        calls.add(call(node, layerName));
      }
      ModelConfig nested = MODEL_CLASSES.contains(cls) ? parseNormalized(l) : null;
      layers.add(new Layer(layerName, cls, l.has("module") && !l.get("module").isJsonNull()
          ? l.get("module").getAsString() : "", lc, calls, nested));
    }
    Set<String> models = new HashSet<>();
    layers.forEach(l -> {
      if (l.nested() != null) {
        models.add(l.name());
      }
    });
    List<Layer> fixed = new ArrayList<>();
    for (Layer l : layers) {
      List<Call> calls = new ArrayList<>();
      for (Call c : l.calls()) {
        calls.add(c.legacy() ? new Call(skipCreationNode(c.args(), models), c.kwargs(), false) : c);
      }
      fixed.add(new Layer(l.name(), l.className(), l.module(), l.config(), calls, l.nested()));
    }
    return new ModelConfig(name, fixed, skipCreationNode(refs(config.get("input_layers"), name), models),
        skipCreationNode(refs(config.get("output_layers"), name), models));
  }

  /**
   * Keras 2 node lists and every format's {@code input_layers} / {@code output_layers} count a nested model's
   * creation node as its node 0 (Keras' {@code kept_nodes = 1} for Functional), so its first call is node 1 there;
   * this maps them to call indices.
   */
  private static <T extends Arg> List<T> skipCreationNode(List<T> args, Set<String> models) {
    List<T> out = new ArrayList<>();
    for (T a : args) {
      if (a instanceof Ref r && models.contains(r.layer()) && r.node() > 0) {
        @SuppressWarnings("unchecked")
        T shifted = (T) new Ref(r.layer(), r.node() - 1, r.tensor());
        out.add(shifted);
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static ModelConfig sequential(JsonObject config) {
    String name = config.has("name") ? config.get("name").getAsString() : "sequential";
    List<Layer> layers = new ArrayList<>();
    JsonArray layerArray = array(config, "layers", name);
    String previous = null;
    for (JsonElement e : layerArray) {
      JsonObject l = e.getAsJsonObject();
      String cls = string(l, "class_name", name);
      JsonObject lc = object(l, "config", cls);
      String layerName = string(lc, "name", cls);
      String module = l.has("module") && !l.get("module").isJsonNull() ? l.get("module").getAsString() : "";
      if (previous == null && !cls.equals("InputLayer")) {
        previous = name + "_input";
        layers.add(new Layer(previous, "InputLayer", "keras.layers", syntheticInput(config, l, previous),
            List.of(), null));
      }
      List<Call> calls = cls.equals("InputLayer") ? List.of()
          : List.of(new Call(List.of(new Ref(previous, 0, 0)), new JsonObject(), false));
      layers.add(new Layer(layerName, cls, module, lc, calls, MODEL_CLASSES.contains(cls) ? parseNormalized(l) : null));
      previous = layerName;
    }
    if (previous == null) {
      throw new KerasModelException("Sequential model " + name + " has no layers");
    }
    return new ModelConfig(name, layers, List.of(new Ref(layers.get(0).name(), 0, 0)),
        List.of(new Ref(previous, 0, 0)));
  }

  /** An InputLayer config for a Sequential without one, from {@code build_input_shape} or the first layer. */
  private static JsonObject syntheticInput(JsonObject seq, JsonObject first, String name) {
    JsonElement shape = seq.get("build_input_shape");
    if (shape == null || shape.isJsonNull()) {
      JsonObject build = first.has("build_config") ? first.getAsJsonObject("build_config") : null;
      shape = build == null ? null : build.get("input_shape");
    }
    if (shape == null || shape.isJsonNull()) {
      shape = first.getAsJsonObject("config").get("batch_input_shape");
    }
    if (shape == null || shape.isJsonNull()) {
      throw new KerasModelException("Sequential model " + seq.get("name") + " has no input shape (no InputLayer, "
          + "build_input_shape or build_config); build the model before saving it");
    }
    JsonObject c = new JsonObject();
    c.addProperty("name", name);
    c.add("batch_shape", shape);
    return c;
  }

  /** tf_keras SavedModel metadata writes tuples as {@code {"class_name": "__tuple__", "items": [...]}}. */
  private static JsonElement untuple(JsonElement e) {
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(x -> out.add(untuple(x)));
      return out;
    }
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("class_name") && o.get("class_name").isJsonPrimitive()
          && "__tuple__".equals(o.get("class_name").getAsString()) && o.has("items")) {
        return untuple(o.get("items"));
      }
      JsonObject out = new JsonObject();
      o.entrySet().forEach(en -> out.add(en.getKey(), untuple(en.getValue())));
      return out;
    }
    return e;
  }

  private static Call call(JsonElement node, String layer) {
    List<Arg> args = new ArrayList<>();
    if (node.isJsonObject()) {
      JsonObject n = node.getAsJsonObject();
      if (n.has("args")) {
        flatten(n.get("args"), args, layer);
      }
      return new Call(args, n.has("kwargs") && n.get("kwargs").isJsonObject() ? n.getAsJsonObject("kwargs")
          : new JsonObject(), false);
    }
    // Keras 2: [[name, node, tensor, kwargs], ...]
    JsonObject kwargs = new JsonObject();
    for (JsonElement e : node.getAsJsonArray()) {
      JsonArray entry = e.getAsJsonArray();
      args.add(new Ref(entry.get(0).getAsString(), entry.get(1).getAsInt(), entry.get(2).getAsInt()));
      if (entry.size() > 3 && entry.get(3).isJsonObject()) {
        kwargs = entry.get(3).getAsJsonObject();
      }
    }
    return new Call(args, kwargs, true);
  }

  private static void flatten(JsonElement e, List<Arg> out, String layer) {
    if (e == null || e.isJsonNull()) {
      return;
    }
    if (e.isJsonArray()) {
      for (JsonElement x : e.getAsJsonArray()) {
        flatten(x, out, layer);
      }
    } else if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("class_name") && "__keras_tensor__".equals(o.get("class_name").getAsString())) {
        JsonArray h = o.getAsJsonObject("config").getAsJsonArray("keras_history");
        out.add(new Ref(h.get(0).getAsString(), h.get(1).getAsInt(), h.get(2).getAsInt()));
      } else {
        throw new KerasModelException("layer " + layer + " is called with an argument tuna cannot read: " + o);
      }
    } else if (e.getAsJsonPrimitive().isNumber()) {
      out.add(new Constant(e.getAsDouble()));
    } else {
      throw new KerasModelException("layer " + layer + " is called with a non-numeric constant argument " + e);
    }
  }

  /** {@code [["a", 0, 0], ...]} or a single {@code ["a", 0, 0]}. */
  private static List<Ref> refs(JsonElement e, String model) {
    if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
      throw new KerasModelException("model " + model + " has no input_layers / output_layers in its config");
    }
    JsonArray a = e.getAsJsonArray();
    List<Ref> out = new ArrayList<>();
    if (a.get(0).isJsonPrimitive()) {
      out.add(new Ref(a.get(0).getAsString(), a.get(1).getAsInt(), a.get(2).getAsInt()));
    } else {
      for (JsonElement x : a) {
        JsonArray r = x.getAsJsonArray();
        out.add(new Ref(r.get(0).getAsString(), r.get(1).getAsInt(), r.get(2).getAsInt()));
      }
    }
    return out;
  }

  private static String string(JsonObject o, String key, String where) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new KerasModelException("Keras config of " + where + " has no \"" + key + "\"");
    }
    return e.getAsString();
  }

  private static JsonObject object(JsonObject o, String key, String where) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonObject()) {
      throw new KerasModelException("Keras config of " + where + " has no \"" + key + "\" object");
    }
    return e.getAsJsonObject();
  }

  private static JsonArray array(JsonObject o, String key, String where) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonArray()) {
      throw new KerasModelException("Keras config of " + where + " has no \"" + key + "\" list");
    }
    return e.getAsJsonArray();
  }
}
