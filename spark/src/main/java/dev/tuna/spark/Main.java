package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The jobs of {@code tuna spark} for {@code spark-submit --class dev.tuna.spark.Main tuna-spark.jar JOB OPTIONS}:
 * JOB is augment, features or classify; options as {@code tuna spark} spells them ({@code --input}, {@code --output},
 * {@code --overwrite}, {@code --partitions}, {@code --model}, {@code --copies}, {@code --seed},
 * {@code --target-size H,W}, {@code --color-mode}, {@code --preprocess}, {@code --batch-size},
 * {@code --on-bad-image}, and for augment every generator flag of {@code tuna flow}). The master comes from
 * spark-submit.
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
    SparkJob.Builder b;
    try {
      if (args.length == 0) {
        throw new IllegalArgumentException("usage: dev.tuna.spark.Main augment|features|classify --input DIR "
            + "--output DIR [options]");
      }
      b = SparkJob.builder(kind(args[0]));
      for (int i = 1; i < args.length; i++) {
        String flag = args[i];
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        String value = hasValue ? args[++i] : "true";
        switch (flag) {
          case "--input" -> b.input(Path.of(value));
          case "--output" -> b.output(Path.of(value));
          case "--master" -> b.master(value);
          case "--partitions" -> b.partitions(Integer.parseInt(value));
          case "--overwrite" -> b.overwrite(Boolean.parseBoolean(value));
          case "--model" -> b.model(Path.of(value));
          case "--copies" -> b.copies(Integer.parseInt(value));
          case "--seed" -> b.seed(Long.parseLong(value));
          case "--target-size" -> {
            String[] hw = value.split(",");
            if (hw.length != 2) {
              throw new IllegalArgumentException("--target-size must be H,W but was " + value);
            }
            b.targetSize(Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim()));
          }
          case "--color-mode" -> b.colorMode(value);
          case "--preprocess" -> b.preprocessing(value);
          case "--batch-size" -> b.batchSize(Integer.parseInt(value));
          case "--on-bad-image" -> b.onBadImage(BadImagePolicy.valueOf(value.toUpperCase(Locale.ROOT)));
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
      default -> throw new IllegalArgumentException("the job must be augment, features or classify but was " + name);
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
