package dev.tuna.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.SparkSession;

/**
 * An {@link ImageTransformer} that runs a model on executors in batches: the model's path ({@code modelPath}),
 * how it reaches executors ({@code modelDistribution}) and the images per model call ({@code batchSize}).
 *
 * @param <T> the concrete transformer
 */
public abstract class ModelTransformer<T extends ModelTransformer<T>> extends ImageTransformer<T> {
  private static final long serialVersionUID = 1L;

  /** Param {@code modelPath}: the model's file or directory. */
  private final Param<String> modelPath;
  /** Param {@code modelDistribution}: auto, shared (a path every executor sees) or addFile (shipped by Spark). */
  private final Param<String> modelDistribution;
  /** Param {@code batchSize}: images per model call. */
  private final IntParam batchSize;

  /**
   * A transformer with the given uid and the shared Params at their defaults.
   *
   * @param uid the uid
   * @param modelDoc what the model is
   */
  ModelTransformer(String uid, String modelDoc) {
    super(uid);
    modelPath = new Param<>(this, "modelPath", modelDoc);
    modelDistribution = new Param<>(this, "modelDistribution",
        "auto, shared (a path every executor sees) or addFile (shipped by Spark)");
    batchSize = new IntParam(this, "batchSize", "images per model call");
    setDefault(modelDistribution, "auto");
    setDefault(batchSize, 32);
  }

  /**
   * The model's file or directory.
   *
   * @return the param
   */
  public final Param<String> modelPath() {
    return modelPath;
  }

  /**
   * How the model reaches executors: auto (shared on a local master, else addFile), shared or addFile.
   *
   * @return the param
   */
  public final Param<String> modelDistribution() {
    return modelDistribution;
  }

  /**
   * Images per model call (default 32).
   *
   * @return the param
   */
  public final IntParam batchSize() {
    return batchSize;
  }

  /**
   * Sets {@link #modelPath()}.
   *
   * @param path the model
   * @return this transformer
   */
  public final T setModelPath(String path) {
    set(modelPath, path);
    return self();
  }

  /**
   * Sets {@link #modelDistribution()}.
   *
   * @param mode auto, shared or addFile
   * @return this transformer
   */
  public final T setModelDistribution(String mode) {
    set(modelDistribution, mode);
    return self();
  }

  /**
   * Sets {@link #batchSize()}.
   *
   * @param n images per call
   * @return this transformer
   */
  public final T setBatchSize(int n) {
    set(batchSize, (Object) n);
    return self();
  }

  /** The model's path; fails if it is not set. */
  final String requireModelPath() {
    if (!isDefined(modelPath)) {
      throw new IllegalArgumentException("modelPath is not set");
    }
    return $(modelPath);
  }

  /** Where executors find the model. */
  final ModelLocation modelLocation(SparkSession spark) {
    return ModelLocation.of(spark, requireModelPath(), $(modelDistribution));
  }

  /** The batch size. */
  final int batch() {
    return (Integer) $(batchSize);
  }
}
