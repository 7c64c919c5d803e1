package dev.tuna.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A frozen Keras backbone as a Spark ML {@link Transformer} (the "fast feature extraction" route: extract once,
 * train a head on the features): over a {@code binaryFile} DataFrame it writes, per image, {@code path},
 * {@code key} (relative to {@code baseDir}), {@code label} (the key's class folder), the backbone's output flattened
 * into a vector column, and {@code error}. Images are loaded as RGB and resized to {@code inputSize}; each partition
 * runs in batches of {@code batchSize} through one backbone (one TensorFlow session) per executor JVM, reused across
 * tasks. The backbone comes from a {@link BackboneLoader} named by class ({@link VggBackboneLoader} by default).
 */
public final class FeatureExtractor extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** This transformer's uid. */
  private final String uid;
  /** Param {@code modelPath}: the Keras model (file or directory). */
  private final Param<String> modelPath;
  /** Param {@code modelDistribution}: auto, shared or addFile. */
  private final Param<String> modelDistribution;
  /** Param {@code backboneLoader}: a BackboneLoader class name. */
  private final Param<String> backboneLoader;
  /** Param {@code inputSize}: input size {height, width}. */
  private final IntArrayParam inputSize;
  /** Param {@code preprocessing}: caffe, rescale or none. */
  private final Param<String> preprocessing;
  /** Param {@code pathCol}: input column with the file's path. */
  private final Param<String> pathCol;
  /** Param {@code contentCol}: input column with the file's bytes. */
  private final Param<String> contentCol;
  /** Param {@code outputCol}: output vector column. */
  private final Param<String> outputCol;
  /** Param {@code baseDir}: directory the keys are relative to. */
  private final Param<String> baseDir;
  /** Param {@code batchSize}: images per backbone call. */
  private final IntParam batchSize;
  /** Param {@code onBadImage}: fail or skip. */
  private final Param<String> onBadImage;

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
    this.uid = uid;
    modelPath = new Param<>(this, "modelPath", "the Keras model (file or directory)");
    modelDistribution = new Param<>(this, "modelDistribution", "auto, shared or addFile");
    backboneLoader = new Param<>(this, "backboneLoader", "a BackboneLoader class name");
    inputSize = new IntArrayParam(this, "inputSize", "input size {height, width}");
    preprocessing = new Param<>(this, "preprocessing", "caffe, rescale or none");
    pathCol = new Param<>(this, "pathCol", "input column with the file's path");
    contentCol = new Param<>(this, "contentCol", "input column with the file's bytes");
    outputCol = new Param<>(this, "outputCol", "output vector column");
    baseDir = new Param<>(this, "baseDir", "directory the keys are relative to");
    batchSize = new IntParam(this, "batchSize", "images per backbone call");
    onBadImage = new Param<>(this, "onBadImage", "fail or skip");
    setDefault(modelDistribution, "auto");
    setDefault(backboneLoader, VggBackboneLoader.class.getName());
    setDefault(inputSize, new int[] {150, 150});
    setDefault(preprocessing, "caffe");
    setDefault(pathCol, "path");
    setDefault(contentCol, "content");
    setDefault(outputCol, "features");
    setDefault(baseDir, "");
    setDefault(batchSize, 32);
    setDefault(onBadImage, "fail");
  }

  /**
   * The Keras model (any file or directory the backbone loader reads).
   *
   * @return the param
   */
  public Param<String> modelPath() {
    return modelPath;
  }

  /**
   * How the model reaches executors: auto (shared on a local master, else addFile), shared or addFile.
   *
   * @return the param
   */
  public Param<String> modelDistribution() {
    return modelDistribution;
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
   * Input column with the file's path.
   *
   * @return the param
   */
  public Param<String> pathCol() {
    return pathCol;
  }

  /**
   * Input column with the file's bytes.
   *
   * @return the param
   */
  public Param<String> contentCol() {
    return contentCol;
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
   * Images per backbone call (default 32).
   *
   * @return the param
   */
  public IntParam batchSize() {
    return batchSize;
  }

  /**
   * fail (default) or skip.
   *
   * @return the param
   */
  public Param<String> onBadImage() {
    return onBadImage;
  }

  /**
   * Sets {@link #modelPath()}.
   *
   * @param path the model
   * @return this transformer
   */
  public FeatureExtractor setModelPath(String path) {
    set(modelPath, path);
    return this;
  }

  /**
   * Sets {@link #modelDistribution()}.
   *
   * @param mode auto, shared or addFile
   * @return this transformer
   */
  public FeatureExtractor setModelDistribution(String mode) {
    set(modelDistribution, mode);
    return this;
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

  /**
   * Sets {@link #batchSize()}.
   *
   * @param n images per call
   * @return this transformer
   */
  public FeatureExtractor setBatchSize(int n) {
    set(batchSize, (Object) n);
    return this;
  }

  /**
   * Sets {@link #onBadImage()}.
   *
   * @param policy fail or skip
   * @return this transformer
   */
  public FeatureExtractor setOnBadImage(String policy) {
    set(onBadImage, policy);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Rows.requireColumn(schema, $(pathCol), DataTypes.StringType);
    Rows.requireColumn(schema, $(contentCol), DataTypes.BinaryType);
    return new StructType().add("path", DataTypes.StringType, false).add("key", DataTypes.StringType, false)
        .add("label", DataTypes.StringType, true).add($(outputCol), SQLDataTypes.VectorType(), true)
        .add("error", DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    if (!isDefined(modelPath)) {
      throw new IllegalArgumentException("modelPath is not set");
    }
    int[] size = $(inputSize);
    if (size.length != 2 || size[0] < 1 || size[1] < 1) {
      throw new IllegalArgumentException("inputSize must be two positive values but was "
          + java.util.Arrays.toString(size));
    }
    ModelLocation location = ModelLocation.of(dataset.sparkSession(), $(modelPath), $(modelDistribution));
    ModelPartition f = new ModelPartition(new FeatureRunner(location, $(backboneLoader), size[0], size[1],
        $(preprocessing)), size[0], size[1], (Integer) $(batchSize), Rows.policy($(onBadImage)),
        dataset.schema().fieldIndex($(pathCol)), dataset.schema().fieldIndex($(contentCol)), $(baseDir));
    return dataset.toDF().mapPartitions(f, Encoders.row(out));
  }

  @Override
  public FeatureExtractor copy(ParamMap extra) {
    return defaultCopy(extra);
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
