package dev.tuna.examples.cli;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.examples.internal.PrintWriterStream;
import dev.tuna.finetune.callbacks.ProgressBar;
import dev.tuna.spark.HeadJob;
import dev.tuna.spark.Main;
import dev.tuna.spark.SparkJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna spark}: augmentation, feature extraction and classification on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true,
    description = {"Runs tuna's jobs on Apache Spark: an embedded local Spark by default (--master local[*]), the same "
        + "results for any number of partitions and executors.",
        "On a cluster: spark-submit --class dev.tuna.spark.Main with the same options."},
    subcommands = {SparkCommand.Augment.class, SparkCommand.Features.class, SparkCommand.Classify.class,
        SparkCommand.TrainHead.class})
final class SparkCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every job takes. */
  static final class Common {
    @Option(names = "--input", required = true,
        description = "Directory of images (Keras class folders): a path or a Hadoop URI (hdfs:, s3a:, ...).")
    String input;

    @Option(names = "--output", required = true,
        description = "Output directory (must not exist): a path or a Hadoop URI (hdfs:, s3a:, ...).")
    String output;

    @Option(names = "--master", description = "Spark master (default: local[*]).")
    String master;

    @Option(names = "--partitions", description = "Repartition the input into N partitions.")
    Integer partitions;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Option(names = "--on-bad-image", defaultValue = "fail",
        description = "fail (default: name the file and stop) or skip (count it and go on).")
    String onBadImage;

    SparkJob.Builder builder(SparkJob.Kind kind) {
      SparkJob.Builder b = SparkJob.builder(kind).input(input).output(output).overwrite(overwrite);
      if (master != null) {
        b.master(master);
      }
      if (partitions != null) {
        b.partitions(partitions);
      }
      return b.onBadImage(switch (onBadImage.toLowerCase(Locale.ROOT)) {
        case "fail" -> BadImagePolicy.FAIL;
        case "skip" -> BadImagePolicy.SKIP;
        default -> throw new IllegalArgumentException("--on-bad-image must be fail or skip but was " + onBadImage);
      });
    }
  }

  static int[] size(String value, String option) {
    String[] hw = value.split(",");
    try {
      if (hw.length == 2) {
        return new int[] {Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be H,W but was " + value);
  }

  static int report(CommandSpec spec, String job, SparkJob.Summary s) {
    spec.commandLine().getOut().println(Main.summary(job, s));
    return 0;
  }

  /** {@code tuna spark augment}. */
  @Command(name = "augment", mixinStandardHelpOptions = true,
      description = {"Writes --copies augmented copies of every image as PNG into Keras class folders "
          + "(<class>/<name>_<copy>.png). Copy k of image p is random_transform(x, seed=f(--seed, p, k)): the "
          + "same for any partitioning.",
          "Generator options as in tuna flow (featurewise statistics and ZCA are not supported)."})
  static final class Augment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin(name = "generator")
    GeneratorOptions generator;

    @Option(names = "--copies", defaultValue = "1", description = "Augmented copies per image (default: 1).")
    int copies;

    @Option(names = "--seed", defaultValue = "0", description = "The run's seed (default: 0).")
    long seed;

    @Option(names = "--target-size", defaultValue = "256,256", description = "H,W (default: ${DEFAULT-VALUE}).")
    String targetSize;

    @Option(names = "--color-mode", defaultValue = "rgb", description = "grayscale, rgb or rgba (default: rgb).")
    String colorMode;

    @Option(names = "--layers", paramLabel = "SPEC.json", description = "Keras 3 layers applied after the generator, "
        + "as tuna layers --spec reads them. Each copy is its own batch of one image; every layer is seeded as Keras "
        + "seeds it after set_random_seed(f(--seed, p, k)) (seeds in the spec are not used).")
    Path layers;

    @Override
    public Integer call() throws java.io.IOException {
      int[] hw = size(targetSize, "--target-size");
      SparkJob.Builder b = common.builder(SparkJob.Kind.AUGMENT).copies(copies).seed(seed)
          .targetSize(hw[0], hw[1]).colorMode(colorMode);
      if (layers != null) {
        if (!java.nio.file.Files.isRegularFile(layers)) {
          throw new IllegalArgumentException("--layers " + layers + " does not exist");
        }
        b.layers(java.nio.file.Files.readString(layers, java.nio.charset.StandardCharsets.UTF_8));
      }
      CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
      for (OptionSpec o : spec.mixins().get("generator").options()) {
        if (parsed.hasMatchedOption(o)) {
          var given = parsed.matchedOption(o.longestName()).originalStringValues();
          b.option(o.longestName(), given.isEmpty() ? "true" : given.get(given.size() - 1));
        }
      }
      return report(spec, "augment", b.build().run());
    }
  }

  /** {@code tuna spark features}. */
  @Command(name = "features", mixinStandardHelpOptions = true,
      description = "Writes Parquet (path, key, label, features vector, error): a Keras backbone's last pooling "
          + "output for every image, like tuna features.")
  static final class Features implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(names = "--model", required = true, description = "The Keras backbone (file or directory; a local path "
        + "or a Hadoop URI such as hdfs://…, copied to the driver).")
    String model;

    @Option(names = "--target-size", defaultValue = "150,150", description = "H,W (default: ${DEFAULT-VALUE}).")
    String targetSize;

    @Option(names = "--preprocess", defaultValue = "caffe",
        description = "caffe, rescale or none (default: ${DEFAULT-VALUE}).")
    String preprocess;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per backbone call.")
    int batchSize;

    @Override
    public Integer call() {
      int[] hw = size(targetSize, "--target-size");
      return report(spec, "features", common.builder(SparkJob.Kind.FEATURES).model(model).targetSize(hw[0], hw[1])
          .preprocessing(preprocess).batchSize(batchSize).build().run());
    }
  }

  /** {@code tuna spark classify}. */
  @Command(name = "classify", mixinStandardHelpOptions = true,
      description = "Writes Parquet (path, probability_<class>..., prediction, error) with an exported model, "
          + "like tuna classify.")
  static final class Classify implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(names = "--model", required = true, description = "The exported SavedModel directory (a local path or "
        + "a Hadoop URI, copied to the driver).")
    String model;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per model call.")
    int batchSize;

    @Override
    public Integer call() {
      return report(spec, "classify", common.builder(SparkJob.Kind.CLASSIFY).model(model).batchSize(batchSize)
          .build().run());
    }
  }

  /** {@code tuna spark train-head}. */
  @Command(name = "train-head", mixinStandardHelpOptions = true,
      description = {"Trains the head of tuna finetune (Flatten-Dense(256, relu)-Dropout(0.5)-Dense(classes, "
          + "softmax)) on the Parquet features of tuna spark features, on the driver, and writes --output/model "
          + "(backbone + head, for tuna classify), history.json and history.csv.",
          "The same model as tuna finetune with every backbone layer frozen and no augmentation: pass the "
              + "--model, --target-size and --preprocess the features were extracted with."})
  static final class TrainHead implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--features", required = true, description = "Training features (Parquet of tuna spark "
        + "features over class folders; a local path or a Hadoop URI such as hdfs://…).")
    String features;

    @Option(names = "--validation", description = "Validation features (a local path or a Hadoop URI); the model "
        + "kept is the epoch with the lowest val_loss.")
    String validation;

    @Option(names = "--model", required = true, description = "The Keras VGG backbone the features came from (a "
        + "local path or a Hadoop URI, copied to the driver).")
    String model;

    @Option(names = "--output", required = true, description = "Output directory (must not exist): a local path "
        + "or a Hadoop URI.")
    String output;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Option(names = "--master", description = "Spark master for reading the features (default: local[*]).")
    String master;

    @Option(names = "--target-size", defaultValue = "150,150", description = "H,W of the features' extraction "
        + "(default: ${DEFAULT-VALUE}).")
    String targetSize;

    @Option(names = "--preprocess", defaultValue = "caffe",
        description = "caffe, rescale or none, as the features were extracted (default: ${DEFAULT-VALUE}).")
    String preprocess;

    @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "sgd",
        description = "sgd, adam or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--momentum", description = "SGD/RMSprop momentum (default: 0.1 for sgd, 0 for rmsprop).")
    Double momentum;

    @Option(names = "--seed", defaultValue = "0", description = "Seeds the sample order, head init and dropout.")
    long seed;

    @Override
    public Integer call() {
      int[] hw = size(targetSize, "--target-size");
      HeadJob.Builder b = HeadJob.builder().features(features).model(model).output(output).overwrite(overwrite)
          .targetSize(hw[0], hw[1]).preprocessing(preprocess).epochs(epochs).batchSize(batchSize)
          .optimizer(Options.optimizer(optimizer, learningRate, momentum)).seed(seed);
      if (validation != null) {
        b.validation(validation);
      }
      if (master != null) {
        b.master(master);
      }
      PrintStream log = PrintWriterStream.of(spec.commandLine().getOut());
      HeadJob.Summary s = b.build().run(new ProgressBar(log, false));
      log.flush();
      List<Double> loss = s.history().get("loss");
      spec.commandLine().getOut().printf(Locale.ROOT, "tuna spark train-head: %d training and %d validation "
          + "samples of %d classes %s, %d epochs, last loss %.4f -> %s (%.1f s)%n", s.samples(),
          s.validationSamples(), s.classNames().size(), s.classNames(), loss.size(), loss.get(loss.size() - 1),
          s.output() + "/model", s.seconds());
      return 0;
    }
  }
}
