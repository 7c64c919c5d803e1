package dev.tuna.augment;

import dev.tuna.core.data.ClassMode;
import dev.tuna.core.data.DataFrameReader;
import dev.tuna.core.data.DirectoryScanner;
import dev.tuna.core.data.ImageListing;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Interpolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keras' {@code DirectoryIterator} / {@code DataFrameIterator}: batches decoded from image files, resized like PIL,
 * augmented and standardised, with labels encoded per {@link ClassMode}. From
 * {@link ImageDataGenerator#flowFromDirectory} or {@link ImageDataGenerator#flowFromDataframe}.
 */
public final class DirectoryIterator extends BatchIterator {
  private static final System.Logger LOG = System.getLogger("dev.tuna.augment");

  private final ImageListing listing;
  private final ImageLoader loader;
  private final ClassMode classMode;
  private final BadImagePolicy onBadImage;
  private final AtomicInteger skipped = new AtomicInteger();
  private final String source;
  /**
   * One decode buffer per thread that builds batches (the caller's or a worker's): a sample is consumed (written
   * into its batch) before the same thread loads the next, so no per-sample array is allocated on the fast path.
   */
  private final ThreadLocal<float[]> decodeBuffer;

  private DirectoryIterator(FileFlow<?> b, ImageListing listing, ImageLoader loader) {
    super(b.generator, listing.size(), b.targetHeight, b.targetWidth, b.colorMode.channels(), b.settings());
    this.listing = listing;
    this.loader = loader;
    this.classMode = b.classMode;
    this.onBadImage = b.onBadImage;
    this.source = b.source();
    int values = b.targetHeight * b.targetWidth * b.colorMode.channels();
    this.decodeBuffer = ThreadLocal.withInitial(() -> new float[values]);
    LOG.log(System.Logger.Level.INFO, "Found " + listing.size() + " images belonging to " + listing.numClasses()
        + " classes.");
  }

  /**
   * Class name to label index, in index order (Keras' {@code class_indices}).
   *
   * @return the class indices
   */
  public Map<String, Integer> classIndices() {
    return listing.classIndices();
  }

  /**
   * File names relative to the directory, '/'-separated, in sample order.
   *
   * @return the file names
   */
  public List<String> filenames() {
    return listing.filenames();
  }

  /**
   * Full paths in sample order.
   *
   * @return the paths
   */
  public List<Path> filepaths() {
    return listing.filepaths();
  }

  /**
   * The class index of every sample.
   *
   * @return the class indices
   */
  public int[] classes() {
    return listing.classes();
  }

  /**
   * The number of files left out by {@link BadImagePolicy#SKIP} so far.
   *
   * @return the skipped file count
   */
  public int skippedImages() {
    return skipped.get();
  }

  @Override
  float[] loadSample(int index) {
    Path file = listing.filepaths().get(index);
    try {
      return loader.load(file, decodeBuffer.get()).data();
    } catch (IOException | RuntimeException e) {
      badImage(file, e);
      return null;
    }
  }

  /** The bad-image policy for {@code file}: false (counted, logged) under SKIP, else {@code e} rethrown. */
  private boolean badImage(Path file, Exception e) {
    if (onBadImage == BadImagePolicy.SKIP) {
      skipped.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "skipping " + file + ": " + e.getMessage());
      return false;
    }
    if (e instanceof IOException io) {
      throw new UncheckedIOException(io.getMessage(), io);
    }
    throw (RuntimeException) e;
  }

  @Override
  boolean loadSampleInto(int index, float[] dst, int offset) {
    Path file = listing.filepaths().get(index);
    try {
      loader.loadInto(file, dst, offset);
      return true;
    } catch (IOException | RuntimeException e) {
      return badImage(file, e);
    }
  }

  @Override
  Labels labels(int[] indices, float[] images) {
    switch (classMode) {
      case NONE:
        return null;
      case INPUT:
        return new Labels(images.clone(), batchShape(indices.length));
      default:
        int[] cls = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
          cls[i] = listing.classOf(indices[i]);
        }
        return new Labels(classMode.encode(cls, listing.numClasses()),
            classMode.labelShape(indices.length, listing.numClasses()));
    }
  }

  @Override
  float[] sampleWeights(int[] indices) {
    float[] all = listing.sampleWeights();
    if (all == null) {
      return null;
    }
    float[] out = new float[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = all[indices[i]];
    }
    return out;
  }

  @Override
  String source() {
    return source;
  }

  @Override
  long saveHashBound() {
    return 10_000_000L;
  }

  /** Options shared by {@code flowFromDirectory} and {@code flowFromDataframe}. */
  public abstract static class FileFlow<B extends FileFlow<B>> extends FlowBuilder<B> {
    int targetHeight = 256;
    int targetWidth = 256;
    ColorMode colorMode = ColorMode.RGB;
    List<String> classes = List.of();
    ClassMode classMode = ClassMode.CATEGORICAL;
    Interpolation interpolation = Interpolation.NEAREST;
    boolean keepAspectRatio;
    BadImagePolicy onBadImage = BadImagePolicy.FAIL;

    FileFlow(ImageDataGenerator generator) {
      super(generator);
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /**
     * Every image is resized to {@code height × width}. Default 256 × 256.
     *
     * @param height Keras' {@code target_size} height
     * @param width Keras' {@code target_size} width
     * @return this builder
     */
    public B targetSize(int height, int width) {
      Preconditions.requireArgument(height > 0 && width > 0, "targetSize must be positive but was (%s, %s)", height,
          width);
      options.mark("targetSize", "(" + height + ", " + width + ")");
      this.targetHeight = height;
      this.targetWidth = width;
      return self();
    }

    /**
     * rgb (default, 3 channels), rgba (4) or grayscale (1).
     *
     * @param mode Keras' {@code color_mode}
     * @return this builder
     */
    public B colorMode(ColorMode mode) {
      this.colorMode = options.set("colorMode", mode);
      return self();
    }

    /**
     * Class names in label order; default: the sorted sub-directories (or sorted labels).
     *
     * @param names Keras' {@code classes}
     * @return this builder
     */
    public B classes(List<String> names) {
      this.classes = List.copyOf(options.set("classes", names));
      return self();
    }

    /**
     * How labels are encoded. Default categorical (one-hot).
     *
     * @param mode Keras' {@code class_mode}
     * @return this builder
     */
    public B classMode(ClassMode mode) {
      this.classMode = options.set("classMode", mode);
      return self();
    }

    /**
     * PIL resampling filter for the resize. Default nearest, as in Keras.
     *
     * @param value Keras' {@code interpolation}
     * @return this builder
     */
    public B interpolation(Interpolation value) {
      this.interpolation = options.set("interpolation", value);
      return self();
    }

    /**
     * Centre-crop to the target aspect ratio before resizing. Default false.
     *
     * @param on Keras' {@code keep_aspect_ratio}
     * @return this builder
     */
    public B keepAspectRatio(boolean on) {
      this.keepAspectRatio = options.set("keepAspectRatio", on);
      return self();
    }

    /**
     * What to do with files that cannot be decoded. Default {@link BadImagePolicy#FAIL}.
     *
     * @param policy the policy
     * @return this builder
     */
    public B onBadImage(BadImagePolicy policy) {
      this.onBadImage = options.set("onBadImage", policy);
      return self();
    }

    ImageLoader loader() {
      return ImageLoader.builder().colorMode(colorMode).targetSize(targetHeight, targetWidth)
          .interpolation(interpolation).keepAspectRatio(keepAspectRatio).build();
    }

    abstract ImageListing listing() throws IOException;

    abstract String source();

    /**
     * Scans the files and builds the iterator.
     *
     * @return the iterator
     */
    public DirectoryIterator build() {
      settings();
      try {
        return new DirectoryIterator(this, listing(), loader());
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }

  /** {@code flowFromDirectory}'s arguments. */
  public static final class DirectoryFlow extends FileFlow<DirectoryFlow> {
    private final Path directory;
    private boolean followLinks;

    DirectoryFlow(ImageDataGenerator generator, Path directory) {
      super(generator);
      this.directory = Preconditions.requireNonNull("directory", directory);
    }

    /**
     * Follow symbolic links below the class folders. Default false.
     *
     * @param on Keras' {@code follow_links}
     * @return this builder
     */
    public DirectoryFlow followLinks(boolean on) {
      this.followLinks = options.set("followLinks", on);
      return this;
    }

    @Override
    String source() {
      return "directory " + directory;
    }

    @Override
    ImageListing listing() throws IOException {
      DirectoryScanner.Builder b = DirectoryScanner.builder(directory).classes(classes).followLinks(followLinks)
          .validationSplit(generator.validationSplit());
      if (subset != null) {
        b.subset(subset);
      }
      return b.build().scan();
    }
  }

  /** {@code flowFromDataframe}'s arguments, read from a CSV file. */
  public static final class DataframeFlow extends FileFlow<DataframeFlow> {
    private final DataFrameReader.Builder reader;
    private final Path csv;

    DataframeFlow(ImageDataGenerator generator, Path csv) {
      super(generator);
      this.csv = Preconditions.requireNonNull("csv", csv);
      this.reader = DataFrameReader.builder(csv);
    }

    @Override
    String source() {
      return "dataframe " + csv;
    }

    /**
     * Directory the file names are relative to; default: paths used as given.
     *
     * @param dir Keras' {@code directory}
     * @return this builder
     */
    public DataframeFlow directory(Path dir) {
      reader.directory(dir);
      return this;
    }

    /**
     * Column with the file names. Default {@code filename}.
     *
     * @param column Keras' {@code x_col}
     * @return this builder
     */
    public DataframeFlow xCol(String column) {
      reader.xCol(column);
      return this;
    }

    /**
     * Column with the labels. Default {@code class}.
     *
     * @param column Keras' {@code y_col}
     * @return this builder
     */
    public DataframeFlow yCol(String column) {
      reader.yCol(column);
      return this;
    }

    /**
     * Column with sample weights. Default none.
     *
     * @param column Keras' {@code weight_col}
     * @return this builder
     */
    public DataframeFlow weightCol(String column) {
      reader.weightCol(column);
      return this;
    }

    /**
     * Drop rows whose file is missing or not an image. Default true.
     *
     * @param on Keras' {@code validate_filenames}
     * @return this builder
     */
    public DataframeFlow validateFilenames(boolean on) {
      reader.validateFilenames(on);
      return this;
    }

    @Override
    ImageListing listing() throws IOException {
      reader.classes(classes).classMode(classMode).validationSplit(generator.validationSplit());
      if (subset != null) {
        reader.subset(subset);
      }
      return reader.build().read();
    }
  }
}
