package dev.tuna.spark;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tuna.augment.DataFormat;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.LayerSpec;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageDecodeException;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Interpolation;
import dev.tuna.core.random.NumpyRandom;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One image's augmented copies, the same on one machine and on Spark: the image is decoded and resized like
 * {@code flowFromDirectory} (target size, colour mode, interpolation), and copy {@code k} of the image with key
 * {@code key} is {@code standardize(random_transform(x, seed=seedFor(seed, key, k)))}. The key is the file's path
 * relative to the input directory ('/'-separated), so neither the partitioning, the executor nor where the data set
 * lives changes a pixel. Immutable and serializable (executors rebuild the generator from its options).
 *
 * <p>With {@link Builder#layers(String) layers}, a Keras 3 layer pipeline then transforms each copy. Keras layers
 * draw one transformation per call (per batch); here every copy is its own batch of one image: the pipeline is built
 * anew from the spec for copy {@code k} of key {@code key}, every layer seeded as Keras seeds a layer built with
 * {@code seed=None} after {@code keras.utils.set_random_seed(seedFor(seed, key, k))} ({@link LayerSpec#parse(String,
 * String, Long)}), and called once on that image in training mode. Seeds written in the spec are not used: they would
 * give every image the same draw.
 */
public final class Augmentation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The generator options by builder name, in text form. */
  private final TreeMap<String, String> options;
  /** Augmented copies per image. */
  private final int copies;
  /** The run's seed. */
  private final long seed;
  /** Target height. */
  private final int targetHeight;
  /** Target width. */
  private final int targetWidth;
  /** The colour mode images are decoded to. */
  private final ColorMode colorMode;
  /** The resize interpolation. */
  private final Interpolation interpolation;
  /** The layer spec as given (JSON), or null. */
  private final String layers;
  private transient ImageDataGenerator generator;
  private transient ImageLoader loader;
  /** {@link #layers} with every seed set to null. */
  private transient String unseededLayers;

  private Augmentation(Builder b) {
    this.options = new TreeMap<>(b.options);
    this.copies = b.copies == null ? 1 : b.copies;
    this.seed = b.seed == null ? 0 : b.seed;
    this.targetHeight = b.targetHeight == null ? 256 : b.targetHeight;
    this.targetWidth = b.targetWidth == null ? 256 : b.targetWidth;
    this.colorMode = b.colorMode == null ? ColorMode.RGB : b.colorMode;
    this.interpolation = b.interpolation == null ? Interpolation.NEAREST : b.interpolation;
    this.generator = GeneratorSettings.build(options);
    this.layers = b.layers;
    if (layers != null) {
      pipeline(0, "the layers"); // checks the spec on the driver
    }
  }

  /**
   * A builder with every option unset: one copy, seed 0, 256×256 RGB, nearest interpolation, no augmentation.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The NumPy seed of copy {@code copy} of the image with key {@code key}: the first four bytes (big-endian,
   * unsigned) of SHA-256 over {@code seed} (8 bytes, big-endian), {@code copy} (4 bytes, big-endian) and the key's
   * UTF-8 bytes; a value in [0, 2^32).
   *
   * @param seed the run's seed
   * @param key the image's key (its path relative to the input directory)
   * @param copy the copy index, from 0
   * @return the seed for {@code random_transform}
   */
  public static long seedFor(long seed, String key, int copy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(12).putLong(seed).putInt(copy).array());
      byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d, 0, 4).getInt() & 0xFFFF_FFFFL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The key of {@code file} under {@code root}: its relative path with '/' separators.
   *
   * @param root the input directory
   * @param file a file under it
   * @return the key
   */
  public static String key(Path root, Path file) {
    Path rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    List<String> parts = new ArrayList<>();
    rel.forEach(p -> parts.add(p.toString()));
    return String.join("/", parts);
  }

  /** {@return the generator built from {@link #options()}} */
  public ImageDataGenerator generator() {
    if (generator == null) {
      generator = GeneratorSettings.build(options);
    }
    return generator;
  }

  /**
   * {@return the loader that decodes and resizes like {@code flowFromDirectory} with this target size and colour
   * mode}
   */
  public ImageLoader loader() {
    if (loader == null) {
      loader = ImageLoader.builder().colorMode(colorMode).targetSize(targetHeight, targetWidth)
          .interpolation(interpolation).build();
    }
    return loader;
  }

  /**
   * Copy {@code copy} of an already loaded image.
   *
   * @param loaded the image as {@link #loader()} returns it
   * @param key the image's key
   * @param copy the copy index in [0, copies)
   * @return the augmented, standardized image
   */
  public Image augment(Image loaded, String key, int copy) {
    requireArgument(copy >= 0 && copy < copies, "copy must be in [0, %s) but was %s", copies, copy);
    ImageDataGenerator g = generator();
    long s = seedFor(seed, key, copy);
    Image x = g.standardize(g.applyTransform(loaded, g.getRandomTransform(loaded, new NumpyRandom(s))));
    if (layers == null) {
      return x;
    }
    // a copy: without generator options x may share the loaded image's pixels, which every copy starts from
    float[] pixels = x.data().clone();
    LayerBatch out = pipeline(s, key).apply(LayerBatch.of(pixels, 1, x.height(), x.width(), x.channels()));
    return Image.wrap(out.height(), out.width(), out.channels(), out.images());
  }

  /**
   * {@link #augment(Image, String, int)} with the warp written into {@code out} (an image of {@code loaded}'s shape,
   * reused from copy to copy, not {@code loaded} itself): the same pixels without a new warp output per copy. The
   * result may be {@code out}, so it is consumed before the next call.
   */
  Image augment(Image loaded, String key, int copy, Image out) {
    if (layers != null || !out.sameShape(loaded) || out.data() == loaded.data()) {
      return augment(loaded, key, copy);
    }
    requireArgument(copy >= 0 && copy < copies, "copy must be in [0, %s) but was %s", copies, copy);
    ImageDataGenerator g = generator();
    return g.standardize(g.applyTransform(loaded, g.getRandomTransform(loaded, new NumpyRandom(seedFor(seed, key,
        copy))), out));
  }

  /**
   * The layer pipeline of one copy: built from the spec after {@code keras.utils.set_random_seed(copySeed)}, every
   * layer's seed drawn as Keras draws it for {@code seed=None}.
   *
   * @param copySeed {@link #seedFor}(seed, key, copy)
   * @param what the image, for error messages
   * @return the pipeline
   * @throws IllegalStateException if no layers were given
   */
  Pipeline pipeline(long copySeed, String what) {
    if (layers == null) {
      throw new IllegalStateException("no layers were given");
    }
    if (unseededLayers == null) {
      unseededLayers = withoutSeeds(layers);
    }
    LayerSpec spec = LayerSpec.parse(unseededLayers, null, copySeed);
    if (spec.dataFormat() != DataFormat.CHANNELS_LAST) {
      throw new IllegalArgumentException("layers must be channels_last (images are HWC) but say "
          + spec.dataFormat().kerasName());
    }
    if (!spec.drawnSeeds().isEmpty()) {
      throw new IllegalArgumentException("layers would draw unrepeatable seeds for " + what + ": "
          + spec.drawnSeeds());
    }
    return spec.pipeline();
  }

  /** The spec with {@code "seed": null} wherever a layer's config (or a nested Pipeline's layer) gives a seed. */
  static String withoutSeeds(String json) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the layer spec is not valid JSON: " + e.getMessage(), e);
    }
    clearSeeds(root);
    return new GsonBuilder().serializeNulls().create().toJson(root);
  }

  private static void clearSeeds(JsonElement e) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(Augmentation::clearSeeds);
    } else if (e.isJsonObject() && e.getAsJsonObject().get("config") instanceof JsonObject config) {
      if (config.has("seed")) {
        config.add("seed", JsonNull.INSTANCE);
      }
      if (config.get("layers") instanceof JsonArray nested) {
        clearSeeds(nested);
      }
    }
  }

  /**
   * Every copy of one encoded image.
   *
   * @param content the file's bytes
   * @param key the image's key
   * @return {@link #copies()} images
   * @throws ImageDecodeException if the bytes are not a decodable image
   */
  public List<Image> augment(byte[] content, String key) throws ImageDecodeException {
    Image loaded = loader().load(content, key);
    List<Image> out = new ArrayList<>(copies);
    for (int k = 0; k < copies; k++) {
      out.add(augment(loaded, key, k));
    }
    return out;
  }

  /**
   * Every copy of an image file, keyed by its path relative to {@code root}: the single-machine run of what
   * {@link ImageAugmenter} computes on Spark.
   *
   * @param root the input directory
   * @param file an image file under it
   * @return {@link #copies()} images
   * @throws java.io.IOException if the file cannot be read or decoded
   */
  public List<Image> augment(Path root, Path file) throws java.io.IOException {
    return augment(Files.readAllBytes(file), key(root, file));
  }

  /** {@return the generator options, by builder name, in the text form {@link Builder#option} took} */
  public Map<String, String> options() {
    return Collections.unmodifiableMap(options);
  }

  /** {@return augmented copies per image} */
  public int copies() {
    return copies;
  }

  /** {@return the run's seed} */
  public long seed() {
    return seed;
  }

  /** {@return the target height} */
  public int targetHeight() {
    return targetHeight;
  }

  /** {@return the target width} */
  public int targetWidth() {
    return targetWidth;
  }

  /** {@return the colour mode images are decoded to} */
  public ColorMode colorMode() {
    return colorMode;
  }

  /** {@return the resize interpolation} */
  public Interpolation interpolation() {
    return interpolation;
  }

  /** {@return the Keras layer spec (JSON) applied after the generator, if any} */
  public Optional<String> layers() {
    return Optional.ofNullable(layers);
  }

  /** Builds an {@link Augmentation}; each option may be set once. */
  public static final class Builder {
    private final TreeMap<String, String> options = new TreeMap<>();
    private Integer copies;
    private Long seed;
    private Integer targetHeight;
    private Integer targetWidth;
    private ColorMode colorMode;
    private Interpolation interpolation;
    private String layers;

    private Builder() {}

    /**
     * One {@code ImageDataGenerator} option with {@code tuna flow}'s spelling and value, e.g.
     * {@code option("--rotation-range", "20")} or {@code option("rescale", "1/255")}.
     *
     * @param name the flag or builder name
     * @param value its value as text
     * @return this builder
     */
    public Builder option(String name, String value) {
      requireNonNull("option name", name);
      requireNonNull(name, value);
      String key = GeneratorSettings.canonical(name);
      requireUnset(options.containsKey(key), key, options.get(key));
      options.put(key, value);
      return this;
    }

    /**
     * Augmented copies per input image (default 1).
     *
     * @param k copies, at least 1
     * @return this builder
     */
    public Builder copies(int k) {
      requireUnset(copies != null, "copies", copies);
      requireArgument(k >= 1, "copies must be >= 1 but was %s", k);
      copies = k;
      return this;
    }

    /**
     * The run's seed (default 0).
     *
     * @param s any value
     * @return this builder
     */
    public Builder seed(long s) {
      requireUnset(seed != null, "seed", seed);
      seed = s;
      return this;
    }

    /**
     * {@code flowFromDirectory}'s target size (default 256×256).
     *
     * @param height rows
     * @param width columns
     * @return this builder
     */
    public Builder targetSize(int height, int width) {
      requireUnset(targetHeight != null, "targetSize", targetHeight + "," + targetWidth);
      requireArgument(height > 0 && width > 0, "targetSize must be positive but was %s,%s", height, width);
      targetHeight = height;
      targetWidth = width;
      return this;
    }

    /**
     * The colour mode (default RGB).
     *
     * @param mode grayscale, rgb or rgba
     * @return this builder
     */
    public Builder colorMode(ColorMode mode) {
      requireUnset(colorMode != null, "colorMode", colorMode);
      colorMode = requireNonNull("colorMode", mode);
      return this;
    }

    /**
     * The resize interpolation (default nearest, as Keras).
     *
     * @param value the interpolation
     * @return this builder
     */
    public Builder interpolation(Interpolation value) {
      requireUnset(interpolation != null, "interpolation", interpolation);
      interpolation = requireNonNull("interpolation", value);
      return this;
    }

    /**
     * A Keras 3 layer pipeline applied to every copy after the generator, described as {@code tuna layers --spec}
     * reads it ({@code [{"class_name": ..., "config": ...}, ...]}, channels_last); see the class comment for how its
     * layers are seeded.
     *
     * @param specJson the spec's JSON text
     * @return this builder
     */
    public Builder layers(String specJson) {
      requireUnset(layers != null, "layers", layers);
      layers = requireNonNull("layers", specJson);
      return this;
    }

    /**
     * The augmentation; checks every generator option and the layer spec.
     *
     * @return the augmentation
     */
    public Augmentation build() {
      return new Augmentation(this);
    }
  }
}
