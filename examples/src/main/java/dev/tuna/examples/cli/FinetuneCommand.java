package dev.tuna.examples.cli;

import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.examples.internal.FineTuneJob;
import dev.tuna.examples.internal.PrintWriterStream;
import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.VggArchitecture;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tuna finetune}: the lecture's transfer-learning notebook from the shell. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = {"Fine-tunes a Keras model on one sub-directory per class. A VGG backbone (the lecture): "
        + "layers[:--freeze] frozen, head Flatten-Dense(256, relu)-Dropout(0.5)-Dense(classes, softmax). Any other "
        + "model saved with its Keras config (.keras, .h5, tf_keras SavedModel; the keras.io recipe): the whole base "
        + "frozen with BatchNormalization in inference mode, head GlobalAveragePooling2D-Dropout(0.2)-Dense(classes, "
        + "softmax). Categorical cross-entropy, a Keras progress bar, ModelCheckpoint(monitor=val_loss, "
        + "save_best_only=True).",
        "--unfreeze-from LAYER adds the keras.io second phase: --fine-tune-epochs more epochs with the base trained "
            + "from LAYER on, a fresh optimizer at --fine-tune-learning-rate (default: a tenth of --learning-rate); "
            + "its BatchNormalization layers train as Keras 3 fit trains them unless --batch-normalization says "
            + "otherwise.",
        "Writes to --output: model/ (the best epoch's SavedModel, for tuna classify), history.json, history.csv, "
            + "loss.png and accuracy.png (training red, validation green), and checkpoint/ (the whole training "
            + "state after the last epoch; --resume DIR continues the run in DIR up to --epochs in total).",
        "Augmentation options (training data only) are spelled like Keras' ImageDataGenerator keywords; "
            + "--lecture-augmentation sets rotation 30, shifts 0.2, shear 10, zoom 0.2, horizontal flip."})
final class FinetuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true,
      description = "The Keras model: a VGG backbone (SavedModel dir, .h5, .keras) or any model saved with its config.")
  Path model;

  @Option(names = "--train", required = true, description = "Training images, one sub-directory per class.")
  Path train;

  @Option(names = "--validation", required = true, description = "Validation images, the same class directories.")
  Path validation;

  @Option(names = "--output", description = "Directory for the model, history, plots and checkpoint.")
  Path output;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run whose --output is DIR (its checkpoint/) up to --epochs in total, as Keras' "
          + "fit(epochs, initial_epoch); the same other options as the first run.")
  Path resume;

  @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--freeze", paramLabel = "N",
      description = "Freeze Keras layers[:N] (default: 15 for VGG, the whole base for other models).")
  Integer freeze;

  @Option(names = "--head", paramLabel = "HEAD",
      description = "flatten-dense (Flatten-Dense(256, relu)-Dropout(0.5)-Dense) or gap (GlobalAveragePooling2D-"
          + "Dropout(0.2)-Dense), on any model; default: flatten-dense for VGG, gap for other models.")
  String head;

  @Option(names = "--unfreeze-from", paramLabel = "LAYER",
      description = "Second phase: train the base from LAYER on.")
  String unfreezeFrom;

  @Option(names = "--batch-normalization", paramLabel = "MODE",
      description = "How the unfrozen BatchNormalization layers of a config model train: keras3-fit (default, as "
          + "Keras 3 fit: batch moments, moving statistics updated), frozen (inference mode, as the keras.io guide "
          + "intends) or call-arguments (a stored training=False holds, as tf_keras).")
  String batchNormalization;

  @Option(names = "--no-shuffle",
      description = "Read the training batches in index order every epoch, as Keras fit(shuffle=False); by default "
          + "their order is shuffled as Keras 3 fit(shuffle=True) shuffles a PyDataset's.")
  boolean noShuffle;

  @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "0",
      description = "Epochs of the second phase, after --epochs.")
  int fineTuneEpochs;

  @Option(names = "--fine-tune-learning-rate", paramLabel = "LR",
      description = "Learning rate of the second phase (default: --learning-rate / 10).")
  Double fineTuneLearningRate;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam or rmsprop (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--learning-rate", defaultValue = "0.001", description = "Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(names = "--momentum", description = "SGD/RMSprop momentum (default: 0.1 for sgd, 0 for rmsprop).")
  Double momentum;

  @Option(names = "--image-size", paramLabel = "N",
      description = "Input height and width (default: 150 for VGG, the model's own size for other models).")
  Integer imageSize;

  @Option(names = "--preprocess",
      description = "rescale (x/255, the lecture), caffe, tf, torch (keras.applications preprocess_input modes), "
          + "none, or auto (the mode Keras documents for the recognised application). Default: rescale for a VGG "
          + "backbone (the lecture), auto for other models. Part of the exported model.")
  String preprocess;

  @Option(names = "--lecture-augmentation", description = "Rotation 30, shifts 0.2, shear 10, zoom 0.2, h-flip.")
  boolean lectureAugmentation;

  @Option(names = "--seed", defaultValue = "0", description = "Seeds shuffling, augmentation, head init, dropout.")
  long seed;

  @Option(names = "--workers", defaultValue = "0", description = "Batch-building threads (default: 0).")
  int workers;

  @Mixin
  GeneratorOptions generatorOptions;

  private int configInputSize;
  private String configModelName;

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      if (output != null && !output.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("--output " + output + " and --resume " + resume + " differ; --resume "
            + "continues the run in its own directory");
      }
      output = resume;
    } else if (output == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--output=<output>'");
    }
    var opt = Options.optimizer(optimizer, learningRate, momentum);
    Preconditions.requireSeed("--seed", seed);
    ImageDataGenerator augmentation = lectureAugmentation ? FineTuneJob.lectureAugmentation()
        : generatorOptions.toBuilder().build();
    KerasWeights vgg = vggBackbone();
    var pre = Options.preprocessing(preprocess != null ? preprocess : vgg != null ? "rescale" : "auto",
        vgg != null ? "vgg" : configModelName);
    if (vgg == null && imageSize != null) {
      throw new IllegalArgumentException("--image-size applies to VGG backbones; " + model + " is trained at the "
          + "input size it was saved with");
    }
    FineTuneJob.Recipe recipe = new FineTuneJob.Recipe(vgg == null ? model : null, head,
        vgg == null ? freeze : null, unfreezeFrom, fineTuneEpochs, fineTuneLearningRate, resume != null,
        FineTuneJob.batchNormalization(batchNormalization), !noShuffle);
    FineTuneJob.Settings settings = new FineTuneJob.Settings(vgg, train, validation, output,
        epochs, batchSize, freeze == null ? 15 : freeze, opt, vgg == null ? configInputSize
            : imageSize == null ? 150 : imageSize, pre, augmentation,
        seed, workers);
    PrintWriter out = spec.commandLine().getOut();
    PrintStream log = PrintWriterStream.of(out);
    FineTuneJob.Result r = FineTuneJob.run(settings, recipe, log, System.console() != null);
    log.flush();
    out.printf(Locale.ROOT, "Best epoch %d: val_loss %.4f, val_accuracy %.4f (%.0f s)%n", r.bestEpoch(),
        r.bestValLoss(), r.bestValAccuracy(), r.seconds());
    out.printf(Locale.ROOT, "Model: %s%nHistory: %s, %s%nCurves: %s, %s%n", r.model(), r.historyJson(),
        r.historyCsv(), r.lossPlot(), r.accuracyPlot());
    return 0;
  }

  /**
   * The VGG backbone the lecture path trains, or null for any other model, which is rebuilt from its Keras config;
   * then {@code configInputSize} is its input size. A model that is neither fails with both reasons.
   */
  private KerasWeights vggBackbone() {
    KerasWeights weights = KerasWeights.load(model);
    try {
      VggArchitecture.from(weights);
      return weights;
    } catch (KerasModelException notVgg) {
      long[] in;
      String name;
      try (KerasModel m = KerasModel.load(model)) {
        in = m.inputShape();
        name = m.name();
      } catch (KerasModelException noConfig) {
        throw new IllegalArgumentException("--model " + model + " is not a VGG backbone (" + notVgg.getMessage()
            + ") and cannot be rebuilt from a Keras config: " + noConfig.getMessage(), noConfig);
      }
      if (in.length != 3 || in[0] < 1 || in[0] != in[1]) {
        throw new IllegalArgumentException("--model " + model + " takes inputs of shape " + Arrays.toString(in)
            + "; tuna finetune needs a fixed square input size (save the model with input_shape=(size, size, 3))");
      }
      configInputSize = (int) in[0];
      configModelName = name;
      return null;
    }
  }
}
