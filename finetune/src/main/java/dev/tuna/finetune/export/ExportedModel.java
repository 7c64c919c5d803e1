package dev.tuna.finetune.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.internal.Network;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.types.TFloat32;

/**
 * A model written by {@link SavedModelExporter} read back for description: its metadata (class names, input size,
 * preprocessing), its weights under their Keras names, the VGG backbone and the classifier head they form.
 * Immutable; nothing stays open after {@link #read}.
 */
public final class ExportedModel {
  private final Path dir;
  private final KerasWeights weights;
  private final VggArchitecture architecture;
  private final Head head;
  private final List<String> classNames;
  private final Preprocessing preprocessing;
  private final int height;
  private final int width;

  private ExportedModel(Path dir, KerasWeights weights, VggArchitecture architecture, Head head,
      List<String> classNames, Preprocessing preprocessing, int height, int width) {
    this.dir = dir;
    this.weights = weights;
    this.architecture = architecture;
    this.head = head;
    this.classNames = List.copyOf(classNames);
    this.preprocessing = preprocessing;
    this.height = height;
    this.width = width;
  }

  /**
   * Whether {@code dir} holds a tuna export (a SavedModel directory with tuna's {@value SavedModelExporter#METADATA}).
   *
   * @param dir a directory, or any path (then false)
   * @return true if {@link #read} applies
   */
  public static boolean isExport(Path dir) {
    return Files.isRegularFile(dir.resolve(SavedModelExporter.METADATA))
        && Files.isRegularFile(dir.resolve("saved_model.pb"));
  }

  /**
   * Reads the export in {@code dir}.
   *
   * @param dir a directory written by {@link SavedModelExporter} (e.g. {@code FineTuner.export})
   * @return the export's description
   * @throws IllegalArgumentException if {@code dir} is no tuna export, or its metadata and weights disagree
   */
  public static ExportedModel read(Path dir) {
    if (!isExport(dir)) {
      throw new IllegalArgumentException(dir + " is no tuna export: it needs saved_model.pb and "
          + SavedModelExporter.METADATA);
    }
    Path metaFile = dir.resolve(SavedModelExporter.METADATA);
    JsonObject meta;
    List<String> names = new ArrayList<>();
    Preprocessing preprocessing;
    int height;
    int width;
    try {
      meta = JsonParser.parseString(Files.readString(metaFile, StandardCharsets.UTF_8)).getAsJsonObject();
      for (JsonElement e : meta.getAsJsonArray("class_names")) {
        names.add(e.getAsString());
      }
      preprocessing = Preprocessing.valueOf(meta.get("preprocessing").getAsString());
      height = meta.get("height").getAsInt();
      width = meta.get("width").getAsInt();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("corrupt " + metaFile + ": " + e.getMessage(), e);
    }
    KerasWeights weights = KerasWeights.of(variables(dir));
    VggArchitecture arch;
    try {
      arch = VggArchitecture.from(weights);
    } catch (KerasModelException e) {
      throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
    }
    Head head = head(dir, weights, arch, height, width, names.size());
    return new ExportedModel(dir, weights, arch, head, names, preprocessing, height, width);
  }

  /** Every variable of the SavedModel, by Keras name ({@code block1_conv1/kernel}, {@code dense/kernel} ...). */
  private static Map<String, Weight> variables(Path dir) {
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toAbsolutePath().toString(), "serve")) {
      List<GraphOperation> variables = new ArrayList<>();
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2") || op.type().equals("Variable")) {
          variables.add(op);
        }
      }
      Map<String, Weight> out = new LinkedHashMap<>();
      if (variables.isEmpty()) {
        return out;
      }
      Session.Runner runner = bundle.session().runner();
      variables.forEach(v -> runner.fetch(v.output(0)));
      try (Result r = runner.run()) {
        for (int i = 0; i < variables.size(); i++) {
          if (!(r.get(i) instanceof TFloat32 t)) {
            continue;
          }
          String name = Network.kerasName(variables.get(i).name());
          out.put(name, Weight.of(name, t.shape().asArray(), Tensors.values(t)));
        }
      }
      return out;
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Head head(Path dir, KerasWeights weights, VggArchitecture arch, int height, int width,
      int classes) {
    long[] hidden = weights.get("dense/kernel").map(Weight::shape).orElse(null);
    long[] out = weights.get("dense_1/kernel").map(Weight::shape).orElse(null);
    if (hidden != null && out == null && hidden.length == 2) { // GlobalAveragePooling2D -> Dropout -> Dense
      if (hidden[0] != arch.outputChannels() || hidden[1] != classes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: head kernel %s does not fit %d pooled "
            + "features and %d class names", dir, Arrays.toString(hidden), arch.outputChannels(), classes));
      }
      return Head.globalAveragePooling(classes);
    }
    if (hidden == null || out == null || hidden.length != 2 || out.length != 2) {
      throw new IllegalArgumentException(dir + " has no classifier head (dense/kernel, and dense_1/kernel after a "
          + "hidden Dense layer)");
    }
    long flat = (long) arch.outputSize(height) * arch.outputSize(width) * arch.outputChannels();
    if (hidden[0] != flat || out[0] != hidden[1] || out[1] != classes) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: head kernels %s and %s do not fit %d "
          + "features and %d class names", dir, Arrays.toString(hidden), Arrays.toString(out), flat, classes));
    }
    return Head.of(classes).withUnits((int) hidden[1]);
  }

  /**
   * The layer table and parameter totals of the exported network with Keras layers {@code [0, frozenLayers)}
   * counted as frozen (an export itself only predicts).
   *
   * @param frozenLayers how many leading backbone layers to count as non-trainable
   * @return the summary, backbone rows followed by the head's
   */
  public ModelSummary summary(int frozenLayers) {
    return ModelSummary.of(architecture, height, width, frozenLayers, head);
  }

  /**
   * The directory read.
   *
   * @return the export's directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * Every weight under its Keras name.
   *
   * @return the weights, backbone and head
   */
  public KerasWeights weights() {
    return weights;
  }

  /**
   * The VGG backbone the weights form.
   *
   * @return the backbone's architecture
   */
  public VggArchitecture architecture() {
    return architecture;
  }

  /**
   * The classifier head; its dropout is the default (an export predicts without dropout).
   *
   * @return the head, with the exported hidden width and class count
   */
  public Head head() {
    return head;
  }

  /**
   * The class names stored with the export, in output order.
   *
   * @return the class names
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The preprocessing built into the exported graph.
   *
   * @return the preprocessing applied to RGB inputs in [0, 255]
   */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * The input height the export was built for.
   *
   * @return pixels
   */
  public int height() {
    return height;
  }

  /**
   * The input width the export was built for.
   *
   * @return pixels
   */
  public int width() {
    return width;
  }

  @Override
  public String toString() {
    return "ExportedModel[" + dir + ", " + height + "x" + width + "x" + architecture.inputChannels() + ", "
        + preprocessing + ", classes " + classNames + "]";
  }
}
