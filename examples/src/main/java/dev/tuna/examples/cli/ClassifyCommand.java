package dev.tuna.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.model.Preprocessing;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna classify}: per-class probabilities of an exported classifier for each image. */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = {"Classifies images with an exported model (tuna finetune's model/ directory, or a Keras "
        + "model.export of a classifier) or any Keras classifier saved with its config (.keras, full-model .h5; "
        + "its output is printed per class index, after --preprocess): images are loaded as RGB and resized to "
        + "the model's input size.",
        "Prints one line per image, or with --json an array of {file, class, probabilities}."})
final class ClassifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true,
      description = "The exported SavedModel directory, or a .keras / .h5 Keras classifier.")
  Path model;

  @Option(names = "--preprocess", defaultValue = "auto",
      description = "For a .keras / .h5 classifier: auto (the mode Keras documents for the recognised application), "
          + "caffe, tf, torch, rescale or none (default: ${DEFAULT-VALUE}). Exports carry their own.")
  String preprocess;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @Override
  public Integer call() throws Exception {
    for (Path p : images) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("image " + p + " does not exist or is not a file");
      }
    }
    if (Files.isRegularFile(model)) {
      return classifyConfigModel();
    }
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("--model " + model + " does not exist or is not a directory");
    }
    try (Classifier c = Classifier.load(model)) {
      ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize(c.height(), c.width()).build();
      List<Prediction> predictions = new ArrayList<>();
      for (Path p : images) {
        Image image = loader.load(p);
        predictions.add(c.predict(image));
      }
      print(spec.commandLine().getOut(), predictions);
    }
    return 0;
  }

  /** A Keras classifier rebuilt from its config: its output for each preprocessed image, by class index. */
  private int classifyConfigModel() throws java.io.IOException {
    try (KerasModel m = KerasModel.load(model)) {
      long[] in = m.inputShape();
      if (in.length != 3 || in[0] < 1 || in[1] < 1) {
        throw new IllegalArgumentException("--model " + model + " takes inputs of shape " + Arrays.toString(in)
            + "; classify needs a fixed image size");
      }
      Preprocessing pre = Options.preprocessing(preprocess, m.name());
      ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize((int) in[0], (int) in[1])
          .build();
      List<Prediction> predictions = new ArrayList<>();
      for (Path p : images) {
        Image image = loader.load(p);
        float[] x = FeaturesCommand.preprocess(image.data(), pre);
        KerasModel.Output y = m.run(x, new long[] {1, in[0], in[1], 3});
        if (y.shape().length != 2) {
          throw new IllegalArgumentException("--model " + model + " is not a classifier: its output has shape "
              + Arrays.toString(y.shape()) + "; use tuna features");
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < y.values().length; k++) {
          names.add(Integer.toString(k));
        }
        predictions.add(new Prediction(names, y.values()));
      }
      print(spec.commandLine().getOut(), predictions);
    }
    return 0;
  }

  private void print(PrintWriter out, List<Prediction> predictions) {
    if (json) {
      JsonArray all = new JsonArray();
      for (int i = 0; i < images.size(); i++) {
        Prediction p = predictions.get(i);
        JsonObject o = new JsonObject();
        o.addProperty("file", images.get(i).toString());
        o.addProperty("class", p.topClass());
        JsonObject probs = new JsonObject();
        for (String name : p.classNames()) {
          probs.addProperty(name, p.probability(name));
        }
        o.add("probabilities", probs);
        all.add(o);
      }
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(all));
      return;
    }
    for (int i = 0; i < images.size(); i++) {
      out.println(line(images.get(i).toString(), predictions.get(i)));
    }
  }

  /** {@code file: top (p)  [a 0.1234, b 0.8766]}. */
  static String line(String file, Prediction p) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %s (%.4f) ", file, p.topClass(),
        p.probability(p.topClass())));
    List<String> parts = new ArrayList<>();
    for (String name : p.classNames()) {
      parts.add(String.format(Locale.ROOT, "%s %.4f", name, p.probability(name)));
    }
    return sb.append(parts).toString();
  }
}
