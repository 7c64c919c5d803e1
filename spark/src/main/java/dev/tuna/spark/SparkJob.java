package dev.tuna.spark;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.core.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * One of the three jobs of {@code tuna spark} with plain-Java options: {@code augment} writes a directory of PNG
 * images in Keras' class folders ({@code <class>/<name>_<copy>.png}); {@code features} and {@code classify} write
 * Parquet. Every job writes into a hidden sibling of the output and moves it into place only when it succeeds, so a
 * failed run leaves no output; an existing output is refused unless {@code overwrite} is set. On a local master the
 * output is a local directory; on a cluster, a directory every executor sees.
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
   * @param output the output directory
   * @param seconds the job's time, from reading the input to the output in place (without starting Spark)
   */
  public record Summary(long images, long written, long skipped, Path output, double seconds) {}

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
    Path input = b.input.toAbsolutePath().normalize();
    Path output = b.output.toAbsolutePath().normalize();
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException("--input " + b.input + " does not exist or is not a directory");
    }
    if (Files.exists(output) && !b.overwrite) {
      throw new IllegalArgumentException("--output " + b.output + " already exists; pass --overwrite to replace it");
    }
    if (output.startsWith(input)) {
      throw new IllegalArgumentException("--output " + b.output + " must not be inside --input " + b.input);
    }
    Path staging = output.resolveSibling("." + output.getFileName() + ".tmp-" + UUID.randomUUID());
    SparkSession spark = session(b.master, "tuna spark " + b.kind.name().toLowerCase(Locale.ROOT));
    long start = System.nanoTime();
    try {
      Files.createDirectories(output.getParent());
      Dataset<Row> images = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
          .load(input.toString());
      if (b.partitions != null) {
        images = images.repartition(b.partitions);
      }
      Summary s = switch (b.kind) {
        case AUGMENT -> augment(spark, images, input, staging);
        case FEATURES -> parquet(features(input).transform(images), staging);
        case CLASSIFY -> parquet(classifier().transform(images), staging);
      };
      if (Files.exists(output)) {
        deleteTree(output);
      }
      Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
      return new Summary(s.images(), s.written(), s.skipped(), output, (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } catch (Exception e) { // SparkException is checked but thrown undeclared from Scala
      throw clear(e);
    } finally {
      try {
        deleteTree(staging);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete " + staging + ": " + e);
      }
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

  private ImageAugmenter augmenter(Path input) {
    ImageAugmenter a = new ImageAugmenter().setCopies(b.copies).setSeed(b.seed).setBaseDir(input.toString())
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

  private FeatureExtractor features(Path input) {
    FeatureExtractor f = new FeatureExtractor().setModelPath(model().toString()).setBaseDir(input.toString())
        .setPreprocessing(b.preprocessing).setBatchSize(b.batchSize)
        .setOnBadImage(b.onBadImage);
    if (b.targetSize != null) {
      f.setInputSize(b.targetSize[0], b.targetSize[1]);
    }
    return f;
  }

  private ImageClassifier classifier() {
    return new ImageClassifier().setModelPath(model().toString()).setBatchSize(b.batchSize)
        .setOnBadImage(b.onBadImage);
  }

  private Path model() {
    if (b.model == null) {
      throw new IllegalArgumentException("--model is required for " + b.kind.name().toLowerCase(Locale.ROOT));
    }
    if (!Files.exists(b.model)) {
      throw new IllegalArgumentException("--model " + b.model + " does not exist");
    }
    return b.model.toAbsolutePath().normalize();
  }

  private Summary augment(SparkSession spark, Dataset<Row> images, Path input, Path staging) throws IOException {
    ImageAugmenter a = augmenter(input);
    LongAccumulator written = spark.sparkContext().longAccumulator("written");
    LongAccumulator skipped = spark.sparkContext().longAccumulator("skipped");
    LongAccumulator seen = spark.sparkContext().longAccumulator("images");
    String dir = staging.toString();
    Files.createDirectories(staging);
    // The augmenter's rows go straight to the files: no round trip through Spark's internal rows.
    AugmentPartition f = a.partitionFunction(images);
    images.toDF().javaRDD().foreachPartition(in -> {
      Iterator<Row> rows = f.call(in);
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.get(8) != null) {
          skipped.add(1);
          seen.add(1);
          continue;
        }
        if (r.getInt(3) == 0) {
          seen.add(1);
        }
        AtomicFiles.write(Path.of(dir).resolve(fileName(r.getString(1), r.getInt(3))), (byte[]) r.get(7));
        written.add(1);
      }
    });
    return new Summary(seen.value(), written.value(), skipped.value(), staging, 0);
  }

  /** {@code cats/a.jpg}, copy 2 → {@code cats/a_2.png}. */
  static String fileName(String key, int copy) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return key.substring(0, slash + 1) + stem + "_" + copy + ".png";
  }

  private static Summary parquet(Dataset<Row> rows, Path staging) {
    rows.write().parquet(staging.toUri().toString());
    Dataset<Row> back = rows.sparkSession().read().parquet(staging.toUri().toString());
    long all = back.count();
    long skipped = back.filter("error IS NOT NULL").count();
    return new Summary(all, all - skipped, skipped, staging, 0);
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

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Builds a {@link SparkJob}; each option may be set once. */
  public static final class Builder {
    private final Kind kind;
    private Path input;
    private Path output;
    private String master;
    private Integer partitions;
    private boolean overwrite;
    private boolean overwriteSet;
    private Path model;
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
     * The input directory (class folders of images).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder input(Path dir) {
      requireUnset(input != null, "input", input);
      input = requireNonNull("input", dir);
      return this;
    }

    /**
     * The output directory.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder output(Path dir) {
      requireUnset(output != null, "output", output);
      output = requireNonNull("output", dir);
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
     * Repartition the input into {@code n} partitions (default: Spark's split of the files).
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
    public Builder model(Path path) {
      requireUnset(model != null, "model", model);
      model = requireNonNull("model", path);
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
