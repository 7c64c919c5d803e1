package dev.tuna.spark;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.BadImagePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * One of the three jobs of {@code tuna spark} with plain-Java options: {@code augment} writes a directory of PNG
 * images in Keras' class folders ({@code <class>/<name>_<copy>.png}); {@code features} and {@code classify} write
 * Parquet. Every job writes into a hidden sibling of the output and moves it into place only when it succeeds, so a
 * failed run leaves no output; an existing output is refused unless {@code overwrite} is set. Input and output are
 * paths or URIs of any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:} with its connector on the
 * classpath): the existence checks, the hidden directory, the files and the final rename go through Hadoop's
 * {@code FileSystem} with the job's Hadoop configuration (the rename is atomic on HDFS and local disks, a copy on
 * object stores).
 */
public final class SparkJob {
  private static final System.Logger LOG = System.getLogger("dev.tuna.spark");

  /** The jobs. */
  public enum Kind {
    /** Augmented copies of every image. */
    AUGMENT,
    /** Backbone features of every image. */
    FEATURES,
    /** Class probabilities of every image. */
    CLASSIFY
  }

  /**
   * What a run did.
   *
   * @param images the input images
   * @param written the images or rows written
   * @param skipped the images skipped under {@link BadImagePolicy#SKIP}
   * @param output the output directory as given (a path or a Hadoop URI)
   * @param seconds the job's time, from reading the input to the output in place (without starting Spark)
   */
  public record Summary(long images, long written, long skipped, String output, double seconds) {}

  private final Builder b;

  private SparkJob(Builder b) {
    this.b = b;
  }

  /**
   * A builder for a job.
   *
   * @param kind the job
   * @return the builder
   */
  public static Builder builder(Kind kind) {
    return new Builder(requireNonNull("kind", kind));
  }

  /**
   * Runs the job on the configured master (an embedded {@code local[*]} by default, or the session spark-submit
   * started).
   *
   * @return what the run did
   * @throws IllegalArgumentException naming the input, output, model or image that made it fail
   */
  public Summary run() {
    SparkSession spark = session(b.master, "tuna spark " + b.kind.name().toLowerCase(Locale.ROOT));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path input = qualified("--input", b.input, conf);
    Path output = qualified("--output", b.output, conf);
    FileSystem fs;
    Path staging;
    try {
      FileSystem inFs = input.getFileSystem(conf);
      if (!inFs.exists(input) || !inFs.getFileStatus(input).isDirectory()) {
        throw new IllegalArgumentException("--input " + b.input + " does not exist or is not a directory");
      }
      fs = output.getFileSystem(conf);
      if (fs.exists(output) && !b.overwrite) {
        throw outputExists(b.output);
      }
      if (output.getParent() == null) {
        throw new IllegalArgumentException("--output " + b.output + " must not be a file system's root");
      }
      staging = new Path(output.getParent(), "." + output.getName() + ".tmp-" + UUID.randomUUID());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + b.input + " or " + b.output + ": " + e.getMessage(), e);
    }
    String in = input.toString();
    String out = output.toString();
    if (out.equals(in) || out.startsWith(in.endsWith("/") ? in : in + "/")) {
      throw new IllegalArgumentException("--output " + b.output + " must not be inside --input " + b.input);
    }
    long start = System.nanoTime();
    // a failed job's other tasks are interrupted, and cleanup waits for them (they could write into the staging
    // directory after it was deleted)
    String group = "tuna-" + UUID.randomUUID();
    List<java.nio.file.Path> copies = new ArrayList<>();
    spark.sparkContext().setJobGroup(group, "tuna spark " + b.kind.name().toLowerCase(Locale.ROOT), true);
    boolean done = false;
    try {
      fs.mkdirs(output.getParent());
      Summary s = b.kind == Kind.AUGMENT ? augment(spark, input, staging, fs)
          : parquet(spark, in, staging, localModel(conf, copies).toString());
      moveIntoPlace(fs, staging, output);
      done = true;
      return new Summary(s.images(), s.written(), s.skipped(), b.output, (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + b.output + ": " + e.getMessage(), e);
    } catch (Exception e) { // SparkException is checked but thrown undeclared from Scala
      throw clear(e);
    } finally {
      if (!done) {
        spark.sparkContext().cancelJobGroup(group);
        awaitNoRunningTasks(spark.sparkContext());
      }
      spark.sparkContext().clearJobGroup();
      copies.forEach(SparkJob::deleteQuietly);
      try {
        if (fs.exists(staging)) {
          fs.delete(staging, true);
        }
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete " + staging + ": " + e);
      }
    }
  }

  /** The error for an existing {@code --output} (given as {@code output}) without {@code --overwrite}. */
  static IllegalArgumentException outputExists(String output) {
    return new IllegalArgumentException("--output " + output + " already exists; pass --overwrite to replace it");
  }

  /** Replaces {@code output} (if it exists) by {@code staging}, a directory of the same file system. */
  static void moveIntoPlace(FileSystem fs, Path staging, Path output) throws IOException {
    if (fs.exists(output) && !fs.delete(output, true)) {
      throw new IOException("cannot delete the existing output");
    }
    if (!fs.rename(staging, output)) {
      throw new IOException("cannot move " + staging + " into place");
    }
  }

  /** {@link #deleteTree} that logs a failure instead of throwing (cleanup after a run). */
  static void deleteQuietly(java.nio.file.Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete " + root + ": " + e);
    }
  }

  /** Longest wait for a failed job's remaining tasks to stop before its staging directory is deleted. */
  private static final long TASK_STOP_NANOS = 60_000_000_000L;

  /**
   * Waits until no task of the application runs any more (at most {@link #TASK_STOP_NANOS}): after a job fails,
   * Spark stops its other tasks asynchronously, and one still running could write after the cleanup.
   */
  private static void awaitNoRunningTasks(org.apache.spark.SparkContext sc) {
    long deadline = System.nanoTime() + TASK_STOP_NANOS;
    while (System.nanoTime() < deadline) {
      boolean running = sc.statusTracker().getActiveJobIds().length > 0;
      for (org.apache.spark.SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
        running |= e.numRunningTasks() > 0;
      }
      if (!running) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.log(System.Logger.Level.WARNING, "tasks of a failed job still run after " + TASK_STOP_NANOS / 1_000_000_000L
        + " s; cleaning up anyway");
  }

  /** {@code pathOrUri} as a fully qualified Hadoop path: scheme and authority of its file system, absolute. */
  static Path qualified(String option, String pathOrUri, Configuration conf) {
    try {
      Path p = new Path(pathOrUri);
      return p.getFileSystem(conf).makeQualified(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + pathOrUri + " is not a usable path: " + e.getMessage(), e);
    }
  }

  /**
   * The session on {@code master}; without one, the running session's or spark-submit's master, else an embedded
   * {@code local[*]}.
   */
  static SparkSession session(String master, String appName) {
    SparkSession.Builder sb = SparkSession.builder().appName(appName);
    if (master != null) {
      sb.master(master);
    } else if (!SparkSession.getActiveSession().isDefined() && System.getProperty("spark.master") == null) {
      sb.master("local[*]");
    }
    return sb.config("spark.ui.enabled", "false").getOrCreate();
  }

  private ImageAugmenter augmenter(String input) {
    ImageAugmenter a = new ImageAugmenter().setCopies(b.copies).setSeed(b.seed).setBaseDir(input)
        .setOnBadImage(b.onBadImage).setColorMode(b.colorMode);
    if (b.targetSize != null) {
      a.setTargetSize(b.targetSize[0], b.targetSize[1]);
    }
    b.options.forEach(a::setOption);
    if (b.layers != null) {
      a.setLayers(b.layers);
    }
    a.augmentation(); // checks every option and the layers on the driver
    return a;
  }

  private FeatureExtractor features(String input, String model) {
    FeatureExtractor f = new FeatureExtractor().setModelPath(model).setBaseDir(input)
        .setPreprocessing(b.preprocessing).setBatchSize(b.batchSize)
        .setOnBadImage(b.onBadImage);
    if (b.targetSize != null) {
      f.setInputSize(b.targetSize[0], b.targetSize[1]);
    }
    return f;
  }

  private ImageClassifier classifier(String model) {
    return new ImageClassifier().setModelPath(model).setBatchSize(b.batchSize)
        .setOnBadImage(b.onBadImage);
  }

  /** The model's local path on the driver (see {@link #localCopy}). */
  private java.nio.file.Path localModel(Configuration conf, List<java.nio.file.Path> copies) {
    if (b.model == null) {
      throw new IllegalArgumentException("--model is required for " + b.kind.name().toLowerCase(Locale.ROOT));
    }
    return localCopy("--model", b.model, conf, copies);
  }

  /**
   * A local path of the driver for {@code option}'s value: the value itself when it is a path without a scheme (a
   * local file, as TensorFlow loads it) or a {@code file:} URI, else a copy from its Hadoop file system in a new
   * temporary directory, added to {@code copies} for deletion when the run ends.
   *
   * @throws IllegalArgumentException naming the option when the value does not exist or is not a usable path
   */
  static java.nio.file.Path localCopy(String option, String pathOrUri, Configuration conf,
      List<java.nio.file.Path> copies) {
    String scheme = scheme(pathOrUri);
    if (scheme == null || scheme.equals("file")) {
      java.nio.file.Path local = localPath(option, pathOrUri);
      if (!Files.exists(local)) {
        throw new IllegalArgumentException(option + " " + pathOrUri + " does not exist");
      }
      return local;
    }
    try {
      Path remote = qualified(option, pathOrUri, conf);
      FileSystem fs = remote.getFileSystem(conf);
      if (!fs.exists(remote)) {
        throw new IllegalArgumentException(option + " " + pathOrUri + " does not exist");
      }
      java.nio.file.Path dir = Files.createTempDirectory("tuna-copy-");
      copies.add(dir);
      fs.copyToLocalFile(false, remote, new Path(dir.toUri()), true);
      return dir.resolve(remote.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + option + " " + pathOrUri + " to the driver: " + e.getMessage(),
          e);
    }
  }

  /**
   * {@code option}'s value as a URI Spark reads: a path without a scheme is a local path of the driver (checked
   * here), a URI is read from its Hadoop file system (checked there).
   *
   * @throws IllegalArgumentException naming the option when the value does not exist
   */
  static String readableUri(String option, String pathOrUri, Configuration conf) {
    if (scheme(pathOrUri) == null) {
      return localCopy(option, pathOrUri, conf, List.of()).toUri().toString();
    }
    Path p = qualified(option, pathOrUri, conf);
    try {
      if (!p.getFileSystem(conf).exists(p)) {
        throw new IllegalArgumentException(option + " " + pathOrUri + " does not exist");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + option + " " + pathOrUri + ": " + e.getMessage(), e);
    }
    return p.toString();
  }

  /**
   * {@code option}'s value, a path without a scheme or a {@code file:} URI, as an absolute local path.
   *
   * @throws IllegalArgumentException naming the option when the value is not a usable path
   */
  static java.nio.file.Path localPath(String option, String pathOrUri) {
    try {
      java.nio.file.Path p = scheme(pathOrUri) == null ? java.nio.file.Paths.get(pathOrUri)
          : java.nio.file.Paths.get(java.net.URI.create(pathOrUri));
      return p.toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) { // InvalidPathException included
      throw new IllegalArgumentException(option + " " + pathOrUri + " is not a usable path: " + e.getMessage(), e);
    }
  }

  /** The URI scheme of {@code pathOrUri}, or null for a plain path (a one-letter scheme is a Windows drive). */
  static String scheme(String pathOrUri) {
    int colon = pathOrUri.indexOf(':');
    if (colon < 2 || !pathOrUri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return null;
    }
    return pathOrUri.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /**
   * The augment job as a plain RDD job: the files are listed on the driver and read by the tasks through Hadoop's
   * {@code FileSystem}, and every copy goes straight to its file, with no DataFrame query to plan.
   */
  private Summary augment(SparkSession spark, Path input, Path staging, FileSystem fs) throws IOException {
    ImageAugmenter a = augmenter(input.toString());
    HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
    List<String> paths = files.list(input);
    LongAccumulator written = spark.sparkContext().longAccumulator("written");
    LongAccumulator skipped = spark.sparkContext().longAccumulator("skipped");
    LongAccumulator seen = spark.sparkContext().longAccumulator("images");
    if (!fs.mkdirs(staging)) {
      throw new IOException("cannot create " + staging);
    }
    String dir = staging.toString();
    int slices = b.partitions != null ? b.partitions : slices(paths.size(), spark.sparkContext().defaultParallelism());
    AugmentPartition f = a.partitionFunction();
    JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(paths, slices).foreachPartition(in -> {
      Iterator<Row> rows = f.call(read(in, files));
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      while (rows.hasNext()) {
        if (task != null && task.isInterrupted()) {
          return; // the job failed or was cancelled: write nothing more
        }
        Row r = rows.next();
        if (r.get(8) != null) {
          skipped.add(1);
          seen.add(1);
          continue;
        }
        if (r.getInt(3) == 0) {
          seen.add(1);
        }
        files.write(dir, fileName(r.getString(1), r.getInt(3)), (byte[]) r.get(7));
        written.add(1);
      }
    });
    return new Summary(seen.value(), written.value(), skipped.value(), dir, 0);
  }

  /** Rows of a path (index 0) and the file's bytes (index 1), each file read when its row is taken. */
  private static Iterator<Row> read(Iterator<String> paths, HadoopFiles files) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return paths.hasNext();
      }

      @Override
      public Row next() {
        String path = paths.next();
        try {
          return RowFactory.create(path, files.read(path));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
      }
    };
  }

  /**
   * Partitions for {@code files} files on {@code parallelism} task slots: four per slot, so that the slots finish
   * together, and at most 128 files each; never more than the files.
   */
  static int slices(int files, int parallelism) {
    return Math.max(1, Math.min(files, Math.max(4 * parallelism, (files + 127) / 128)));
  }

  /** {@code cats/a.jpg}, copy 2 → {@code cats/a_2.png}. */
  static String fileName(String key, int copy) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return key.substring(0, slash + 1) + stem + "_" + copy + ".png";
  }

  private Summary parquet(SparkSession spark, String input, Path staging, String model) {
    Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input);
    if (b.partitions != null) {
      images = images.repartition(b.partitions);
    }
    Dataset<Row> rows = b.kind == Kind.FEATURES ? features(input, model).transform(images)
        : classifier(model).transform(images);
    rows.write().parquet(staging.toString());
    // one pass over what was written: all rows, and those with an error (count of a column skips nulls)
    Row counts = rows.sparkSession().read().parquet(staging.toString()).selectExpr("count(*)", "count(error)")
        .first();
    long all = counts.getLong(0);
    long skipped = counts.getLong(1);
    return new Summary(all, all - skipped, skipped, staging.toString(), 0);
  }

  /** The exception a user can act on: the first cause that is not Spark's own wrapper, with its message. */
  static RuntimeException clear(Exception e) {
    Throwable t = e;
    while (t != null) {
      if (!t.getClass().getName().startsWith("org.apache.spark") && t.getMessage() != null
          && (t instanceof IllegalArgumentException || t instanceof UncheckedIOException
          || t instanceof IllegalStateException)) {
        return t == e ? (RuntimeException) t : new IllegalArgumentException(t.getMessage(), e);
      }
      t = t.getCause();
    }
    // A task's exception reaches the driver as text inside Spark's message: keep its first line.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:java\\.lang\\.IllegalArgumentException|"
        + "java\\.io\\.UncheckedIOException|java\\.lang\\.IllegalStateException): ([^\\n]*)")
        .matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      return new IllegalArgumentException(m.group(1), e);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  /** Deletes a local directory tree, if it exists. */
  static void deleteTree(java.nio.file.Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> s = Files.walk(root)) {
      for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Builds a {@link SparkJob}; each option may be set once. */
  public static final class Builder {
    private final Kind kind;
    private String input;
    private String output;
    private String master;
    private Integer partitions;
    private boolean overwrite;
    private boolean overwriteSet;
    private String model;
    private int copies = 1;
    private boolean copiesSet;
    private long seed;
    private boolean seedSet;
    private int[] targetSize;
    private String colorMode = "rgb";
    private String preprocessing = "caffe";
    private int batchSize = 32;
    private BadImagePolicy onBadImage = BadImagePolicy.FAIL;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String layers;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    /**
     * The input directory (class folders of images) on the local file system.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder input(java.nio.file.Path dir) {
      return input(requireNonNull("input", dir).toString());
    }

    /**
     * The input directory (class folders of images): a path or URI of any Hadoop file system ({@code file:},
     * {@code hdfs:}, {@code s3a:} with its connector on the classpath); a path without a scheme is on the default
     * file system ({@code fs.defaultFS}).
     *
     * @param pathOrUri the directory
     * @return this builder
     */
    public Builder input(String pathOrUri) {
      requireUnset(input != null, "input", input);
      input = requireNonNull("input", pathOrUri);
      requireArgument(!input.isEmpty(), "input must not be empty");
      return this;
    }

    /**
     * The output directory on the local file system.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder output(java.nio.file.Path dir) {
      return output(requireNonNull("output", dir).toString());
    }

    /**
     * The output directory: a path or URI of any Hadoop file system, as {@link #input(String)}. It is written as a
     * hidden sibling and renamed into place when the job succeeds.
     *
     * @param pathOrUri the directory
     * @return this builder
     */
    public Builder output(String pathOrUri) {
      requireUnset(output != null, "output", output);
      output = requireNonNull("output", pathOrUri);
      requireArgument(!output.isEmpty(), "output must not be empty");
      return this;
    }

    /**
     * Spark's master URL (default: the running session's, else {@code local[*]}).
     *
     * @param url e.g. {@code local[2]}
     * @return this builder
     */
    public Builder master(String url) {
      requireUnset(master != null, "master", master);
      master = requireNonNull("master", url);
      return this;
    }

    /**
     * Split the input into {@code n} partitions (default: for augment four per task slot and at most 128 files
     * each; for features and classify Spark's split of the files).
     *
     * @param n partitions
     * @return this builder
     */
    public Builder partitions(int n) {
      requireUnset(partitions != null, "partitions", partitions);
      requireArgument(n >= 1, "partitions must be >= 1 but was %s", n);
      partitions = n;
      return this;
    }

    /**
     * Replace an existing output.
     *
     * @param on whether to replace
     * @return this builder
     */
    public Builder overwrite(boolean on) {
      requireUnset(overwriteSet, "overwrite", overwrite);
      overwrite = on;
      overwriteSet = true;
      return this;
    }

    /**
     * The model: a Keras backbone for features, an exported classifier for classify.
     *
     * @param path file or directory
     * @return this builder
     */
    public Builder model(java.nio.file.Path path) {
      return model(requireNonNull("model", path).toString());
    }

    /**
     * The model as a local path or a Hadoop URI ({@code hdfs://…}, {@code s3a://…}, {@code file:…}); a model on
     * another file system is copied to a temporary directory of the driver for the run.
     *
     * @param pathOrUri file or directory
     * @return this builder
     */
    public Builder model(String pathOrUri) {
      requireUnset(model != null, "model", model);
      model = requireNonNull("model", pathOrUri);
      return this;
    }

    /**
     * Augmented copies per image (augment; default 1).
     *
     * @param k copies
     * @return this builder
     */
    public Builder copies(int k) {
      requireUnset(copiesSet, "copies", copies);
      requireArgument(k >= 1, "copies must be >= 1 but was %s", k);
      copies = k;
      copiesSet = true;
      return this;
    }

    /**
     * The run's seed (augment; default 0).
     *
     * @param s the seed
     * @return this builder
     */
    public Builder seed(long s) {
      requireUnset(seedSet, "seed", seed);
      seed = s;
      seedSet = true;
      return this;
    }

    /**
     * The target size (augment, default 256×256) or the backbone's input size (features, default 150×150).
     *
     * @param height rows
     * @param width columns
     * @return this builder
     */
    public Builder targetSize(int height, int width) {
      requireUnset(targetSize != null, "targetSize", targetSize == null ? null : targetSize[0] + "," + targetSize[1]);
      requireArgument(height > 0 && width > 0, "targetSize must be positive but was %s,%s", height, width);
      targetSize = new int[] {height, width};
      return this;
    }

    /**
     * The colour mode (augment; grayscale, rgb or rgba; default rgb).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder colorMode(String mode) {
      colorMode = requireNonNull("colorMode", mode);
      return this;
    }

    /**
     * The backbone's preprocessing (features; caffe, rescale or none; default caffe).
     *
     * @param value the preprocessing
     * @return this builder
     */
    public Builder preprocessing(String value) {
      preprocessing = requireNonNull("preprocessing", value);
      return this;
    }

    /**
     * Images per model call (features, classify; default 32).
     *
     * @param n images
     * @return this builder
     */
    public Builder batchSize(int n) {
      requireArgument(n >= 1, "batchSize must be >= 1 but was %s", n);
      batchSize = n;
      return this;
    }

    /**
     * What to do with a file that does not decode (default fail, naming it).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder onBadImage(BadImagePolicy policy) {
      onBadImage = requireNonNull("onBadImage", policy);
      return this;
    }

    /**
     * A generator option for augment, spelled like {@code tuna flow}'s flag ({@code --rotation-range}, "20").
     *
     * @param name the flag or builder name
     * @param value its value as text
     * @return this builder
     */
    public Builder option(String name, String value) {
      String key = GeneratorSettings.canonical(requireNonNull("option name", name));
      requireUnset(options.containsKey(key), key, options.get(key));
      options.put(key, requireNonNull(key, value));
      return this;
    }

    /**
     * A Keras 3 layer pipeline applied after the generator (augment): the JSON text of a spec as
     * {@code tuna layers --spec} reads it; each copy is its own batch of one image (see {@link Augmentation}).
     *
     * @param specJson the spec's JSON text
     * @return this builder
     */
    public Builder layers(String specJson) {
      requireUnset(layers != null, "layers", layers);
      layers = requireNonNull("layers", specJson);
      return this;
    }

    /**
     * The job.
     *
     * @return the job
     */
    public SparkJob build() {
      requireArgument(input != null, "input must be set");
      requireArgument(output != null, "output must be set");
      requireArgument(kind == Kind.AUGMENT || options.isEmpty() && !copiesSet && !seedSet && layers == null,
          "generator options, layers, copies and seed apply to augment only");
      return new SparkJob(this);
    }
  }
}
