package dev.tuna.examples.cli;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.spark.Main;
import dev.tuna.spark.SparkJob;
import java.nio.file.Path;
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
    subcommands = {SparkCommand.Augment.class, SparkCommand.Features.class, SparkCommand.Classify.class})
final class SparkCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every job takes. */
  static final class Common {
    @Option(names = "--input", required = true, description = "Directory of images (Keras class folders).")
    Path input;

    @Option(names = "--output", required = true, description = "Output directory (must not exist).")
    Path output;

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

    @Override
    public Integer call() {
      int[] hw = size(targetSize, "--target-size");
      SparkJob.Builder b = common.builder(SparkJob.Kind.AUGMENT).copies(copies).seed(seed)
          .targetSize(hw[0], hw[1]).colorMode(colorMode);
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

    @Option(names = "--model", required = true, description = "The Keras backbone (file or directory).")
    Path model;

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

    @Option(names = "--model", required = true, description = "The exported SavedModel directory.")
    Path model;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per model call.")
    int batchSize;

    @Override
    public Integer call() {
      return report(spec, "classify", common.builder(SparkJob.Kind.CLASSIFY).model(model).batchSize(batchSize)
          .build().run());
    }
  }
}
