package dev.tuna.spark;

import dev.tuna.finetune.export.Classifier;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Transformer;
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
 * A tuna export ({@link Classifier#load}) as a Spark ML {@link Transformer}: over a {@code binaryFile} DataFrame it
 * writes, per image, {@code path}, one float column {@code probability_<class>} per class, the predicted class
 * ({@code prediction}) and {@code error} (null, or the reason the image was skipped under
 * {@code onBadImage=skip}). Images are loaded as RGB and resized to the model's input like {@code tuna classify}.
 * Each executor JVM loads the model once and reuses it across tasks.
 */
public final class ImageClassifier extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** This transformer's uid. */
  private final String uid;
  /** Param {@code modelPath}: the exported SavedModel directory. */
  private final Param<String> modelPath;
  /** Param {@code modelDistribution}: auto, shared (a path every executor sees) or addFile (shipped by Spark). */
  private final Param<String> modelDistribution;
  /** Param {@code pathCol}: input column with the file's path. */
  private final Param<String> pathCol;
  /** Param {@code contentCol}: input column with the file's bytes. */
  private final Param<String> contentCol;
  /** Param {@code batchSize}: images per model call. */
  private final IntParam batchSize;
  /** Param {@code onBadImage}: fail or skip. */
  private final Param<String> onBadImage;

  /** A transformer with a random uid. */
  public ImageClassifier() {
    this(Identifiable$.MODULE$.randomUID("imageClassifier"));
  }

  /**
   * A transformer with the given uid (used by {@link #read()}).
   *
   * @param uid the uid
   */
  public ImageClassifier(String uid) {
    this.uid = uid;
    modelPath = new Param<>(this, "modelPath", "the exported SavedModel directory");
    modelDistribution = new Param<>(this, "modelDistribution",
        "auto, shared (a path every executor sees) or addFile (shipped by Spark)");
    pathCol = new Param<>(this, "pathCol", "input column with the file's path");
    contentCol = new Param<>(this, "contentCol", "input column with the file's bytes");
    batchSize = new IntParam(this, "batchSize", "images per model call");
    onBadImage = new Param<>(this, "onBadImage", "fail or skip");
    setDefault(modelDistribution, "auto");
    setDefault(pathCol, "path");
    setDefault(contentCol, "content");
    setDefault(batchSize, 32);
    setDefault(onBadImage, "fail");
  }

  /**
   * The exported model's directory.
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
   * Images per model call.
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
   * @param path the SavedModel directory
   * @return this transformer
   */
  public ImageClassifier setModelPath(String path) {
    set(modelPath, path);
    return this;
  }

  /**
   * Sets {@link #modelDistribution()}.
   *
   * @param mode auto, shared or addFile
   * @return this transformer
   */
  public ImageClassifier setModelDistribution(String mode) {
    set(modelDistribution, mode);
    return this;
  }

  /**
   * Sets {@link #batchSize()}.
   *
   * @param n images per call
   * @return this transformer
   */
  public ImageClassifier setBatchSize(int n) {
    set(batchSize, (Object) n);
    return this;
  }

  /**
   * Sets {@link #onBadImage()}.
   *
   * @param policy fail or skip
   * @return this transformer
   */
  public ImageClassifier setOnBadImage(String policy) {
    set(onBadImage, policy);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  private Classifier driverModel() {
    if (!isDefined(modelPath)) {
      throw new IllegalArgumentException("modelPath is not set");
    }
    return ClassifierRunner.classifier(Path.of($(modelPath)).toAbsolutePath().normalize());
  }

  /**
   * The model's class names (loads the model in this JVM).
   *
   * @return the class names, in probability order
   */
  public List<String> classNames() {
    return driverModel().classNames();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Rows.requireColumn(schema, $(pathCol), DataTypes.StringType);
    Rows.requireColumn(schema, $(contentCol), DataTypes.BinaryType);
    StructType out = new StructType().add("path", DataTypes.StringType, false);
    for (String name : classNames()) {
      out = out.add("probability_" + name, DataTypes.FloatType, true);
    }
    return out.add("prediction", DataTypes.StringType, true).add("error", DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    Classifier c = driverModel();
    ModelLocation location = ModelLocation.of(dataset.sparkSession(), $(modelPath), $(modelDistribution));
    ModelPartition f = new ModelPartition(new ClassifierRunner(location, c.classNames().size()), c.height(),
        c.width(), (Integer) $(batchSize), Rows.policy($(onBadImage)), dataset.schema().fieldIndex($(pathCol)),
        dataset.schema().fieldIndex($(contentCol)), null);
    return dataset.toDF().mapPartitions(f, Encoders.row(out));
  }

  @Override
  public ImageClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /**
   * A reader of saved classifiers.
   *
   * @return the reader
   */
  public static MLReader<ImageClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads a classifier transformer saved with {@code write().save(path)}.
   *
   * @param path the directory
   * @return the transformer
   */
  public static ImageClassifier load(String path) {
    return read().load(path);
  }
}
