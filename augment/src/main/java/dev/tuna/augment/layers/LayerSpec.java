package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.tuna.augment.DataFormat;
import dev.tuna.core.internal.PythonRandom;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pipeline described as Keras writes it:
 * {@code json.dump([{"class_name": type(l).__name__, "config": l.get_config()} for l in layers], f)}. Each
 * {@code class_name} is found as the class {@code dev.tuna.augment.layers.<class_name>} and built by its
 * {@code public static fromConfig(LayerConfig)} method, so a new layer class is picked up without changes here.
 * A nested {@code Pipeline} config (Keras' {@code {"layers": [{"module", "class_name", "config",
 * "registered_name"}, …]}}) is read the same way.
 *
 * <p>Layers whose config has no seed ({@code "seed": null}) draw a fresh one, as Keras does; {@link #drawnSeeds()}
 * lists them so a run can be repeated.
 */
public final class LayerSpec {
  private static final String PACKAGE = LayerSpec.class.getPackageName();
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Set<String> ENTRY_KEYS =
      Set.of("class_name", "config", "module", "registered_name", "build_config");
  private static volatile List<String> supported;

  private final Pipeline pipeline;
  private final List<String> drawnSeeds;
  private final DataFormat dataFormat;
  private final String boundingBoxFormat;

  private LayerSpec(Pipeline pipeline, DataFormat dataFormat, String boundingBoxFormat) {
    this.pipeline = pipeline;
    this.dataFormat = dataFormat;
    this.boundingBoxFormat = boundingBoxFormat;
    List<String> seeds = new ArrayList<>();
    collectDrawnSeeds(pipeline, "", seeds);
    this.drawnSeeds = List.copyOf(seeds);
  }

  /**
   * Reads a spec file.
   *
   * @param spec the JSON file
   * @return the spec
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the JSON or a layer config is invalid, naming the layer and the key
   */
  public static LayerSpec read(Path spec) throws IOException {
    requireNonNull("spec", spec);
    return parse(Files.readString(spec, StandardCharsets.UTF_8));
  }

  /**
   * Parses a spec: a JSON list of {@code {"class_name": …, "config": …}} (or one such object).
   *
   * @param json the JSON text
   * @return the spec
   * @throws IllegalArgumentException when the JSON or a layer config is invalid, naming the layer and the key
   */
  public static LayerSpec parse(String json) {
    return parse(json, null);
  }

  /**
   * Parses a spec for a batch with bounding boxes: the layers that declare a {@code bounding_box_format} must all
   * declare the same, and the layers that take boxes but declare none get that one, or {@code boundingBoxFormat}
   * when no layer declares one (Keras' layers reject boxes without a format; {@code "xyxy"} is the usual default).
   *
   * @param json the JSON text
   * @param boundingBoxFormat the format when no layer declares one, e.g. {@code "xyxy"}; {@code null} to leave the
   *     configs as they are
   * @return the spec
   * @throws IllegalArgumentException when the JSON or a layer config is invalid, or two layers declare different
   *     box formats
   */
  public static LayerSpec parse(String json, String boundingBoxFormat) {
    return parse(json, boundingBoxFormat, null);
  }

  /**
   * {@link #parse(String, String)} as after {@code keras.utils.set_random_seed(globalSeed)}: every layer whose config
   * has no seed gets the one Keras would draw for it ({@code random.randint(1, 10**9)} from Python's {@code random},
   * once per layer built, in order; a layer that builds inner layers, like RandomColorJitter, draws for them too),
   * so the run repeats Keras' run for the same global seed.
   *
   * @param json the JSON text
   * @param boundingBoxFormat the box format for layers that declare none, or {@code null}
   * @param globalSeed Keras' global seed, in [0, 2^32), or {@code null} for fresh seeds
   * @return the spec
   * @throws IllegalArgumentException when the JSON or a layer config is invalid, or the seed is out of range
   */
  public static LayerSpec parse(String json, String boundingBoxFormat, Long globalSeed) {
    requireNonNull("json", json);
    if (globalSeed != null && (globalSeed < 0 || globalSeed > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1 but was " + globalSeed);
    }
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the layer spec is not valid JSON: " + e.getMessage(), e);
    }
    Object decoded = decode(root);
    List<?> entries = decoded instanceof List<?> l ? l : decoded instanceof Map<?, ?> ? List.of(decoded) : null;
    if (entries == null) {
      throw new IllegalArgumentException("the layer spec must be a JSON list of {\"class_name\": ..., \"config\": "
          + "...} objects but was " + LayerConfig.repr(decoded));
    }
    Map<String, String> boxFormats = new LinkedHashMap<>();
    walk(entries, "", "bounding_box_format", null, boxFormats);
    if (boundingBoxFormat != null) {
      requireAgreement("bounding_box_format", boxFormats);
      String agreed = boxFormats.isEmpty() ? boundingBoxFormat : boxFormats.keySet().iterator().next();
      walk(entries, "", "bounding_box_format", agreed, new LinkedHashMap<>());
    }
    if (globalSeed != null) {
      injectSeeds(entries, new PythonRandom(globalSeed));
    }
    Pipeline pipeline = Pipeline.of(layers(entries));
    Map<String, String> dataFormats = new LinkedHashMap<>();
    walk(entries, "", "data_format", null, dataFormats);
    requireAgreement("data_format", dataFormats);
    DataFormat format = dataFormats.isEmpty() ? DataFormat.CHANNELS_LAST
        : DataFormat.fromKeras(dataFormats.keySet().iterator().next());
    String boxes = boxFormats.size() == 1 ? boxFormats.keySet().iterator().next() : boundingBoxFormat;
    return new LayerSpec(pipeline, format, boxes);
  }

  /** Throws when the layers gave {@code key} more than one value ({@code seen}: value to the first layer). */
  private static void requireAgreement(String key, Map<String, String> seen) {
    if (seen.size() > 1) {
      throw new IllegalArgumentException("the layers must agree on " + key + " but "
          + String.join(" and ", seen.entrySet().stream().map(e -> e.getValue() + " says '" + e.getKey() + "'")
              .toList()));
    }
  }

  @SuppressWarnings("unchecked")
  private static void walk(List<?> entries, String prefix, String key, String inject, Map<String, String> seen) {
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)
          || !(m.get("config") instanceof Map<?, ?> config)) {
        continue; // reported with its position when the layers are built
      }
      String where = prefix + "layer " + (i + 1) + " (" + cls + ")";
      if (cls.equals("Pipeline") && config.get("layers") instanceof List<?> nested) {
        walk(nested, where + " ", key, inject, seen);
        continue;
      }
      Object v = config.get(key);
      if (v instanceof String value) {
        seen.putIfAbsent(value, where);
      } else if (v == null && inject != null && isSeededLayer(cls)) {
        ((Map<String, Object>) config).put(key, inject);
      }
    }
  }

  /**
   * Gives every seeded layer without a seed the seed Keras draws when building it, in construction order; a layer
   * class may declare {@code static int seedDraws(LayerConfig)} when building it draws more than once.
   */
  @SuppressWarnings("unchecked")
  private static void injectSeeds(List<?> entries, PythonRandom random) {
    for (Object e : entries) {
      if (!(e instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)) {
        continue;
      }
      Map<String, Object> config = m.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : null;
      if (cls.equals("Pipeline")) {
        if (config != null && config.get("layers") instanceof List<?> nested) {
          injectSeeds(nested, random);
        }
        continue;
      }
      if (!isSeededLayer(cls) || config != null && config.get("seed") != null) {
        continue;
      }
      if (config == null) {
        config = new LinkedHashMap<>();
        ((Map<String, Object>) m).put("config", config);
      }
      int draws = seedHook(cls, "seedDraws", config, 1);
      int used = seedHook(cls, "seedDrawUsed", config, 0);
      for (int i = 0; i < draws; i++) {
        long seed = random.kerasDefaultSeed();
        if (i == used) {
          config.put("seed", seed);
        }
      }
    }
  }

  /**
   * A layer class's optional {@code static int <name>(LayerConfig)}: {@code seedDraws}, how many default seeds
   * building it draws (0 for layers without randomness), and {@code seedDrawUsed}, which of them seeds its stream.
   */
  private static int seedHook(String cls, String name, Map<String, Object> config, int absent) {
    try {
      Method m = Class.forName(PACKAGE + "." + cls, false, LayerSpec.class.getClassLoader())
          .getDeclaredMethod(name, LayerConfig.class);
      return (Integer) m.invoke(null, LayerConfig.of(cls, config));
    } catch (NoSuchMethodException | ClassNotFoundException e) {
      return absent;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(cls + "." + name + " failed", e);
    }
  }

  /** Whether the named layer class is a seeded Keras preprocessing layer (takes seed and bounding_box_format). */
  private static boolean isSeededLayer(String className) {
    if (fromConfig(className) == null) {
      return false;
    }
    try {
      return BaseLayer.class.isAssignableFrom(Class.forName(PACKAGE + "." + className, false,
          LayerSpec.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The layers of a decoded list of {@code {"class_name", "config"}} entries, first to last (what a
   * {@code Pipeline}'s {@code fromConfig} reads from its {@code layers} key).
   *
   * @param entries the decoded entries (maps)
   * @return the layers
   * @throws IllegalArgumentException when an entry or a layer config is invalid, naming the layer and the key
   */
  public static List<AugmentationLayer> layers(List<?> entries) {
    requireNonNull("entries", entries);
    List<AugmentationLayer> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      String where = "layer " + (i + 1);
      Object e = entries.get(i);
      if (!(e instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(where + " must be a {\"class_name\": ..., \"config\": ...} object but "
            + "was " + LayerConfig.repr(e));
      }
      for (Object k : m.keySet()) {
        if (!ENTRY_KEYS.contains(String.valueOf(k))) {
          throw new IllegalArgumentException(where + " has an unknown key '" + k + "' (an entry holds "
              + "class_name, config, and optionally module, registered_name, build_config)");
        }
      }
      if (!(m.get("class_name") instanceof String className)) {
        throw new IllegalArgumentException(where + " needs a string \"class_name\" but had "
            + LayerConfig.repr(m.get("class_name")));
      }
      Object config = m.get("config");
      if (config != null && !(config instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(where + " (" + className + ") needs a \"config\" object but had "
            + LayerConfig.repr(config));
      }
      Map<String, Object> c = new LinkedHashMap<>();
      if (config != null) {
        ((Map<?, ?>) config).forEach((k, v) -> c.put(String.valueOf(k), v));
      }
      try {
        out.add(layer(LayerConfig.of(className, c)));
      } catch (IllegalArgumentException ex) {
        String msg = ex.getMessage();
        throw new IllegalArgumentException(where + (msg.startsWith(className) ? ": " : " (" + className + "): ")
            + msg, ex);
      }
    }
    return out;
  }

  /**
   * Builds one layer from its config by calling {@code dev.tuna.augment.layers.<className>.fromConfig}.
   *
   * @param config the layer's config
   * @return the layer
   * @throws IllegalArgumentException for an unknown class (listing the supported ones) or an invalid config
   */
  public static AugmentationLayer layer(LayerConfig config) {
    requireNonNull("config", config);
    String className = config.className();
    Method fromConfig = fromConfig(className);
    if (fromConfig == null) {
      throw new IllegalArgumentException("Unknown layer class_name '" + className + "'; tuna supports "
          + String.join(", ", supportedClassNames()));
    }
    try {
      return (AugmentationLayer) fromConfig.invoke(null, config);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(className + ".fromConfig is not accessible", e);
    }
  }

  /**
   * The Keras class names a spec can use: the classes of this package with a
   * {@code public static fromConfig(LayerConfig)} method, sorted.
   *
   * @return the class names
   */
  public static List<String> supportedClassNames() {
    List<String> s = supported;
    if (s == null) {
      List<String> found = new ArrayList<>();
      for (String name : PackageClasses.simpleNames(LayerSpec.class)) {
        if (fromConfig(name) != null) {
          found.add(name);
        }
      }
      Collections.sort(found);
      supported = s = List.copyOf(found);
    }
    return s;
  }

  /** The public static fromConfig(LayerConfig) of the named class in this package, or null. */
  private static Method fromConfig(String className) {
    if (!CLASS_NAME.matcher(className).matches()) {
      return null;
    }
    Class<?> cls;
    try {
      cls = Class.forName(PACKAGE + "." + className, false, LayerSpec.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    if (!AugmentationLayer.class.isAssignableFrom(cls) || !Modifier.isPublic(cls.getModifiers())) {
      return null;
    }
    try {
      Method m = cls.getMethod("fromConfig", LayerConfig.class);
      return Modifier.isStatic(m.getModifiers()) && AugmentationLayer.class.isAssignableFrom(m.getReturnType())
          ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * The pipeline of all layers, first to last.
   *
   * @return the pipeline
   */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * The axis order the layers take: the {@code data_format} they declare (they must agree), channels_last when none
   * does.
   *
   * @return the data format
   */
  public DataFormat dataFormat() {
    return dataFormat;
  }

  /**
   * The {@code bounding_box_format} the layers declare, or the one given to {@link #parse(String, String)}.
   *
   * @return the format, or empty when no layer declares one (or, without a format given, they disagree)
   */
  public java.util.Optional<String> boundingBoxFormat() {
    return java.util.Optional.ofNullable(boundingBoxFormat);
  }

  /**
   * The layers whose config gave no seed, with the seed each drew, e.g. {@code "layer 2 (RandomFlip): seed 1234"};
   * put these seeds into the spec to repeat a run.
   *
   * @return one line per layer that drew its seed
   */
  public List<String> drawnSeeds() {
    return drawnSeeds;
  }

  private static void collectDrawnSeeds(Pipeline p, String prefix, List<String> out) {
    List<AugmentationLayer> layers = p.layers();
    for (int i = 0; i < layers.size(); i++) {
      AugmentationLayer l = layers.get(i);
      String where = prefix + "layer " + (i + 1) + " (" + l.className() + ")";
      if (l instanceof Pipeline nested) {
        collectDrawnSeeds(nested, where + " ", out);
      } else if (l instanceof BaseLayer<?> b && b.seedDrawn) {
        out.add(where + ": seed " + b.seed());
      }
    }
  }

  /** A JSON element as plain Java values: null, Boolean, Long or Double, String, List, Map. */
  static Object decode(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      List<Object> out = new ArrayList<>(a.size());
      for (JsonElement x : a) {
        out.add(decode(x));
      }
      return out;
    }
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> x : o.entrySet()) {
        out.put(x.getKey(), decode(x.getValue()));
      }
      return out;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isString()) {
      return p.getAsString();
    }
    String text = p.getAsString();
    if (text.matches("-?[0-9]+")) {
      BigInteger big = new BigInteger(text);
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    return Double.parseDouble(text);
  }

  @Override
  public String toString() {
    return "LayerSpec" + pipeline.layers();
  }
}
