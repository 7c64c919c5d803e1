package dev.tuna.finetune.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The float32 weights of a Keras model, by Keras name ({@code block1_conv1/kernel}), read from any Keras file
 * layout without running the model.
 *
 * <p>SavedModels are read by checkpoint key through the checkpoint's own object graph ({@code RestoreV2}), never by
 * variable handle name, so Keras 3 {@code model.export()} and tf_keras {@code model.save()} both work. HDF5 files
 * ({@code .h5}, {@code .weights.h5}, {@code .keras}) are read with jhdf. Non-float weights (such as Keras 3 seed
 * generator states) are skipped.
 */
public final class KerasWeights {
  /** How to produce a file this class reads, appended to error messages. */
  static final String HOW_TO_EXPORT = "export the base model with Keras 3 `model.export(\"dir\")`, "
      + "tf_keras `model.save(\"dir\")`, or `model.save(\"x.keras\")` / `model.save_weights(\"x.weights.h5\")`";

  private final Path source;
  private final KerasFormat format;
  private final Map<String, Weight> weights;
  private final String inputKey;
  private final List<String> layerOrder;

  KerasWeights(Path source, KerasFormat format, Map<String, Weight> weights, String inputKey,
      List<String> layerOrder) {
    this.source = source;
    this.format = format;
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    this.inputKey = inputKey;
    this.layerOrder = List.copyOf(layerOrder);
  }

  /**
   * Reads the weights of a Keras SavedModel directory, {@code .h5}, {@code .weights.h5} or {@code .keras} file.
   *
   * @param path the model file or SavedModel directory
   * @return the weights
   * @throws KerasModelException if the path is missing or is not a readable Keras file; the message says how to
   *     re-export
   */
  public static KerasWeights load(Path path) {
    if (!Files.exists(path)) {
      throw new KerasModelException("no Keras model at " + path + ": the path does not exist; " + HOW_TO_EXPORT);
    }
    if (Files.isDirectory(path)) {
      return SavedModelWeights.read(path);
    }
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.equals("saved_model.pb")) {
      return SavedModelWeights.read(path.toAbsolutePath().getParent());
    }
    if (name.endsWith(".keras")) {
      return H5Weights.readKerasArchive(path);
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return H5Weights.read(path);
    }
    throw new KerasModelException("cannot read " + path + ": expected a SavedModel directory, a .h5, "
        + ".weights.h5 or .keras file; " + HOW_TO_EXPORT);
  }

  /**
   * Creates weights from already loaded values (for tests and programmatic use).
   *
   * @param weights the weights by name
   * @return the weights, in the map's iteration order
   */
  public static KerasWeights of(Map<String, Weight> weights) {
    return new KerasWeights(null, null, weights, null, List.copyOf(weights.keySet()));
  }

  /**
   * The file or directory read, or empty for {@link #of}.
   *
   * @return the path, if any
   */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The detected layout, or empty for {@link #of}.
   *
   * @return the format, if any
   */
  public Optional<KerasFormat> format() {
    return Optional.ofNullable(format);
  }

  /**
   * The {@code serving_default} input key of a SavedModel, or the input layer name of an HDF5 model.
   *
   * @return the input name, if the file records one
   */
  public Optional<String> inputName() {
    return Optional.ofNullable(inputKey);
  }

  /**
   * Every weight, by name, in the model's layer order.
   *
   * @return the weights by name
   */
  public Map<String, Weight> all() {
    return weights;
  }

  /**
   * The weight called {@code name}, e.g. {@code block5_conv1/kernel}.
   *
   * @param name the weight's name
   * @return the weight, or empty if there is none
   */
  public Optional<Weight> get(String name) {
    return Optional.ofNullable(weights.get(name));
  }

  /**
   * Layer names in model order (layers with weights, plus others where the file lists them).
   *
   * @return the layer names
   */
  public List<String> layerOrder() {
    return layerOrder;
  }

  /**
   * Where the weights came from, for messages.
   *
   * @return a description of the source
   */
  public String describe() {
    return (format == null ? "in-memory weights" : format.description())
        + (source == null ? "" : " at " + source);
  }

  @Override
  public String toString() {
    return "KerasWeights[" + describe() + ", " + weights.size() + " weights]";
  }

  /** Normalises {@code block1_conv1/kernel:0} and similar spellings to {@code block1_conv1/kernel}. */
  static String normalize(String name) {
    return name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
  }
}
