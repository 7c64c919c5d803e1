package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.DataFormat;
import dev.tuna.augment.FillMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;

/**
 * One Keras layer's {@code get_config()} dict, as decoded from JSON: values are {@code null}, {@link Boolean},
 * {@link Number}, {@link String}, {@link List} or {@link Map} (nested the same way). Immutable. The typed getters
 * name the layer and the key in their errors; an absent key and a key whose value is {@code null} read alike (the
 * default), as Keras' {@code None}.
 *
 * <p>A layer's {@code fromConfig} first calls {@link #checkKeys} with the keys its Keras constructor takes. The
 * keys every Keras layer's config carries, {@code name}, {@code trainable} and the {@code dtype} policy, are always
 * accepted ({@code dtype} must be a float32 policy, as tuna computes in float32).
 */
public final class LayerConfig {
  private static final Set<String> GENERIC = Set.of("name", "trainable", "dtype");
  /** The keys {@link #applyCommon} reads. */
  static final List<String> COMMON_KEYS = List.of("seed", "data_format", "bounding_box_format");
  /** The keys {@link #applyAffine} reads. */
  static final List<String> AFFINE_KEYS =
      List.of("seed", "data_format", "bounding_box_format", "fill_mode", "interpolation", "fill_value");

  private final String className;
  private final Map<String, Object> values;

  private LayerConfig(String className, Map<String, Object> values) {
    this.className = className;
    this.values = values;
  }

  /**
   * The config of a layer of Keras class {@code className}.
   *
   * @param className the Keras class name, e.g. {@code "RandomFlip"}
   * @param config the decoded {@code get_config()} dict (copied deeply)
   * @return the config
   * @throws IllegalArgumentException when a value is not a JSON value
   */
  public static LayerConfig of(String className, Map<String, ?> config) {
    requireNonNull("className", className);
    requireNonNull("config", config);
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : config.entrySet()) {
      copy.put(requireNonNull("config key", e.getKey()), freeze(className, e.getKey(), e.getValue()));
    }
    return new LayerConfig(className, Collections.unmodifiableMap(copy));
  }

  private static Object freeze(String className, String key, Object v) {
    if (v == null || v instanceof Boolean || v instanceof Number || v instanceof String) {
      return v;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(freeze(className, key, o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), freeze(className, key, e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s config key '%s' holds a %s, not a JSON value",
        className, key, v.getClass().getSimpleName()));
  }

  /**
   * The Keras class name this config belongs to.
   *
   * @return the class name
   */
  public String className() {
    return className;
  }

  /**
   * The whole dict, unmodifiable, in its original key order.
   *
   * @return the dict
   */
  public Map<String, Object> asMap() {
    return values;
  }

  /**
   * Whether {@code key} is present with a value other than {@code null}.
   *
   * @param key the config key
   * @return whether it holds a value
   */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /**
   * The raw value of {@code key}, or {@code null} when absent or null.
   *
   * @param key the config key
   * @return the value or null
   */
  public Object get(String key) {
    return values.get(key);
  }

  /**
   * Rejects keys the layer does not take: every key must be one of {@code known}, a generic Keras key
   * ({@code name}, {@code trainable}, {@code dtype}), or hold {@code null} or {@code false} (an option left at its
   * default). Also checks the generic keys' values.
   *
   * @param known the keys the layer's Keras constructor takes
   * @return this config
   * @throws IllegalArgumentException naming the layer and the unknown keys (and the keys it takes)
   */
  public LayerConfig checkKeys(String... known) {
    return checkKeys(Arrays.asList(known));
  }

  /**
   * As {@link #checkKeys(String...)}.
   *
   * @param known the keys the layer's Keras constructor takes
   * @return this config
   * @throws IllegalArgumentException naming the layer and the unknown keys (and the keys it takes)
   */
  public LayerConfig checkKeys(List<String> known) {
    Set<String> allowed = new LinkedHashSet<>(known);
    Map<String, Object> unknown = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (!allowed.contains(k) && !GENERIC.contains(k) && v != null && !Boolean.FALSE.equals(v)) {
        unknown.put(k, v);
      }
    }
    if (!unknown.isEmpty()) {
      StringBuilder s = new StringBuilder("{");
      for (Map.Entry<String, Object> e : unknown.entrySet()) {
        if (s.length() > 1) {
          s.append(", ");
        }
        s.append('\'').append(e.getKey()).append("': ").append(repr(e.getValue()));
      }
      Set<String> takes = new TreeSet<>(allowed);
      takes.addAll(GENERIC);
      throw new IllegalArgumentException("Unrecognized keyword arguments passed to " + className + ": " + s
          + "} (" + className + " takes " + String.join(", ", takes) + ")");
    }
    checkGeneric();
    return this;
  }

  private void checkGeneric() {
    Object name = values.get("name");
    if (name != null && !(name instanceof String)) {
      throw error("name", "a string", name);
    }
    Object trainable = values.get("trainable");
    if (trainable != null && !(trainable instanceof Boolean)) {
      throw error("trainable", "a boolean", trainable);
    }
    Object dtype = values.get("dtype");
    String policy = null;
    if (dtype instanceof String s) {
      policy = s;
    } else if (dtype instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
        && c.get("name") instanceof String s) {
      policy = s;
    } else if (dtype != null) {
      throw error("dtype", "a dtype policy name or a serialized DTypePolicy", dtype);
    }
    if (policy != null && !policy.equals("float32")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s config key 'dtype' must be the float32 policy (tuna computes in float32) but was '%s'",
          className, policy));
    }
  }

  /**
   * A number.
   *
   * @param key the config key
   * @param defaultValue the value when absent or null
   * @return the number
   * @throws IllegalArgumentException when the value is not a number
   */
  public double getDouble(String key, double defaultValue) {
    Object v = values.get(key);
    return v == null ? defaultValue : number(key, v, "a number");
  }

  /**
   * A number that must be present.
   *
   * @param key the config key
   * @return the number
   * @throws IllegalArgumentException when absent, null or not a number
   */
  public double requireDouble(String key) {
    return number(key, require(key), "a number");
  }

  /**
   * An integer.
   *
   * @param key the config key
   * @param defaultValue the value when absent or null
   * @return the integer
   * @throws IllegalArgumentException when the value is not an integer in int range
   */
  public int getInt(String key, int defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    long l = integral(key, v, "an integer");
    if (l != (int) l) {
      throw error(key, "an integer", v);
    }
    return (int) l;
  }

  /**
   * An integer in long range.
   *
   * @param key the config key
   * @return the integer, or empty when absent or null
   * @throws IllegalArgumentException when the value is not an integer
   */
  public OptionalLong getLong(String key) {
    Object v = values.get(key);
    return v == null ? OptionalLong.empty() : OptionalLong.of(integral(key, v, "an integer"));
  }

  /**
   * The layer's {@code seed}: empty when absent or {@code null} (Keras then draws a fresh seed).
   *
   * @return the seed, if set
   * @throws IllegalArgumentException when the value is not an integer
   */
  public OptionalLong seed() {
    return getLong("seed");
  }

  /**
   * A boolean.
   *
   * @param key the config key
   * @param defaultValue the value when absent or null
   * @return the boolean
   * @throws IllegalArgumentException when the value is not a boolean
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Boolean b)) {
      throw error(key, "a boolean", v);
    }
    return b;
  }

  /**
   * A string.
   *
   * @param key the config key
   * @param defaultValue the value when absent or null
   * @return the string
   * @throws IllegalArgumentException when the value is not a string
   */
  public String getString(String key, String defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof String s)) {
      throw error(key, "a string", v);
    }
    return s;
  }

  /**
   * A Keras factor: one number or a list of two.
   *
   * @param key the config key
   * @return one or two numbers, or {@code null} when absent or null
   * @throws IllegalArgumentException when the value is neither a number nor a list of two numbers
   */
  public double[] getFactor(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      return new double[] {number(key, v, "a number or a list of two numbers")};
    }
    if (v instanceof List<?> list && list.size() == 2) {
      return new double[] {number(key, list.get(0), "a number or a list of two numbers", v),
          number(key, list.get(1), "a number or a list of two numbers", v)};
    }
    throw error(key, "a number or a list of two numbers", v);
  }

  /**
   * A Keras factor that must be present: one number or a list of two.
   *
   * @param key the config key
   * @return one or two numbers
   * @throws IllegalArgumentException when absent, null, or neither a number nor a list of two numbers
   */
  public double[] requireFactor(String key) {
    require(key);
    return getFactor(key);
  }

  /**
   * A list of numbers.
   *
   * @param key the config key
   * @return the numbers, or {@code null} when absent or null
   * @throws IllegalArgumentException when the value is not a list of numbers
   */
  public double[] getDoubles(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw error(key, "a list of numbers", v);
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(key, list.get(i), "a list of numbers", v);
    }
    return out;
  }

  /**
   * One number or a list of numbers.
   *
   * @param key the config key
   * @return the numbers (one for a single number), or {@code null} when absent or null
   * @throws IllegalArgumentException when the value is neither
   */
  public double[] getNumberOrList(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      return new double[] {number(key, v, "a number or a list of numbers")};
    }
    if (v instanceof List<?>) {
      return getDoubles(key);
    }
    throw error(key, "a number or a list of numbers", v);
  }

  /**
   * A range of exactly two numbers, e.g. {@code value_range}.
   *
   * @param key the config key
   * @return the two numbers, or {@code null} when absent or null
   * @throws IllegalArgumentException when the value is not a list of two numbers
   */
  public double[] getPair(String key) {
    double[] d = getDoubles(key);
    if (d != null && d.length != 2) {
      throw error(key, "a list of two numbers", values.get(key));
    }
    return d;
  }

  /**
   * A list of values (JSON values as described in the class comment).
   *
   * @param key the config key
   * @return the list, or {@code null} when absent or null
   * @throws IllegalArgumentException when the value is not a list
   */
  public List<Object> getList(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw error(key, "a list", v);
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * An error naming this layer and {@code key}, for checks a layer's {@code fromConfig} does itself.
   *
   * @param key the config key
   * @param expected what the value must be, e.g. {@code "one of horizontal, vertical"}
   * @return the exception to throw
   */
  public IllegalArgumentException invalid(String key, String expected) {
    return error(key, expected, values.get(key));
  }

  /** {@code keys} plus {@link #COMMON_KEYS}. */
  static List<String> withCommon(String... keys) {
    List<String> out = new ArrayList<>(Arrays.asList(keys));
    out.addAll(COMMON_KEYS);
    return out;
  }

  /** {@code keys} plus {@link #AFFINE_KEYS}. */
  static List<String> withAffine(String... keys) {
    List<String> out = new ArrayList<>(Arrays.asList(keys));
    out.addAll(AFFINE_KEYS);
    return out;
  }

  /** Sets seed, data_format and bounding_box_format on {@code b} where given. */
  <B extends PreprocessingBuilder<?, B>> B applyCommon(B b) {
    OptionalLong seed = seed();
    if (seed.isPresent() && b instanceof LayerBuilder<?, ?> random) {
      random.seed(seed.getAsLong());
    }
    if (has("data_format")) {
      String f = getString("data_format", null);
      if (!f.equals("channels_last") && !f.equals("channels_first")) {
        throw invalid("data_format", "'channels_last' or 'channels_first'");
      }
      b.dataFormat(DataFormat.fromKeras(f));
    }
    if (has("bounding_box_format")) {
      String f = getString("bounding_box_format", null);
      if (BoxFormat.of(f) == null) {
        throw invalid("bounding_box_format", "one of " + Arrays.stream(BoxFormat.values())
            .map(BoxFormat::kerasName).toList());
      }
      b.boundingBoxFormat(f);
    }
    return b;
  }

  /** A builder option that takes a pair of numbers, e.g. {@code factor(lower, upper)}. */
  @FunctionalInterface
  interface PairOption {
    void set(double lower, double upper);
  }

  /**
   * Passes the factor under {@code key}, where given, to {@code single} (one number) or {@code pair} (a list of
   * two), e.g. {@code config.applyFactor("factor", b::factor, b::factor)}.
   */
  void applyFactor(String key, DoubleConsumer single, PairOption pair) {
    double[] f = getFactor(key);
    if (f == null) {
      return;
    }
    if (f.length == 1) {
      single.accept(f[0]);
    } else {
      pair.set(f[0], f[1]);
    }
  }

  /** Sets value_range on {@code b} where given (a list of two numbers). */
  <B extends ValueRangeBuilder<?, B>> B applyValueRange(B b) {
    double[] range = getPair("value_range");
    if (range != null) {
      b.valueRange(range[0], range[1]);
    }
    return b;
  }

  /** {@link #applyCommon} plus fill_mode, interpolation and fill_value. */
  <B extends AffineBuilder<?, B>> B applyAffine(B b) {
    if (has("fill_mode")) {
      String m = getString("fill_mode", null);
      if (!List.of("reflect", "wrap", "constant", "nearest").contains(m)) {
        throw new IllegalArgumentException(className + " config key 'fill_mode': Unknown `fill_mode` " + m
            + ". Expected of one ('reflect', 'wrap', 'constant', 'nearest').");
      }
      b.fillMode(FillMode.fromKeras(m));
    }
    if (has("interpolation")) {
      String i = getString("interpolation", null);
      if (!i.equals("nearest") && !i.equals("bilinear")) {
        throw new IllegalArgumentException(className + " config key 'interpolation': Unknown `interpolation` " + i
            + ". Expected of one ('nearest', 'bilinear').");
      }
      b.interpolation(Interpolation.fromKeras(i));
    }
    if (has("fill_value")) {
      b.fillValue(getDouble("fill_value", 0));
    }
    return applyCommon(b);
  }

  /**
   * The value of a key that must be present and not null.
   *
   * @param key the config key
   * @return the value
   * @throws IllegalArgumentException when absent or null
   */
  public Object require(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s config key '%s' is required but was %s",
          className, key, values.containsKey(key) ? "null" : "missing"));
    }
    return v;
  }

  private double number(String key, Object v, String expected) {
    return number(key, v, expected, v);
  }

  private double number(String key, Object v, String expected, Object whole) {
    if (!(v instanceof Number n)) {
      throw error(key, expected, whole);
    }
    return n.doubleValue();
  }

  private long integral(String key, Object v, String expected) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
    }
    throw error(key, expected, v);
  }

  private IllegalArgumentException error(String key, String expected, Object v) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "%s config key '%s' must be %s but was %s",
        className, key, expected, repr(v)));
  }

  /** Python's spelling of a JSON value. */
  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(repr(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        parts.add(repr(String.valueOf(e.getKey())) + ": " + repr(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  @Override
  public String toString() {
    return className + repr(values);
  }
}
