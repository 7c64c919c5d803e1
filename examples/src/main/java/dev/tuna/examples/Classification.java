package dev.tuna.examples;

import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Notebook 3, classification: load a fine-tuned model and print per-class probabilities for each image. */
public final class Classification {
  private Classification() {}

  /**
   * Runs the example and prints each image's prediction.
   *
   * @param args as {@link #runExample}
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<Prediction> predictions = runExample(args);
    for (int i = 0; i < predictions.size(); i++) {
      System.out.println(args[i + 1] + ": " + predictions.get(i));
    }
  }

  /**
   * Arguments: MODEL_DIR IMAGE...; the model is a {@code FineTuner.export} / checkpoint directory.
   *
   * @param args the model directory, then one or more image files
   * @return one prediction per image
   * @throws IOException if a file cannot be read
   */
  public static List<Prediction> runExample(String... args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: Classification MODEL_DIR IMAGE...");
    }
    try (Classifier model = Classifier.load(Path.of(args[0]))) {
      ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB)
          .targetSize(model.height(), model.width()).build();               // like load_img(target_size=...)
      List<Prediction> out = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        out.add(model.predict(loader.load(Path.of(args[i]))));            // RGB 0-255; rescaling is in the model
      }
      return out;
    }
  }
}
