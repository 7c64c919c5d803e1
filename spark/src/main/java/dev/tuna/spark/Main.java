package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.finetune.callbacks.ProgressBar;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The jobs of {@code tuna spark} for {@code spark-submit --class dev.tuna.spark.Main tuna-spark.jar JOB OPTIONS}:
 * JOB is augment, features, classify or train-head; options as {@code tuna spark} spells them ({@code --input},
 * {@code --output}, {@code --overwrite}, {@code --partitions}, {@code --model}, {@code --copies}, {@code --seed},
 * {@code --target-size H,W}, {@code --color-mode}, {@code --preprocess}, {@code --batch-size},
 * {@code --on-bad-image}, for augment every generator flag of {@code tuna flow} and {@code --layers SPEC.json}; for
 * train-head {@code --features}, {@code --validation}, {@code --model}, {@code --output}, {@code --overwrite},
 * {@code --target-size}, {@code --preprocess}, {@code --epochs}, {@code --batch-size}, {@code --optimizer},
 * {@code --learning-rate}, {@code --momentum} and {@code --seed}, with {@code tuna spark train-head}'s defaults). The
 * master comes from spark-submit.
 */
public final class Main {
  private Main() {}

  /**
   * Runs one job; exits with 0, 1 (failure) or 2 (bad usage).
   *
   * @param args the job and its options
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs one job and returns the exit code.
   *
   * @param out where the summary goes
   * @param err where errors go
   * @param args the job and its options
   * @return 0 on success, 1 on failure, 2 on bad usage
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    if (args.length > 0 && args[0].equals("train-head")) {
      return trainHead(out, err, args);
    }
    SparkJob.Builder b;
    try {
      if (args.length == 0) {
        throw new IllegalArgumentException("usage: dev.tuna.spark.Main augment|features|classify --input DIR "
            + "--output DIR [options], or train-head --features PARQUET --model BACKBONE --output DIR [options]");
      }
      b = SparkJob.builder(kind(args[0]));
      for (int i = 1; i < args.length; i++) {
        String flag = args[i];
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        String value = hasValue ? args[++i] : "true";
        switch (flag) {
          case "--input" -> b.input(value);
          case "--output" -> b.output(value);
          case "--master" -> b.master(value);
          case "--partitions" -> b.partitions(Integer.parseInt(value));
          case "--overwrite" -> b.overwrite(Boolean.parseBoolean(value));
          case "--model" -> b.model(value);
          case "--copies" -> b.copies(Integer.parseInt(value));
          case "--seed" -> b.seed(Long.parseLong(value));
          case "--target-size" -> {
            int[] hw = size(value);
            b.targetSize(hw[0], hw[1]);
          }
          case "--color-mode" -> b.colorMode(value);
          case "--preprocess" -> b.preprocessing(value);
          case "--batch-size" -> b.batchSize(Integer.parseInt(value));
          case "--on-bad-image" -> b.onBadImage(BadImagePolicy.valueOf(value.toUpperCase(Locale.ROOT)));
          case "--layers" -> b.layers(readSpec(value));
          default -> {
            if (!flag.startsWith("--")) {
              throw new IllegalArgumentException("unexpected argument " + flag);
            }
            b.option(flag, value);
          }
        }
      }
    } catch (RuntimeException e) {
      err.println("tuna spark: error: " + e.getMessage());
      return 2;
    }
    try {
      SparkJob.Summary s = b.build().run();
      out.println(summary(args[0], s));
      return 0;
    } catch (RuntimeException e) {
      err.println("tuna spark " + args[0] + ": error: " + e.getMessage());
      return 1;
    }
  }

  /** {@code train-head}: options as {@code tuna spark train-head} spells them, with its defaults. */
  private static int trainHead(PrintStream out, PrintStream err, String... args) {
    HeadJob.Builder b = HeadJob.builder();
    String optimizer = "sgd";
    double learningRate = 0.001;
    Double momentum = null;
    HeadJob job;
    try {
      boolean targetSize = false;
      boolean preprocess = false;
      boolean epochs = false;
      boolean batchSize = false;
      boolean seed = false;
      for (int i = 1; i < args.length; i++) {
        String flag = args[i];
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        String value = hasValue ? args[++i] : "true";
        switch (flag) {
          case "--features" -> b.features(value);
          case "--validation" -> b.validation(value);
          case "--model" -> b.model(value);
          case "--output" -> b.output(value);
          case "--overwrite" -> b.overwrite(Boolean.parseBoolean(value));
          case "--master" -> b.master(value);
          case "--target-size" -> {
            int[] hw = size(value);
            b.targetSize(hw[0], hw[1]);
            targetSize = true;
          }
          case "--preprocess" -> {
            b.preprocessing(value);
            preprocess = true;
          }
          case "--epochs" -> {
            b.epochs(Integer.parseInt(value));
            epochs = true;
          }
          case "--batch-size" -> {
            b.batchSize(Integer.parseInt(value));
            batchSize = true;
          }
          case "--seed" -> {
            b.seed(Long.parseLong(value));
            seed = true;
          }
          case "--optimizer" -> optimizer = value;
          case "--learning-rate" -> learningRate = Double.parseDouble(value);
          case "--momentum" -> momentum = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown option " + flag + " for train-head");
        }
      }
      // tuna spark train-head's defaults
      if (!targetSize) {
        b.targetSize(150, 150);
      }
      if (!preprocess) {
        b.preprocessing("caffe");
      }
      if (!epochs) {
        b.epochs(20);
      }
      if (!batchSize) {
        b.batchSize(32);
      }
      if (!seed) {
        b.seed(0);
      }
      job = b.optimizer(optimizer(optimizer, learningRate, momentum)).build();
    } catch (RuntimeException e) {
      err.println("tuna spark: error: " + e.getMessage());
      return 2;
    }
    try {
      HeadJob.Summary s = job.run(new ProgressBar(out, false));
      List<Double> loss = s.history().get("loss");
      out.printf(Locale.ROOT, "tuna spark train-head: %d training and %d validation samples of %d classes %s, "
          + "%d epochs, last loss %.4f -> %s (%.1f s)%n", s.samples(), s.validationSamples(), s.classNames().size(),
          s.classNames(), loss.size(), loss.get(loss.size() - 1), s.output() + "/model", s.seconds());
      return 0;
    } catch (RuntimeException e) {
      err.println("tuna spark train-head: error: " + e.getMessage());
      return 1;
    }
  }

  /** The text of {@code --layers SPEC.json}, read on the driver. */
  private static String readSpec(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--layers " + file + " cannot be read: " + e, e);
    }
  }

  /** {@code H,W} → {H, W}. */
  private static int[] size(String value) {
    String[] hw = value.split(",");
    if (hw.length != 2) {
      throw new IllegalArgumentException("--target-size must be H,W but was " + value);
    }
    return new int[] {Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim())};
  }

  /**
   * The optimizer of {@code --optimizer}, {@code --learning-rate} and {@code --momentum}, spelled the same by this
   * entry point, {@code tuna finetune} and {@code tuna spark train-head}: SGD's momentum defaults to 0.1, RMSprop's
   * to 0; Adam takes no momentum.
   *
   * @param name {@code sgd}, {@code adam} or {@code rmsprop}, in any case
   * @param learningRate the learning rate, {@code > 0}
   * @param momentum the momentum in {@code [0, 1)}, or null for the optimizer's default
   * @return the optimizer
   * @throws IllegalArgumentException naming the option for a bad name, learning rate or momentum, or a momentum
   *     given to Adam
   */
  public static Optimizer optimizer(String name, double learningRate, Double momentum) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("--learning-rate must be > 0 but was " + learningRate);
    }
    if (momentum != null && !(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("--momentum must be in [0, 1) but was " + momentum);
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> Optimizer.sgd().withLearningRate(learningRate).withMomentum(momentum == null ? 0.1 : momentum);
      case "rmsprop" -> Optimizer.rmsprop().withLearningRate(learningRate)
          .withMomentum(momentum == null ? 0 : momentum);
      case "adam" -> {
        if (momentum != null) {
          throw new IllegalArgumentException("--momentum does not apply to --optimizer adam");
        }
        yield Optimizer.adam().withLearningRate(learningRate);
      }
      default -> throw new IllegalArgumentException("--optimizer must be sgd, adam or rmsprop but was " + name);
    };
  }

  /**
   * The job named {@code name}.
   *
   * @param name augment, features or classify
   * @return the kind
   */
  public static SparkJob.Kind kind(String name) {
    return switch (name) {
      case "augment" -> SparkJob.Kind.AUGMENT;
      case "features" -> SparkJob.Kind.FEATURES;
      case "classify" -> SparkJob.Kind.CLASSIFY;
      default -> throw new IllegalArgumentException(
          "the job must be augment, features, classify or train-head but was " + name);
    };
  }

  /**
   * The one-line summary of a run.
   *
   * @param job the job's name
   * @param s the run's summary
   * @return the line
   */
  public static String summary(String job, SparkJob.Summary s) {
    String what = job.equals("augment") ? "images" : "rows";
    return String.format(Locale.ROOT, "tuna spark %s: %d input images, %d %s written, %d skipped -> %s "
        + "(%.1f s, %.1f images/s)", job, s.images(), s.written(), what, s.skipped(), s.output(), s.seconds(),
        s.seconds() > 0 ? s.images() / s.seconds() : 0.0);
  }
}
