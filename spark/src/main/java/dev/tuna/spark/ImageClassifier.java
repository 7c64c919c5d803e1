package dev.tuna.spark;

import dev.tuna.finetune.export.Classifier;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tuna export ({@link Classifier#load}) as a Spark ML {@link org.apache.spark.ml.Transformer}: over a
 * {@code binaryFile} DataFrame it writes, per image, {@code path}, one float column {@code probability_<class>} per
 * class, the predicted class ({@code prediction}) and {@code error} (null, or the reason the image was skipped under
 * {@code onBadImage=skip}). Images are loaded as RGB and resized to the model's input like {@code tuna classify}. Each
 * executor JVM loads the model once and reuses it across tasks.
 */
public final class ImageClassifier extends ModelTransformer<ImageClassifier> {
  private static final long serialVersionUID = 1L;

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
    super(uid, "the exported SavedModel directory");
  }

  private Classifier driverModel() {
    return ClassifierRunner.classifier(Path.of(requireModelPath()).toAbsolutePath().normalize());
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
    requireInputColumns(schema);
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
    ModelPartition f = new ModelPartition(new ClassifierRunner(modelLocation(dataset.sparkSession()),
        c.classNames().size()), c.height(), c.width(), batch(), policy(), pathIndex(dataset), contentIndex(dataset),
        null);
    return dataset.toDF().mapPartitions(f, Encoders.row(out));
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
