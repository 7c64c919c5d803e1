package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What tuna's Spark ML {@link Transformer}s share: a uid, the input columns of Spark's {@code binaryFile} source
 * ({@code pathCol}, {@code contentCol}), the bad-image policy ({@code onBadImage}), setters that return the
 * concrete transformer, {@code copy} and persistence ({@link DefaultParamsWritable}; each subclass has the static
 * {@code read()} and {@code load(path)} of {@code MLReadable}).
 *
 * @param <T> the concrete transformer
 */
public abstract class ImageTransformer<T extends ImageTransformer<T>> extends Transformer
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** This transformer's uid. */
  private final String uid;
  /** Param {@code pathCol}: input column with the file's path. */
  private final Param<String> pathCol;
  /** Param {@code contentCol}: input column with the file's bytes. */
  private final Param<String> contentCol;
  /** Param {@code onBadImage}: fail or skip. */
  private final Param<String> onBadImage;

  /**
   * A transformer with the given uid and the shared Params at their defaults.
   *
   * @param uid the uid
   */
  ImageTransformer(String uid) {
    this.uid = uid;
    pathCol = new Param<>(this, "pathCol", "input column with the file's path");
    contentCol = new Param<>(this, "contentCol", "input column with the file's bytes");
    onBadImage = new Param<>(this, "onBadImage", "fail or skip");
    setDefault(pathCol, "path");
    setDefault(contentCol, "content");
    setDefault(onBadImage, "fail");
  }

  /** {@return this transformer as its concrete type} */
  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  @Override
  public final String uid() {
    return uid;
  }

  /**
   * Input column with the file's path (binaryFile's {@code path}).
   *
   * @return the param
   */
  public final Param<String> pathCol() {
    return pathCol;
  }

  /**
   * Input column with the file's bytes (binaryFile's {@code content}).
   *
   * @return the param
   */
  public final Param<String> contentCol() {
    return contentCol;
  }

  /**
   * What a file that does not decode does: fail (default: the job fails naming it) or skip (a row with its
   * {@code error}).
   *
   * @return the param
   */
  public final Param<String> onBadImage() {
    return onBadImage;
  }

  /**
   * Sets {@link #pathCol()}.
   *
   * @param column the column
   * @return this transformer
   */
  public final T setPathCol(String column) {
    set(pathCol, column);
    return self();
  }

  /**
   * Sets {@link #contentCol()}.
   *
   * @param column the column
   * @return this transformer
   */
  public final T setContentCol(String column) {
    set(contentCol, column);
    return self();
  }

  /**
   * Sets {@link #onBadImage()}.
   *
   * @param policy fail or skip
   * @return this transformer
   */
  public final T setOnBadImage(String policy) {
    set(onBadImage, policy);
    return self();
  }

  /**
   * Sets {@link #onBadImage()}.
   *
   * @param policy the policy
   * @return this transformer
   */
  public final T setOnBadImage(BadImagePolicy policy) {
    return setOnBadImage(policy.name().toLowerCase(Locale.ROOT));
  }

  /** The bad-image policy, checked. */
  final BadImagePolicy policy() {
    return Rows.policy($(onBadImage));
  }

  /** Checks that {@code schema} has the path and content columns. */
  final void requireInputColumns(StructType schema) {
    Rows.requireColumn(schema, $(pathCol), DataTypes.StringType);
    Rows.requireColumn(schema, $(contentCol), DataTypes.BinaryType);
  }

  /** The position of the path column in {@code dataset}. */
  final int pathIndex(Dataset<?> dataset) {
    return dataset.schema().fieldIndex($(pathCol));
  }

  /** The position of the content column in {@code dataset}. */
  final int contentIndex(Dataset<?> dataset) {
    return dataset.schema().fieldIndex($(contentCol));
  }

  @Override
  public final T copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
