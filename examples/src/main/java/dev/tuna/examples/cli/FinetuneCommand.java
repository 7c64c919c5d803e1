package dev.tuna.examples.cli;

import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.examples.internal.FineTuneJob;
import dev.tuna.examples.internal.PrintWriterStream;
import dev.tuna.finetune.load.KerasWeights;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna finetune}: the lecture's transfer-learning notebook from the shell. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = {"Fine-tunes a Keras VGG backbone on one sub-directory per class: layers[:--freeze] frozen, head "
        + "Flatten-Dense(256, relu)-Dropout(0.5)-Dense(classes, softmax), categorical cross-entropy, a Keras "
        + "progress bar, and ModelCheckpoint(monitor=val_loss, save_best_only=True).",
        "Writes to --output: model/ (the best epoch's SavedModel, for tuna classify), history.json, history.csv, "
            + "loss.png and accuracy.png (training red, validation green).",
        "Augmentation options (training data only) are spelled like Keras' ImageDataGenerator keywords; "
            + "--lecture-augmentation sets rotation 30, shifts 0.2, shear 10, zoom 0.2, horizontal flip."})
final class FinetuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "The Keras backbone (SavedModel dir, .h5, .keras).")
  Path model;

  @Option(names = "--train", required = true, description = "Training images, one sub-directory per class.")
  Path train;

  @Option(names = "--validation", required = true, description = "Validation images, the same class directories.")
  Path validation;

  @Option(names = "--output", required = true, description = "Directory for the model, history and plots.")
  Path output;

  @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--freeze", defaultValue = "15", description = "Freeze Keras layers[:N] (default: ${DEFAULT-VALUE}).")
  int freeze;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam or rmsprop (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--learning-rate", defaultValue = "0.001", description = "Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(names = "--momentum", description = "SGD/RMSprop momentum (default: 0.1 for sgd, 0 for rmsprop).")
  Double momentum;

  @Option(names = "--image-size", defaultValue = "150", description = "Input height and width (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--preprocess", defaultValue = "rescale",
      description = "rescale (x/255, the lecture), caffe (vgg16.preprocess_input, for ImageNet weights) or none "
          + "(default: ${DEFAULT-VALUE}). Part of the exported model.")
  String preprocess;

  @Option(names = "--lecture-augmentation", description = "Rotation 30, shifts 0.2, shear 10, zoom 0.2, h-flip.")
  boolean lectureAugmentation;

  @Option(names = "--seed", defaultValue = "0", description = "Seeds shuffling, augmentation, head init, dropout.")
  long seed;

  @Option(names = "--workers", defaultValue = "0", description = "Batch-building threads (default: 0).")
  int workers;

  @Mixin
  GeneratorOptions generatorOptions;

  @Override
  public Integer call() throws Exception {
    var pre = Options.preprocessing(preprocess);
    var opt = Options.optimizer(optimizer, learningRate, momentum);
    if (seed < 0 || seed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("--seed must be in [0, 2^32) but was " + seed);
    }
    ImageDataGenerator augmentation = lectureAugmentation ? FineTuneJob.lectureAugmentation()
        : generatorOptions.toBuilder().build();
    FineTuneJob.Settings settings = new FineTuneJob.Settings(KerasWeights.load(model), train, validation, output,
        epochs, batchSize, freeze, opt, imageSize, pre, augmentation, seed, workers);
    PrintWriter out = spec.commandLine().getOut();
    PrintStream log = PrintWriterStream.of(out);
    FineTuneJob.Result r = FineTuneJob.run(settings, log, System.console() != null);
    log.flush();
    out.printf(Locale.ROOT, "Best epoch %d: val_loss %.4f, val_accuracy %.4f (%.0f s)%n", r.bestEpoch(),
        r.bestValLoss(), r.bestValAccuracy(), r.seconds());
    out.printf(Locale.ROOT, "Model: %s%nHistory: %s, %s%nCurves: %s, %s%n", r.model(), r.historyJson(),
        r.historyCsv(), r.lossPlot(), r.accuracyPlot());
    return 0;
  }
}
