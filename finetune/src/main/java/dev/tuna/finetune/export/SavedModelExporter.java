package dev.tuna.finetune.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonArray;
import dev.tuna.finetune.internal.AtomicDirectory;
import dev.tuna.finetune.internal.Network;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Writes an inference-only SavedModel: tag {@code serve}, signature {@code serving_default}
 * ({@code tensorflow/serving/predict}) with input {@value #INPUT_KEY} (float32 {@code [-1, h, w, 3]}, RGB in
 * [0, 255], preprocessing baked in) and output {@value #OUTPUT_KEY} (softmax {@code [-1, classes]}). Every weight
 * is a variable in {@code variables/}. {@value #METADATA} records class names and the input shape.
 */
public final class SavedModelExporter {
  /** The signature key, {@value}. */
  public static final String SIGNATURE = "serving_default";
  /** The signature's input key, {@value}. */
  public static final String INPUT_KEY = "image";
  /** The signature's output key, {@value}. */
  public static final String OUTPUT_KEY = "output_0";
  /** The file in the SavedModel directory that holds class names and input shape, {@value}. */
  public static final String METADATA = "tuna-classifier.json";

  private SavedModelExporter() {}

  /**
   * Exports to {@code dir}, atomically replacing an existing directory.
   *
   * @param dir the SavedModel directory to write
   * @param arch the backbone
   * @param height the input height
   * @param width the input width
   * @param preprocessing the input preprocessing baked into the graph
   * @param head the classifier head (dropout is dropped)
   * @param weights backbone and head weights by Keras name
   * @param classNames the class names in label order, written to {@value #METADATA}
   * @throws java.io.UncheckedIOException if the directory cannot be written
   */
  public static void export(Path dir, VggArchitecture arch, int height, int width, Preprocessing preprocessing,
      Head head, Map<String, Weight> weights, List<String> classNames) {
    Path tmp = null;
    try {
      tmp = AtomicDirectory.temporarySibling(dir);
      Path model = tmp.resolve("m");
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Network net = Network.build(tf, arch, height, width, preprocessing, 0, head.withDropout(0), 0, true);
        net.assign(s, weights, true);
        Signature sig = Signature.builder().key(SIGNATURE).methodName("tensorflow/serving/predict")
            .input(INPUT_KEY, net.input()).output(OUTPUT_KEY, net.probabilities()).build();
        SavedModelBundle.exporter(model.toString()).withSession(s).withSignature(sig).export();
      }
      writeMetadata(model, height, width, arch.inputChannels(), preprocessing, arch.toString(), classNames);
      AtomicDirectory.replace(model, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the model to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        AtomicDirectory.deleteRecursively(tmp);
      }
    }
  }

  /**
   * Exports the model of a live training session, atomically replacing {@code dir}: the signature reads
   * {@code input} and returns {@code probabilities} (dropout off, every other placeholder at its default).
   *
   * @param dir the SavedModel directory to write
   * @param session the session holding the current weights
   * @param input the image placeholder, {@code [-1, h, w, c]}
   * @param probabilities the softmax output
   * @param architecture a description of the model, written to {@value #METADATA}
   * @param preprocessing the preprocessing baked into the graph
   * @param classNames the class names in label order
   * @throws java.io.UncheckedIOException if the directory cannot be written
   */
  public static void export(Path dir, Session session, Operand<TFloat32> input, Operand<TFloat32> probabilities,
      String architecture, Preprocessing preprocessing, List<String> classNames) {
    long[] shape = input.shape().asArray();
    Path tmp = null;
    try {
      tmp = AtomicDirectory.temporarySibling(dir);
      Path model = tmp.resolve("m");
      Signature sig = Signature.builder().key(SIGNATURE).methodName("tensorflow/serving/predict")
          .input(INPUT_KEY, input).output(OUTPUT_KEY, probabilities).build();
      SavedModelBundle.exporter(model.toString()).withSession(session).withSignature(sig).export();
      writeMetadata(model, (int) shape[1], (int) shape[2], (int) shape[3], preprocessing, architecture, classNames);
      AtomicDirectory.replace(model, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the model to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        AtomicDirectory.deleteRecursively(tmp);
      }
    }
  }

  private static void writeMetadata(Path model, int height, int width, int channels, Preprocessing preprocessing,
      String architecture, List<String> classNames) throws IOException {
    JsonObject meta = new JsonObject();
    meta.addProperty("format", "tuna-classifier/1");
    meta.addProperty("signature", SIGNATURE);
    meta.addProperty("input", INPUT_KEY);
    meta.addProperty("output", OUTPUT_KEY);
    meta.addProperty("height", height);
    meta.addProperty("width", width);
    meta.addProperty("channels", channels);
    meta.addProperty("preprocessing", preprocessing.name());
    meta.addProperty("architecture", architecture);
    JsonArray names = new JsonArray();
    classNames.forEach(names::add);
    meta.add("class_names", names);
    Files.writeString(model.resolve(METADATA), new GsonBuilder().setPrettyPrinting().create().toJson(meta),
        StandardCharsets.UTF_8);
  }
}
