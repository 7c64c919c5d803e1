package dev.tuna.examples.internal;

import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.export.CurvePlot;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Unfreeze;
import dev.tuna.finetune.train.BackupAndRestore;
import dev.tuna.finetune.callbacks.ProgressBar;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.Batches;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.History;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lecture's fine-tuning notebook as one call: augmenting {@code flow_from_directory} for training, a plain one
 * for validation, a VGG backbone with {@code layers[:freeze]} frozen plus Flatten → Dense(256, relu) →
 * Dropout(0.5) → Dense(classes, softmax), {@code fit} with a progress bar and
 * {@code ModelCheckpoint(monitor="val_loss", save_best_only=True)}, then history.json, history.csv, loss.png and
 * accuracy.png next to the best model.
 */
public final class FineTuneJob {
  /** Everything the run needs; {@code augmentation} must not rescale (preprocessing is part of the model). */
  public record Settings(KerasWeights backbone, Path train, Path validation, Path output, int epochs, int batchSize,
      int freeze, Optimizer optimizer, int imageSize, Preprocessing preprocessing, ImageDataGenerator augmentation,
      long seed, int workers) {
    public Settings {
      require(epochs >= 1, "--epochs must be >= 1 but was " + epochs);
      require(batchSize >= 1, "--batch-size must be >= 1 but was " + batchSize);
      require(imageSize >= 32, "--image-size must be >= 32 (five 2x2 pools) but was " + imageSize);
      require(freeze >= 0, "--freeze must be >= 0 but was " + freeze);
      requireDirectory(train, "--train");
      requireDirectory(validation, "--validation");
    }

    public Settings withBackbone(KerasWeights b, Path out) {
      return new Settings(b, train, validation, out, epochs, batchSize, freeze, optimizer, imageSize,
          preprocessing, augmentation, seed, workers);
    }
  }

  /**
   * What goes beyond the lecture: a model rebuilt from its Keras config ({@code model}, null for the VGG
   * {@code backbone}; {@code imageSize} must then be the model's input size), the head ({@code "flatten-dense"} or {@code "gap"}, null for the model's default), an explicit
   * freeze point for a config model ({@code layers[:freeze]}, null for the whole base), the second phase (from
   * {@code unfreezeFrom} for {@code fineTuneEpochs} epochs, at {@code fineTuneLearningRate} or a tenth of the first
   * phase's), whether to resume the run in {@code output}, how unfrozen BatchNormalization layers train (null for
   * the default), and whether {@code fit} shuffles the batch order as Keras 3 {@code fit(shuffle=True)} does.
   */
  public record Recipe(Path model, String head, Integer freeze, String unfreezeFrom, int fineTuneEpochs,
      Double fineTuneLearningRate, boolean resume, BatchNormTraining batchNormalization, boolean shuffle) {
    /** The lecture: VGG, Flatten-Dense head, one phase, a fresh run, batches shuffled as Keras' fit does. */
    public static final Recipe LECTURE = new Recipe(null, null, null, null, 0, null, false, null, true);

    public Recipe {
      require(head == null || head.equals("flatten-dense") || head.equals("gap"),
          "--head must be flatten-dense or gap but was " + head);
      require(freeze == null || freeze >= 0, "--freeze must be >= 0 but was " + freeze);
      require(fineTuneEpochs >= 0, "--fine-tune-epochs must be >= 1 but was " + fineTuneEpochs);
      require(unfreezeFrom == null || fineTuneEpochs > 0, "--unfreeze-from " + unfreezeFrom
          + " starts a second phase: give its length with --fine-tune-epochs N");
      require(unfreezeFrom != null || fineTuneEpochs == 0 && fineTuneLearningRate == null,
          "--fine-tune-epochs and --fine-tune-learning-rate need --unfreeze-from LAYER (where the second phase "
              + "unfreezes the base)");
      require(fineTuneLearningRate == null || fineTuneLearningRate > 0,
          "--fine-tune-learning-rate must be > 0 but was " + fineTuneLearningRate);
      require(batchNormalization == null || model != null, "--batch-normalization applies to models rebuilt from "
          + "their Keras config; VGG backbones have no BatchNormalization");
    }
  }

  /**
   * The {@code --batch-normalization} value: {@code keras3-fit}, {@code frozen} or {@code call-arguments}.
   *
   * @param value the option's value, or null
   * @return the mode, or null when {@code value} is null
   * @throws IllegalArgumentException for any other value, naming the option and the choices
   */
  public static BatchNormTraining batchNormalization(String value) {
    if (value == null) {
      return null;
    }
    for (BatchNormTraining m : BatchNormTraining.values()) {
      if (m.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--batch-normalization must be keras3-fit, frozen or call-arguments but was "
        + value);
  }

  /** What a run produced. {@code bestEpoch} is 1-based. */
  public record Result(History history, List<String> classNames, ModelSummary summary, Path model, int bestEpoch,
      double bestValLoss, double bestValAccuracy, Path historyJson, Path historyCsv, Path lossPlot,
      Path accuracyPlot, double seconds) {}

  private FineTuneJob() {}

  /** The lecture's training augmentation: rotation 30, shifts 0.2, shear 10, zoom 0.2, horizontal flip. */
  public static ImageDataGenerator lectureAugmentation() {
    return ImageDataGenerator.builder().rotationRange(30).widthShiftRange(0.2).heightShiftRange(0.2)
        .shearRange(10).zoomRange(0.2).horizontalFlip(true).build();
  }

  /** Trains, checkpoints the best model by val_loss into {@code output/model} and writes the history files. */
  public static Result run(Settings s, PrintStream log, boolean dynamicProgress) throws IOException {
    return run(s, Recipe.LECTURE, log, dynamicProgress);
  }

  /**
   * Trains as {@link #run(Settings, PrintStream, boolean)} with the options of {@code r}. Every epoch also saves
   * the whole training state to {@code output/checkpoint} ({@link BackupAndRestore}); with {@code r.resume()} the
   * run continues from there up to {@code epochs} (+ {@code fineTuneEpochs}) in total, and the best model and
   * best val_loss so far carry over.
   */
  public static Result run(Settings s, Recipe r, PrintStream log, boolean dynamicProgress) throws IOException {
    double rescale = s.augmentation().rescale();
    if (s.preprocessing() != Preprocessing.NONE && rescale != 0 && rescale != 1) {
      throw new IllegalArgumentException("--rescale " + s.augmentation().rescale() + " conflicts with --preprocess "
          + s.preprocessing().name().toLowerCase(Locale.ROOT) + ": preprocessing is part of the model; drop "
          + "--rescale or use --preprocess none");
    }
    Path checkpoint = s.output().resolve("checkpoint");
    if (r.resume() && !BackupAndRestore.isCheckpoint(checkpoint)) {
      throw new IllegalArgumentException("--resume " + s.output() + " is not a tuna finetune run: it has no "
          + s.output().getFileName().resolve("checkpoint").resolve(BackupAndRestore.STATE_FILE));
    }
    long start = System.nanoTime();
    Files.createDirectories(s.output());
    if (!r.resume()) {
      deleteRecursively(checkpoint);
    }
    int size = s.imageSize();
    try (DirectoryIterator train = s.augmentation().flowFromDirectory(s.train()).targetSize(size, size)
            .batchSize(s.batchSize()).seed(s.seed()).workers(s.workers()).build()) {
      List<String> names = classNames(train.classIndices());
      requireImages(train, "--train", s.train(), names);
      try (DirectoryIterator validation = ImageDataGenerator.builder().build().flowFromDirectory(s.validation())
              .targetSize(size, size).batchSize(s.batchSize()).classes(names).shuffle(false)
              .workers(s.workers()).build();
          FineTuner tuner = tuner(s, r, names, size)) {
        requireImages(validation, "--validation", s.validation(), names);
        log.printf(Locale.ROOT, "Found %d training and %d validation images of %d classes %s%n", train.size(),
            validation.size(), names.size(), names);
        ModelSummary summary = r.model() == null ? tuner.summary() : null;
        if (summary != null) {
          log.print(summary);
        }
        if (r.resume()) {
          log.printf(Locale.ROOT, "Resuming %s after epoch %d%n", s.output(), BackupAndRestore.savedEpochs(checkpoint));
        }
        Path model = s.output().resolve("model");
        ModelCheckpoint best = ModelCheckpoint.builder(model).monitor("val_loss").saveBestOnly(true).build();
        History h = tuner.fit(Batches.of(train), s.epochs(), Batches.of(validation),
            new ProgressBar(log, dynamicProgress), best,
            BackupAndRestore.builder(checkpoint).deleteCheckpoint(false).build());
        List<Double> valLoss = h.get("val_loss");
        int bestIndex = 0;
        for (int i = 1; i < valLoss.size(); i++) {
          if (valLoss.get(i) < valLoss.get(bestIndex)) {
            bestIndex = i;
          }
        }
        Path json = s.output().resolve("history.json");
        Path csv = s.output().resolve("history.csv");
        Path loss = s.output().resolve("loss.png");
        Path accuracy = s.output().resolve("accuracy.png");
        h.writeJson(json);
        h.writeCsv(csv);
        CurvePlot.write(h, "loss", loss);
        CurvePlot.write(h, "accuracy", accuracy);
        return new Result(h, names, summary, model, bestIndex + 1, valLoss.get(bestIndex),
            h.get("val_accuracy").get(bestIndex), json, csv, loss, accuracy, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  private static FineTuner tuner(Settings s, Recipe r, List<String> names, int size) {
    FineTuner.Builder b;
    if (r.model() == null) {
      b = FineTuner.builder(s.backbone()).inputShape(size, size).freezeFirst(r.freeze() != null ? r.freeze()
          : s.freeze());
    } else {
      b = FineTuner.builderFor(r.model());
      if (r.freeze() != null) {
        b.freezeFirst(r.freeze());
      }
    }
    b.classNames(names).optimizer(s.optimizer()).preprocessing(s.preprocessing()).seed(s.seed());
    if (r.head() != null) {
      b.head(r.head().equals("gap") ? Head.globalAveragePooling(names.size()) : Head.of(names.size()));
    }
    if (r.batchNormalization() != null) {
      b.batchNormalization(r.batchNormalization());
    }
    if (!r.shuffle()) {
      b.shuffle(false);
    }
    if (r.unfreezeFrom() != null) {
      b.fineTune(Unfreeze.from(r.unfreezeFrom())).fineTuneEpochs(r.fineTuneEpochs());
      if (r.fineTuneLearningRate() != null) {
        b.fineTuneLearningRate(r.fineTuneLearningRate());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith("fineTune:") ? "--unfreeze-from" + m.substring(9) : m, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static List<String> classNames(Map<String, Integer> indices) {
    List<String> names = new ArrayList<>(indices.keySet());
    names.sort((a, b) -> Integer.compare(indices.get(a), indices.get(b)));
    return names;
  }

  private static void requireImages(DirectoryIterator it, String option, Path dir, List<String> names) {
    if (names.size() < 2) {
      throw new IllegalArgumentException(option + " " + dir + " must hold one sub-directory per class (at least "
          + "two) but has " + names.size());
    }
    if (it.size() == 0) {
      throw new IllegalArgumentException(option + " " + dir + " holds no images in " + names);
    }
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  static void requireDirectory(Path dir, String option) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " does not exist or is not a directory");
    }
  }
}
