package dev.tuna.examples.internal;

import dev.tuna.core.internal.AtomicFiles;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.KerasWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tuna demo}: the lecture end to end on embedded data. (a) augmentation slides of the chelsea photo,
 * (b) fine-tuning the pretrained mini-VGG on two held-out Fashion-MNIST classes (and, for contrast, the same
 * run from a randomly initialised backbone), (c) classification of held-out images with the best checkpoint.
 */
public final class DemoRun {
  /** Input size of the embedded backbone and images. */
  public static final int IMAGE_SIZE = 64;

  /** What the demo measured and where it wrote it. */
  public record Result(Map<String, Path> slides, FineTuneJob.Result pretrained, FineTuneJob.Result random,
      Map<Path, Prediction> predictions, Path summary, double seconds) {}

  private DemoRun() {}

  /**
   * The demo's optimizer. The lecture's SGD(0.001, momentum 0.1) stays at chance here: 40 images make 2 steps per
   * epoch, 40 steps in 20 epochs (measured: best val_accuracy 0.55). Ten times the learning rate and momentum 0.9
   * learn in the same 20 epochs.
   */
  public static final dev.tuna.finetune.train.Optimizer OPTIMIZER =
      dev.tuna.finetune.train.Optimizer.sgd().withLearningRate(0.01).withMomentum(0.9);

  /** The demo's fine-tuning settings on the extracted data: the lecture's, at 64 px, with {@link #OPTIMIZER}. */
  public static FineTuneJob.Settings settings(Path data, Path output, int epochs, long seed) {
    return new FineTuneJob.Settings(KerasWeights.load(data.resolve("backbone")), data.resolve("data/train"),
        data.resolve("data/test"), output, epochs, 32, 15, OPTIMIZER, IMAGE_SIZE,
        dev.tuna.finetune.model.Preprocessing.RESCALE, FineTuneJob.lectureAugmentation(), seed, 0);
  }

  public static Result run(Path output, int epochs, long seed, boolean contrast, PrintStream log)
      throws IOException {
    long start = System.nanoTime();
    Path data = DemoResources.extractTo(output.resolve("embedded"));
    log.println("== (a) Augmentation: the lecture's slides for chelsea.png");
    Image photo = ImageLoader.builder().colorMode(ColorMode.RGB).build().load(data.resolve("chelsea.png"));
    Map<String, Path> slides = Previews.lectureSlides(photo, output.resolve("augmentation"), seed);
    slides.forEach((k, v) -> log.printf(Locale.ROOT, "  %-11s %s%n", k, v));

    log.println("== (b) Fine-tuning the pretrained mini-VGG on sandal vs ankle_boot (20 + 20 images per class)");
    FineTuneJob.Settings s = settings(data, output.resolve("finetune"), epochs, seed);
    FineTuneJob.Result pretrained = FineTuneJob.run(s, log, false);
    FineTuneJob.Result random = null;
    if (contrast) {
      log.println("== (b') The same head and settings on a randomly initialised backbone (contrast)");
      KerasWeights init = RandomBackbone.like(s.backbone(), seed);
      random = FineTuneJob.run(s.withBackbone(init, output.resolve("random-backbone")), log, false);
    }

    log.println("== (c) Classifying held-out images with the best checkpoint " + pretrained.model());
    Map<Path, Prediction> predictions = new LinkedHashMap<>();
    try (Classifier c = Classifier.load(pretrained.model())) {
      ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize(c.height(), c.width()).build();
      for (String name : c.classNames()) {
        for (int i : new int[] {0, 7, 13}) {
          Path file = data.resolve(String.format(Locale.ROOT, "data/test/%s/%s_%02d.png", name, name, i));
          Prediction p = c.predict(loader.load(file));
          predictions.put(file, p);
          log.printf(Locale.ROOT, "  %s: %s%n", output.relativize(file), probabilities(p));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Path summary = output.resolve("demo-summary.json");
    writeSummary(summary, pretrained, random, seconds);
    log.println("== Summary");
    report(log, "pretrained backbone", pretrained);
    if (random != null) {
      report(log, "random backbone    ", random);
    }
    log.printf(Locale.ROOT, "  augmentation slides: %s%n", output.resolve("augmentation"));
    log.printf(Locale.ROOT, "  best model: %s (tuna classify --model %s IMAGE...)%n", pretrained.model(),
        pretrained.model());
    log.printf(Locale.ROOT, "  curves: %s, %s%n", pretrained.lossPlot(), pretrained.accuracyPlot());
    log.printf(Locale.ROOT, "  history: %s, %s%n", pretrained.historyJson(), pretrained.historyCsv());
    log.printf(Locale.ROOT, "  summary: %s%n  embedded inputs: %s%n  wall time: %.0f s%n", summary, data, seconds);
    return new Result(slides, pretrained, random, predictions, summary, seconds);
  }

  private static void report(PrintStream log, String label, FineTuneJob.Result r) {
    List<Double> acc = r.history().get("val_accuracy");
    log.printf(Locale.ROOT, "  %s: best epoch %d val_loss %.4f val_accuracy %.3f (final val_accuracy %.3f, %.0f s)"
        + "%n", label, r.bestEpoch(), r.bestValLoss(), r.bestValAccuracy(), acc.get(acc.size() - 1), r.seconds());
  }

  static String probabilities(Prediction p) {
    List<String> parts = new ArrayList<>();
    for (String name : p.classNames()) {
      parts.add(String.format(Locale.ROOT, "%s %.3f", name, p.probability(name)));
    }
    return p.topClass() + "  [" + String.join(", ", parts) + "]";
  }

  private static void writeSummary(Path file, FineTuneJob.Result pretrained, FineTuneJob.Result random,
      double seconds) throws IOException {
    JsonObject root = new JsonObject();
    root.add("pretrained", json(pretrained));
    if (random != null) {
      root.add("random_backbone", json(random));
    }
    root.addProperty("seconds", seconds);
    AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
  }

  private static JsonObject json(FineTuneJob.Result r) {
    JsonObject o = new JsonObject();
    o.addProperty("best_epoch", r.bestEpoch());
    o.addProperty("best_val_loss", r.bestValLoss());
    o.addProperty("best_val_accuracy", r.bestValAccuracy());
    List<Double> acc = r.history().get("val_accuracy");
    o.addProperty("final_val_accuracy", acc.get(acc.size() - 1));
    o.addProperty("model", r.model().toString());
    o.addProperty("seconds", r.seconds());
    return o;
  }
}
