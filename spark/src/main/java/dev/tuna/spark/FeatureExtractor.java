package dev.tuna.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A frozen Keras backbone as a Spark ML {@link org.apache.spark.ml.Transformer} (the "fast feature extraction" route:
 * extract once, train a head on the features, {@link HeadJob}): over a {@code binaryFile} DataFrame it writes, per
 * image, {@code path}, {@code key} (relative to {@code baseDir}), {@code label} (the key's class folder), the
 * backbone's output flattened into a vector column, and {@code error}. Images are loaded as RGB and resized to
 * {@code inputSize}; each partition runs in batches of {@code batchSize} through one backbone (one TensorFlow session)
 * per executor JVM, reused across tasks. The backbone comes from a {@link BackboneLoader} named by class
 * ({@link VggBackboneLoader} by default).
 */
public final class FeatureExtractor extends ModelTransformer<FeatureExtractor> {
  private static final long serialVersionUID = 1L;

  /** Param {@code backboneLoader}: a BackboneLoader class name. */
  private final Param<String> backboneLoader;
  /** Param {@code inputSize}: input size {height, width}. */
  private final IntArrayParam inputSize;
  /** Param {@code preprocessing}: caffe, rescale or none. */
  private final Param<String> preprocessing;
  /** Param {@code outputCol}: output vector column. */
  private final Param<String> outputCol;
  /** Param {@code baseDir}: directory the keys are relative to. */
  private final Param<String> baseDir;

  /** A transformer with a random uid. */
  public FeatureExtractor() {
    this(Identifiable$.MODULE$.randomUID("featureExtractor"));
  }

  /**
   * A transformer with the given uid (used by {@link #read()}).
   *
   * @param uid the uid
   */
  public FeatureExtractor(String uid) {
    super(uid, "the Keras model (file or directory)");
    backboneLoader = new Param<>(this, "backboneLoader", "a BackboneLoader class name");
    inputSize = new IntArrayParam(this, "inputSize", "input size {height, width}");
    preprocessing = new Param<>(this, "preprocessing", "caffe, rescale or none");
    outputCol = new Param<>(this, "outputCol", "output vector column");
    baseDir = new Param<>(this, "baseDir", "directory the keys are relative to");
    setDefault(backboneLoader, VggBackboneLoader.class.getName());
    setDefault(inputSize, new int[] {150, 150});
    setDefault(preprocessing, "caffe");
    setDefault(outputCol, "features");
    setDefault(baseDir, "");
  }

  /**
   * The {@link BackboneLoader} class.
   *
   * @return the param
   */
  public Param<String> backboneLoader() {
    return backboneLoader;
  }

  /**
   * Input size {height, width} (default 150×150).
   *
   * @return the param
   */
  public IntArrayParam inputSize() {
    return inputSize;
  }

  /**
   * caffe (default), rescale or none.
   *
   * @return the param
   */
  public Param<String> preprocessing() {
    return preprocessing;
  }

  /**
   * The output vector column (default features).
   *
   * @return the param
   */
  public Param<String> outputCol() {
    return outputCol;
  }

  /**
   * Directory the keys are relative to; empty: class folder and file name.
   *
   * @return the param
   */
  public Param<String> baseDir() {
    return baseDir;
  }

  /**
   * Sets {@link #inputSize()}.
   *
   * @param height rows
   * @param width columns
   * @return this transformer
   */
  public FeatureExtractor setInputSize(int height, int width) {
    set(inputSize, new int[] {height, width});
    return this;
  }

  /**
   * Sets {@link #preprocessing()}.
   *
   * @param value caffe, rescale or none
   * @return this transformer
   */
  public FeatureExtractor setPreprocessing(String value) {
    set(preprocessing, value);
    return this;
  }

  /**
   * Sets {@link #baseDir()}.
   *
   * @param dir the input directory
   * @return this transformer
   */
  public FeatureExtractor setBaseDir(String dir) {
    set(baseDir, dir);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireInputColumns(schema);
    return new StructType().add("path", DataTypes.StringType, false).add("key", DataTypes.StringType, false)
        .add("label", DataTypes.StringType, true).add($(outputCol), SQLDataTypes.VectorType(), true)
        .add("error", DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    int[] size = $(inputSize);
    if (size.length != 2 || size[0] < 1 || size[1] < 1) {
      throw new IllegalArgumentException("inputSize must be two positive values but was "
          + java.util.Arrays.toString(size));
    }
    FeatureRunner runner = new FeatureRunner(modelLocation(dataset.sparkSession()), $(backboneLoader), size[0],
        size[1], $(preprocessing));
    ModelPartition f = new ModelPartition(runner, size[0], size[1], batch(), policy(), pathIndex(dataset),
        contentIndex(dataset), $(baseDir));
    return dataset.toDF().mapPartitions(f, Encoders.row(out));
  }

  /**
   * A reader of saved extractors.
   *
   * @return the reader
   */
  public static MLReader<FeatureExtractor> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an extractor saved with {@code write().save(path)}.
   *
   * @param path the directory
   * @return the transformer
   */
  public static FeatureExtractor load(String path) {
    return read().load(path);
  }
}
