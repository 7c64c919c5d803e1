package dev.tuna.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * Where executors find a model's files: a path every node sees (shared storage, or the one machine of a local run),
 * or a copy that Spark ships to each executor ({@code SparkContext.addFile}, found there with {@link SparkFiles}).
 */
final class ModelLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String sparkFile;

  private ModelLocation(String path, String sparkFile) {
    this.path = path;
    this.sparkFile = sparkFile;
  }

  /**
   * The location of {@code model} for {@code mode}: {@code shared}, {@code addFile}, or {@code auto} (shared on a
   * local master, addFile otherwise). Runs on the driver.
   */
  static ModelLocation of(SparkSession spark, String model, String mode) {
    Path p = Paths.get(model).toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("model " + model + " does not exist");
    }
    boolean ship = switch (mode.toLowerCase(Locale.ROOT)) {
      case "shared" -> false;
      case "addfile" -> true;
      case "auto" -> !spark.sparkContext().isLocal();
      default -> throw new IllegalArgumentException("modelDistribution must be auto, shared or addFile but was "
          + mode);
    };
    if (!ship) {
      return new ModelLocation(p.toString(), null);
    }
    spark.sparkContext().addFile(p.toUri().toString(), Files.isDirectory(p));
    return new ModelLocation(p.toString(), p.getFileName().toString());
  }

  /** The model's local path on this executor. */
  Path resolve() {
    if (sparkFile == null) {
      return Paths.get(path);
    }
    Path local = Paths.get(SparkFiles.get(sparkFile));
    if (!Files.exists(local)) {
      throw new UncheckedIOException(new IOException("model " + path + " did not reach this executor (expected "
          + local + ")"));
    }
    return local;
  }

  /** The path the driver was given (for messages and cache keys). */
  String path() {
    return path;
  }

  @Override
  public String toString() {
    return sparkFile == null ? path : path + " (shipped as " + sparkFile + ")";
  }
}
