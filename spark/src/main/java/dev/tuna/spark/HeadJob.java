package dev.tuna.spark;

import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import dev.tuna.finetune.train.FeatureDataset;
import dev.tuna.finetune.train.FeatureFit;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.History;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tuna spark train-head}: trains the head of the fine-tuning model on the Parquet features
 * {@link FeatureExtractor} wrote (read on the driver) and exports backbone + head, the same model as
 * {@code tuna finetune} with the whole backbone frozen and no augmentation ({@link FeatureFit}). Rows follow
 * {@code flowFromDirectory}'s order (classes by code point, then directories, then file names); rows with an
 * {@code error} or without a class folder are left out. Writes {@code model/} (with validation features the epoch
 * of the lowest {@code val_loss}, else the last), {@code history.json} and {@code history.csv} into a hidden
 * sibling of the output, moved into place when training succeeds.
 */
public final class HeadJob {
  /**
   * What a run did.
   *
   * @param samples training samples
   * @param validationSamples validation samples (0 without validation)
   * @param classNames the class names in label order
   * @param history the per-epoch metrics
   * @param output the output directory (a local path or a URI, as given)
   * @param seconds the job's time, from reading the features to the output in place
   */
  public record Summary(int samples, int validationSamples, List<String> classNames, History history, String output,
      double seconds) {}

  private final Builder b;

  private HeadJob(Builder b) {
    this.b = b;
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the features, trains and writes the output.
   *
   * @param callbacks called as by {@code FineTuner.fit} (e.g. a progress bar)
   * @return what the run did
   * @throws IllegalArgumentException naming the features, model or output that made it fail
   */
  public Summary run(Callback... callbacks) {
    String scheme = SparkJob.scheme(b.output);
    Target target = null;
    if (scheme == null || scheme.equals("file")) {
      target = refuseExisting(new LocalTarget(SparkJob.localPath("--output", b.output)));
    }
    SparkSession spark = SparkJob.session(b.master, "tuna spark train-head");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    if (target == null) {
      target = refuseExisting(new HadoopTarget(SparkJob.qualified("--output", b.output, conf), conf));
    }
    List<Path> copies = new ArrayList<>();
    try {
      return run(spark, target, SparkJob.localCopy("--model", b.model, conf, copies), callbacks);
    } finally {
      copies.forEach(SparkJob::deleteQuietly);
    }
  }

  /** {@code target}, unless the output exists and {@code --overwrite} was not given. */
  private Target refuseExisting(Target target) {
    if (target.exists() && !b.overwrite) {
      throw SparkJob.outputExists(b.output);
    }
    return target;
  }

  private Summary run(SparkSession spark, Target target, Path localModel, Callback... callbacks) {
    long start = System.nanoTime();
    List<Row> trainRows = rows(spark, b.features, "--features");
    List<String> names = trainRows.stream().map(r -> r.<String>getAs("label")).distinct().sorted(CODE_POINTS)
        .toList();
    Preconditions.requireArgument(names.size() >= 2, "--features %s must hold at least two classes but has %s",
        b.features, names);
    FeatureDataset train = dataset(trainRows, names, "--features " + b.features);
    FeatureDataset validation = b.validation == null ? null
        : dataset(rows(spark, b.validation, "--validation"), names, "--validation " + b.validation);
    KerasWeights weights = KerasWeights.load(localModel);
    Path staging = null;
    try (FineTuner tuner = FineTuner.builder(weights).inputShape(b.height, b.width).classNames(names)
        .freezeFirst(VggArchitecture.from(weights).layers().size()).optimizer(b.optimizer)
        .preprocessing(b.preprocessing).seed(b.seed).build()) {
      staging = target.staging();
      Path model = staging.resolve("model");
      List<Callback> all = new ArrayList<>(Arrays.asList(callbacks));
      if (validation != null) {
        all.add(ModelCheckpoint.builder(model).monitor("val_loss").saveBestOnly(true).build());
      }
      History h = FeatureFit.builder(tuner).batchSize(b.batchSize).seed(b.seed).build()
          .fit(train, b.epochs, validation, all.toArray(Callback[]::new));
      if (validation == null) {
        tuner.export(model);
      }
      h.writeJson(staging.resolve("history.json"));
      h.writeCsv(staging.resolve("history.csv"));
      target.publish(staging);
      return new Summary(train.size(), validation == null ? 0 : validation.size(), names, h, target.toString(),
          (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (staging != null) {
        SparkJob.deleteQuietly(staging);
      }
    }
  }

  /** Where the output goes: a local staging directory the run writes, then moved or copied into place. */
  private interface Target {
    /** Whether the output exists. */
    boolean exists();

    /** A new local directory for the run's files. */
    Path staging() throws IOException;

    /** Puts the staging directory's files in place as the output (replacing an existing one). */
    void publish(Path staging) throws IOException;
  }

  /** A local output: staged in a hidden sibling, moved into place atomically. */
  private final class LocalTarget implements Target {
    private final Path output;

    LocalTarget(Path output) {
      this.output = output;
    }

    @Override
    public boolean exists() {
      return Files.exists(output);
    }

    @Override
    public Path staging() throws IOException {
      return Files.createDirectories(output.resolveSibling("." + output.getFileName() + ".tmp-" + UUID.randomUUID()));
    }

    @Override
    public void publish(Path staging) throws IOException {
      if (Files.exists(output)) {
        SparkJob.deleteTree(output);
      }
      Files.createDirectories(output.getParent());
      Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
      return output.toString();
    }
  }

  /** An output on a Hadoop file system: staged locally, copied to a hidden sibling there, renamed into place. */
  private final class HadoopTarget implements Target {
    private final org.apache.hadoop.fs.Path output;
    private final org.apache.hadoop.fs.FileSystem fs;

    HadoopTarget(org.apache.hadoop.fs.Path output, Configuration conf) {
      this.output = output;
      try {
        this.fs = output.getFileSystem(conf);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach --output " + b.output + ": " + e.getMessage(), e);
      }
    }

    @Override
    public boolean exists() {
      try {
        return fs.exists(output);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach --output " + b.output + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Path staging() throws IOException {
      return Files.createTempDirectory("tuna-head-");
    }

    @Override
    public void publish(Path staging) throws IOException {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(output.getParent(),
          "." + output.getName() + ".tmp-" + UUID.randomUUID());
      try {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(staging.toUri()), remote);
        SparkJob.moveIntoPlace(fs, remote, output);
      } finally {
        if (fs.exists(remote)) {
          fs.delete(remote, true);
        }
      }
    }

    @Override
    public String toString() {
      return b.output;
    }
  }


  /** The rows with features and a class folder, in {@code flowFromDirectory}'s order. */
  private static List<Row> rows(SparkSession spark, String parquet, String option) {
    String uri = SparkJob.readableUri(option, parquet, spark.sparkContext().hadoopConfiguration());
    List<Row> rows = new ArrayList<>(spark.read().parquet(uri)
        .filter("error IS NULL AND label IS NOT NULL").select("key", "label", "features").collectAsList());
    Preconditions.requireArgument(!rows.isEmpty(), "%s %s holds no features", option, parquet);
    rows.sort(Comparator.comparing((Row r) -> r.<String>getAs("label"), CODE_POINTS)
        .thenComparing(r -> directory(r.getAs("key")), CODE_POINTS)
        .thenComparing(r -> r.<String>getAs("key").substring(r.<String>getAs("key").lastIndexOf('/') + 1),
            CODE_POINTS));
    return rows;
  }

  /** {@code cats/sub/a.jpg} → {@code cats/sub}: compared as a whole path, as Keras sorts directories. */
  private static String directory(String key) {
    return key.substring(0, Math.max(0, key.lastIndexOf('/')));
  }

  private static FeatureDataset dataset(List<Row> rows, List<String> names, String what) {
    float[][] features = new float[rows.size()][];
    int[] labels = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      labels[i] = names.indexOf(r.<String>getAs("label"));
      Preconditions.requireArgument(labels[i] >= 0, "%s: %s has class %s, not one of the training classes %s",
          what, r.getAs("key"), r.getAs("label"), names);
      double[] v = r.<Vector>getAs("features").toArray();
      features[i] = new float[v.length];
      for (int j = 0; j < v.length; j++) {
        features[i][j] = (float) v[j];
      }
    }
    return FeatureDataset.of(features, labels, names);
  }

  /** Python's string order (Unicode code points), as {@code flowFromDirectory} sorts. */
  private static final Comparator<String> CODE_POINTS = (x, y) -> Arrays.compare(x.codePoints().toArray(),
      y.codePoints().toArray());

  /** Builds a {@link HeadJob}; each option may be set once, never to null. */
  public static final class Builder {
    private final BuilderOptions options = new BuilderOptions();
    private String features;
    private String validation;
    private String model;
    private String output;
    private boolean overwrite;
    private String master;
    private int height = 150;
    private int width = 150;
    private Preprocessing preprocessing = Preprocessing.CAFFE;
    private Optimizer optimizer = Optimizer.rmsprop();
    private int epochs = 20;
    private int batchSize = 32;
    private long seed;

    private Builder() {}

    /**
     * The training features: Parquet written by {@code tuna spark features}.
     *
     * @param parquet the directory
     * @return this builder
     */
    public Builder features(Path parquet) {
      return features(Preconditions.requireNonNull("features", parquet).toString());
    }

    /**
     * The training features as a local path of the driver or a Hadoop URI ({@code hdfs://…}).
     *
     * @param parquet the directory
     * @return this builder
     */
    public Builder features(String parquet) {
      features = options.set("features", parquet);
      return this;
    }

    /**
     * Validation features (optional), evaluated after every epoch; the model kept is the lowest {@code val_loss}.
     *
     * @param parquet the directory
     * @return this builder
     */
    public Builder validation(Path parquet) {
      return validation(Preconditions.requireNonNull("validation", parquet).toString());
    }

    /**
     * Validation features as a local path of the driver or a Hadoop URI.
     *
     * @param parquet the directory
     * @return this builder
     */
    public Builder validation(String parquet) {
      validation = options.set("validation", parquet);
      return this;
    }

    /**
     * The Keras VGG backbone the features came from; exported with the head.
     *
     * @param path the model file or directory
     * @return this builder
     */
    public Builder model(Path path) {
      return model(Preconditions.requireNonNull("model", path).toString());
    }

    /**
     * The Keras VGG backbone as a local path of the driver or a Hadoop URI (copied to the driver for the run).
     *
     * @param pathOrUri the model file or directory
     * @return this builder
     */
    public Builder model(String pathOrUri) {
      model = options.set("model", pathOrUri);
      return this;
    }

    /**
     * The output directory.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder output(Path dir) {
      return output(Preconditions.requireNonNull("output", dir).toString());
    }

    /**
     * The output directory as a local path of the driver or a Hadoop URI ({@code hdfs://…}; written locally, then
     * copied to a hidden sibling there and renamed into place).
     *
     * @param dirOrUri the directory
     * @return this builder
     */
    public Builder output(String dirOrUri) {
      output = options.set("output", dirOrUri);
      return this;
    }

    /**
     * Whether an existing output is replaced; default false.
     *
     * @param on replace or not
     * @return this builder
     */
    public Builder overwrite(boolean on) {
      overwrite = options.set("overwrite", on);
      return this;
    }

    /**
     * Spark's master URL for reading the features (default: the running session's, else {@code local[*]}).
     *
     * @param url e.g. {@code local[2]}
     * @return this builder
     */
    public Builder master(String url) {
      master = options.set("master", url);
      return this;
    }

    /**
     * The input size the features were extracted at (default 150×150), the exported model's input.
     *
     * @param h rows
     * @param w columns
     * @return this builder
     */
    public Builder targetSize(int h, int w) {
      Preconditions.requireArgument(h >= 1 && w >= 1, "targetSize must be positive but was %dx%d", h, w);
      options.mark("targetSize", h + "x" + w);
      height = h;
      width = w;
      return this;
    }

    /**
     * The preprocessing the features were extracted with (default caffe), part of the exported model.
     *
     * @param value caffe, rescale or none
     * @return this builder
     */
    public Builder preprocessing(String value) {
      String v = options.set("preprocessing", value).toLowerCase(Locale.ROOT);
      preprocessing = switch (v) {
        case "caffe" -> Preprocessing.CAFFE;
        case "rescale" -> Preprocessing.RESCALE;
        case "none" -> Preprocessing.NONE;
        default -> throw new IllegalArgumentException("preprocessing must be caffe, rescale or none but was "
            + value);
      };
      return this;
    }

    /**
     * The optimizer (default RMSprop, Keras' compile default).
     *
     * @param value the optimizer
     * @return this builder
     */
    public Builder optimizer(Optimizer value) {
      optimizer = options.set("optimizer", value);
      return this;
    }

    /**
     * Passes over the training features (default 20).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder epochs(int n) {
      Preconditions.requireArgument(n >= 1, "epochs must be >= 1 but was %s", n);
      epochs = options.set("epochs", n);
      return this;
    }

    /**
     * Samples per step (default 32).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder batchSize(int n) {
      Preconditions.requireArgument(n >= 1, "batchSize must be >= 1 but was %s", n);
      batchSize = options.set("batchSize", n);
      return this;
    }

    /**
     * Seeds the sample order, head initialisation and dropout, as {@code tuna finetune --seed} (default 0).
     *
     * @param s in [0, 2^32)
     * @return this builder
     */
    public Builder seed(long s) {
      Preconditions.requireSeed("seed", s);
      seed = options.set("seed", s);
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job
     * @throws IllegalStateException if features, model or output is missing
     */
    public HeadJob build() {
      for (String required : List.of("features", "model", "output")) {
        Preconditions.requireState(options.isSet(required), "%s must be set", required);
      }
      return new HeadJob(this);
    }
  }
}
