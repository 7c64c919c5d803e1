package dev.tuna.finetune.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.Image;
import dev.tuna.finetune.internal.Tensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * A fine-tuned model loaded from its SavedModel for prediction. Feed RGB float images in [0, 255] of the exported
 * input size; preprocessing is part of the model. Not thread-safe; close it to free native memory.
 */
public final class Classifier implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final String inputKey;
  private final String outputKey;
  private final int height;
  private final int width;
  private final int channels;
  private final List<String> classNames;

  private Classifier(SavedModelBundle bundle, String inputKey, String outputKey, int height, int width,
      int channels, List<String> classNames) {
    this.bundle = bundle;
    this.inputKey = inputKey;
    this.outputKey = outputKey;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.classNames = classNames;
  }

  /**
   * Loads a SavedModel with a {@code serving_default} image-to-probabilities signature (from
   * {@link SavedModelExporter} or any single-input, single-output classifier).
   *
   * @param dir the SavedModel directory
   * @return the classifier
   * @throws IllegalArgumentException if the directory is missing or has no usable signature
   */
  public static Classifier load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException("no saved_model.pb in " + dir + ": export a model with "
          + "FineTuner.export(dir) or Keras model.export(dir)");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toAbsolutePath().toString(), "serve");
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
    try {
      SignatureDef sig = bundle.metaGraphDef().getSignatureDefMap().get(SavedModelExporter.SIGNATURE);
      if (sig == null || sig.getInputsCount() != 1 || sig.getOutputsCount() != 1) {
        throw new IllegalArgumentException(dir + " has no serving_default signature with one input and one "
            + "output; found " + bundle.metaGraphDef().getSignatureDefMap().keySet());
      }
      var in = sig.getInputsMap().entrySet().iterator().next();
      String outKey = sig.getOutputsMap().keySet().iterator().next();
      TensorInfo info = in.getValue();
      if (info.getTensorShape().getDimCount() != 4) {
        throw new IllegalArgumentException(dir + ": input " + in.getKey() + " must be NHWC images but has rank "
            + info.getTensorShape().getDimCount());
      }
      int h = (int) info.getTensorShape().getDim(1).getSize();
      int w = (int) info.getTensorShape().getDim(2).getSize();
      int c = (int) info.getTensorShape().getDim(3).getSize();
      List<String> names = classNames(dir, sig);
      return new Classifier(bundle, in.getKey(), outKey, h, w, c, names);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static List<String> classNames(Path dir, SignatureDef sig) {
    Path meta = dir.resolve(SavedModelExporter.METADATA);
    List<String> names = new ArrayList<>();
    if (Files.isRegularFile(meta)) {
      try {
        JsonObject o = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement e : o.getAsJsonArray("class_names")) {
          names.add(e.getAsString());
        }
        return List.copyOf(names);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("corrupt " + meta + ": " + e.getMessage(), e);
      }
    }
    TensorInfo out = sig.getOutputsMap().values().iterator().next();
    long k = out.getTensorShape().getDimCount() == 2 ? out.getTensorShape().getDim(1).getSize() : -1;
    for (int i = 0; i < k; i++) {
      names.add(Integer.toString(i));
    }
    return List.copyOf(names);
  }

  /**
   * Class probabilities for one HWC image of the model's input size.
   *
   * @param image an HWC image of the model's input shape
   * @return the prediction
   * @throws IllegalArgumentException if the image has another shape
   */
  public Prediction predict(Image image) {
    if (image.height() != height || image.width() != width || image.channels() != channels) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "image must be %dx%dx%d but was %dx%dx%d; resize it to the model's input size", height, width, channels,
          image.height(), image.width(), image.channels()));
    }
    return predict(image.data(), 1).get(0);
  }

  /**
   * Class probabilities for {@code n} NHWC images.
   *
   * @param images {@code n} images in NHWC order
   * @param n the image count
   * @return one prediction per image
   * @throws IllegalArgumentException if the length of {@code images} does not match {@code n} and the input shape
   */
  public List<Prediction> predict(float[] images, int n) {
    long expected = (long) n * height * width * channels;
    if (images.length != expected) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "images must hold %d floats for %d images of %dx%dx%d but held %d", expected, n, height, width, channels,
          images.length));
    }
    try (TFloat32 x = Tensors.of(new long[] {n, height, width, channels}, images);
        Result r = bundle.function(SavedModelExporter.SIGNATURE).call(Map.of(inputKey, x))) {
      float[] p = Tensors.values((TFloat32) r.get(outputKey).orElseThrow());
      int k = p.length / n;
      List<String> names = classNames.size() == k ? classNames : defaultNames(k);
      List<Prediction> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new Prediction(names, java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k)));
      }
      return out;
    }
  }

  private static List<String> defaultNames(int k) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      names.add(Integer.toString(i));
    }
    return names;
  }

  /** {@return the class names in label order} */
  public List<String> classNames() {
    return classNames;
  }

  /** {@return the input height in pixels} */
  public int height() {
    return height;
  }

  /** {@return the input width in pixels} */
  public int width() {
    return width;
  }

  /**
   * The signature input key images are fed under.
   *
   * @return the input key
   */
  public String inputKey() {
    return inputKey;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
