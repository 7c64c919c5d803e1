package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.Interpolation;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
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
 * An {@code ImageDataGenerator} as a Spark ML {@link org.apache.spark.ml.Transformer}: over a DataFrame of Spark's
 * {@code binaryFile} source ({@code path}, {@code content}) it writes {@code copies} rows per image (key, label, copy
 * index and the augmented image as PNG bytes or a float array), each equal to {@link Augmentation#augment} of the same
 * image on one machine. The generator options are Params named like the builder's methods; range options take
 * {@code tuna flow}'s text ({@code widthShiftRange} "0.2", "3" or "[-8,0,8]"; {@code rescale} "1/255").
 *
 * <p>Output columns: {@code path}, {@code key} (path relative to {@code baseDir}), {@code label} (the key's class
 * folder, null for a top-level file), {@code copy}, {@code height}, {@code width}, {@code channels}, the output column
 * and {@code error} (null, or under {@link BadImagePolicy#SKIP} the reason a file was skipped: one row per skipped
 * file, copy -1, no image).
 */
public final class ImageAugmenter extends ImageTransformer<ImageAugmenter> {
  private static final long serialVersionUID = 1L;

  /** Param {@code outputCol}: output column of the augmented images. */
  private final Param<String> outputCol;
  /** Param {@code outputFormat}: png or floats. */
  private final Param<String> outputFormat;
  /** Param {@code baseDir}: directory the keys are relative to. */
  private final Param<String> baseDir;
  /** Param {@code copies}: augmented copies per image. */
  private final IntParam copies;
  /** Param {@code seed}: the run's seed. */
  private final LongParam seed;
  /** Param {@code targetSize}: target size {height, width}. */
  private final IntArrayParam targetSize;
  /** Param {@code colorMode}: grayscale, rgb or rgba. */
  private final Param<String> colorMode;
  /** Param {@code interpolation}: resize interpolation. */
  private final Param<String> interpolation;
  /** Param {@code layers}: a Keras layer spec (JSON) applied after the generator; empty for none. */
  private final Param<String> layers;

  /** The generator option {@code samplewiseCenter}. */
  private final BooleanParam samplewiseCenter;
  /** The generator option {@code samplewiseStdNormalization}. */
  private final BooleanParam samplewiseStdNormalization;
  /** The generator option {@code rotationRange}. */
  private final DoubleParam rotationRange;
  /** The generator option {@code widthShiftRange}. */
  private final Param<String> widthShiftRange;
  /** The generator option {@code heightShiftRange}. */
  private final Param<String> heightShiftRange;
  /** The generator option {@code brightnessRange}. */
  private final Param<String> brightnessRange;
  /** The generator option {@code shearRange}. */
  private final DoubleParam shearRange;
  /** The generator option {@code zoomRange}. */
  private final Param<String> zoomRange;
  /** The generator option {@code channelShiftRange}. */
  private final DoubleParam channelShiftRange;
  /** The generator option {@code fillMode}. */
  private final Param<String> fillMode;
  /** The generator option {@code cval}. */
  private final DoubleParam cval;
  /** The generator option {@code horizontalFlip}. */
  private final BooleanParam horizontalFlip;
  /** The generator option {@code verticalFlip}. */
  private final BooleanParam verticalFlip;
  /** The generator option {@code rescale}. */
  private final Param<String> rescale;
  /** The generator option {@code interpolationOrder}. */
  private final IntParam interpolationOrder;
  /** The generator option {@code fixKnownBugs}. */
  private final BooleanParam fixKnownBugs;

  /** A transformer with a random uid. */
  public ImageAugmenter() {
    this(Identifiable$.MODULE$.randomUID("imageAugmenter"));
  }

  /**
   * A transformer with the given uid (used by {@link #read()}).
   *
   * @param uid the uid
   */
  public ImageAugmenter(String uid) {
    super(uid);
    outputCol = new Param<>(this, "outputCol", "output column of the augmented images");
    outputFormat = new Param<>(this, "outputFormat", "png or floats");
    baseDir = new Param<>(this, "baseDir", "directory the keys are relative to");
    copies = new IntParam(this, "copies", "augmented copies per image");
    seed = new LongParam(this, "seed", "the run's seed");
    targetSize = new IntArrayParam(this, "targetSize", "target size {height, width}");
    colorMode = new Param<>(this, "colorMode", "grayscale, rgb or rgba");
    interpolation = new Param<>(this, "interpolation", "resize interpolation");
    layers = new Param<>(this, "layers", "Keras 3 layer spec (JSON) applied after the generator; empty for none");
    samplewiseCenter = new BooleanParam(this, "samplewiseCenter", "generator option");
    samplewiseStdNormalization = new BooleanParam(this, "samplewiseStdNormalization", "generator option");
    rotationRange = new DoubleParam(this, "rotationRange", "generator option");
    widthShiftRange = new Param<>(this, "widthShiftRange", "generator option");
    heightShiftRange = new Param<>(this, "heightShiftRange", "generator option");
    brightnessRange = new Param<>(this, "brightnessRange", "generator option");
    shearRange = new DoubleParam(this, "shearRange", "generator option");
    zoomRange = new Param<>(this, "zoomRange", "generator option");
    channelShiftRange = new DoubleParam(this, "channelShiftRange", "generator option");
    fillMode = new Param<>(this, "fillMode", "generator option");
    cval = new DoubleParam(this, "cval", "generator option");
    horizontalFlip = new BooleanParam(this, "horizontalFlip", "generator option");
    verticalFlip = new BooleanParam(this, "verticalFlip", "generator option");
    rescale = new Param<>(this, "rescale", "generator option");
    interpolationOrder = new IntParam(this, "interpolationOrder", "generator option");
    fixKnownBugs = new BooleanParam(this, "fixKnownBugs", "generator option");
    setDefault(outputCol, "image");
    setDefault(outputFormat, "png");
    setDefault(baseDir, "");
    setDefault(copies, 1);
    setDefault(seed, 0L);
    setDefault(targetSize, new int[] {256, 256});
    setDefault(colorMode, "rgb");
    setDefault(interpolation, "nearest");
    setDefault(layers, "");
  }

  /**
   * Output column of the augmented images.
   *
   * @return the param
   */
  public Param<String> outputCol() {
    return outputCol;
  }

  /**
   * {@code png} (binary PNG bytes, values clipped to 0–255) or {@code floats} (array of HWC float32).
   *
   * @return the param
   */
  public Param<String> outputFormat() {
    return outputFormat;
  }

  /**
   * Directory the keys are relative to; empty: the path's parent of its parent (the class-folder root).
   *
   * @return the param
   */
  public Param<String> baseDir() {
    return baseDir;
  }

  /**
   * Augmented copies per image.
   *
   * @return the param
   */
  public IntParam copies() {
    return copies;
  }

  /**
   * The run's seed; copy k of key p uses {@link Augmentation#seedFor}(seed, p, k).
   *
   * @return the param
   */
  public LongParam seed() {
    return seed;
  }

  /**
   * Target size {height, width}.
   *
   * @return the param
   */
  public IntArrayParam targetSize() {
    return targetSize;
  }

  /**
   * grayscale, rgb or rgba.
   *
   * @return the param
   */
  public Param<String> colorMode() {
    return colorMode;
  }

  /**
   * nearest, bilinear, bicubic, lanczos, box or hamming.
   *
   * @return the param
   */
  public Param<String> interpolation() {
    return interpolation;
  }

  /**
   * A Keras 3 layer pipeline applied to every copy after the generator, as the JSON text {@code tuna layers --spec}
   * reads ({@code [{"class_name": ..., "config": ...}, ...]}); empty (the default) for none. Each copy is its own
   * batch of one image, with every layer seeded from {@link Augmentation#seedFor}(seed, key, copy) as Keras seeds
   * layers after {@code keras.utils.set_random_seed} (see {@link Augmentation}); seeds in the spec are not used.
   *
   * @return the param
   */
  public Param<String> layers() {
    return layers;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public BooleanParam samplewiseCenter() {
    return samplewiseCenter;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public BooleanParam samplewiseStdNormalization() {
    return samplewiseStdNormalization;
  }

  /**
   * Generator option (degrees).
   *
   * @return the param
   */
  public DoubleParam rotationRange() {
    return rotationRange;
  }

  /**
   * Generator option ("0.2", "3" or "[-8,0,8]").
   *
   * @return the param
   */
  public Param<String> widthShiftRange() {
    return widthShiftRange;
  }

  /**
   * Generator option ("0.2", "3" or "[-8,0,8]").
   *
   * @return the param
   */
  public Param<String> heightShiftRange() {
    return heightShiftRange;
  }

  /**
   * Generator option ("0.8,1.2").
   *
   * @return the param
   */
  public Param<String> brightnessRange() {
    return brightnessRange;
  }

  /**
   * Generator option (degrees).
   *
   * @return the param
   */
  public DoubleParam shearRange() {
    return shearRange;
  }

  /**
   * Generator option ("0.2" or "0.8,1.2").
   *
   * @return the param
   */
  public Param<String> zoomRange() {
    return zoomRange;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public DoubleParam channelShiftRange() {
    return channelShiftRange;
  }

  /**
   * Generator option (constant, nearest, reflect, wrap).
   *
   * @return the param
   */
  public Param<String> fillMode() {
    return fillMode;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public DoubleParam cval() {
    return cval;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public BooleanParam horizontalFlip() {
    return horizontalFlip;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public BooleanParam verticalFlip() {
    return verticalFlip;
  }

  /**
   * Generator option ("1/255").
   *
   * @return the param
   */
  public Param<String> rescale() {
    return rescale;
  }

  /**
   * Generator option (0 or 1).
   *
   * @return the param
   */
  public IntParam interpolationOrder() {
    return interpolationOrder;
  }

  /**
   * Generator option.
   *
   * @return the param
   */
  public BooleanParam fixKnownBugs() {
    return fixKnownBugs;
  }

  /**
   * Sets a parameter by name, with a text value for generator options ({@code tuna flow}'s spelling).
   *
   * @param name a Param name or a generator flag such as {@code --rotation-range}
   * @param value the value as text
   * @return this transformer
   */
  public ImageAugmenter setOption(String name, String value) {
    String key = GeneratorSettings.canonical(name);
    Param<?> p = getParam(key);
    if (p instanceof BooleanParam b) {
      set(b, (Object) GeneratorSettings.bool(key, value.trim()));
    } else if (p instanceof DoubleParam d) {
      set(d, (Object) GeneratorSettings.number(value, key));
    } else if (p instanceof IntParam i) {
      set(i, (Object) Integer.parseInt(value.trim()));
    } else {
      @SuppressWarnings("unchecked")
      Param<String> s = (Param<String>) p;
      set(s, value);
    }
    return this;
  }

  /**
   * Sets {@link #copies()}.
   *
   * @param k copies per image
   * @return this transformer
   */
  public ImageAugmenter setCopies(int k) {
    set(copies, (Object) k);
    return this;
  }

  /**
   * Sets {@link #seed()}.
   *
   * @param s the seed
   * @return this transformer
   */
  public ImageAugmenter setSeed(long s) {
    set(seed, (Object) s);
    return this;
  }

  /**
   * Sets {@link #targetSize()}.
   *
   * @param height rows
   * @param width columns
   * @return this transformer
   */
  public ImageAugmenter setTargetSize(int height, int width) {
    set(targetSize, new int[] {height, width});
    return this;
  }

  /**
   * Sets {@link #colorMode()}.
   *
   * @param mode grayscale, rgb or rgba
   * @return this transformer
   */
  public ImageAugmenter setColorMode(String mode) {
    set(colorMode, mode);
    return this;
  }

  /**
   * Sets {@link #layers()}.
   *
   * @param specJson the layer spec's JSON text, or empty for none
   * @return this transformer
   */
  public ImageAugmenter setLayers(String specJson) {
    set(layers, specJson);
    return this;
  }

  /**
   * Sets {@link #outputFormat()}.
   *
   * @param format png or floats
   * @return this transformer
   */
  public ImageAugmenter setOutputFormat(String format) {
    set(outputFormat, format);
    return this;
  }

  /**
   * Sets {@link #baseDir()}.
   *
   * @param dir the input directory (a path or URI)
   * @return this transformer
   */
  public ImageAugmenter setBaseDir(String dir) {
    set(baseDir, dir);
    return this;
  }

  /**
   * The single-machine augmentation these Params describe.
   *
   * @return the augmentation
   */
  public Augmentation augmentation() {
    Augmentation.Builder b = Augmentation.builder().copies(getInt(copies)).seed((Long) $(seed))
        .colorMode(ColorMode.parse($(colorMode))).interpolation(Interpolation.parse($(interpolation)));
    int[] size = $(targetSize);
    if (size.length != 2) {
      throw new IllegalArgumentException("targetSize must be {height, width} but had " + size.length + " values");
    }
    b.targetSize(size[0], size[1]);
    if (!$(layers).isEmpty()) {
      b.layers($(layers));
    }
    for (String name : GeneratorSettings.NAMES) {
      Param<?> p = getParam(name);
      if (isDefined(p)) {
        b.option(name, String.valueOf($(p)));
      }
    }
    return b.build();
  }

  private int getInt(IntParam p) {
    return (Integer) $(p);
  }

  boolean floats() {
    String f = $(outputFormat);
    if (!f.equals("png") && !f.equals("floats")) {
      throw new IllegalArgumentException("outputFormat must be png or floats but was " + f);
    }
    return f.equals("floats");
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireInputColumns(schema);
    return new StructType()
        .add("path", DataTypes.StringType, false)
        .add("key", DataTypes.StringType, false)
        .add("label", DataTypes.StringType, true)
        .add("copy", DataTypes.IntegerType, false)
        .add("height", DataTypes.IntegerType, false)
        .add("width", DataTypes.IntegerType, false)
        .add("channels", DataTypes.IntegerType, false)
        .add($(outputCol), floats() ? DataTypes.createArrayType(DataTypes.FloatType, false) : DataTypes.BinaryType,
            true)
        .add("error", DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    return dataset.toDF().mapPartitions(partitionFunction(dataset), Encoders.row(out));
  }

  /**
   * The work of {@link #transform} on one partition of {@code dataset}'s rows, for jobs that consume the output rows
   * on the executors (as {@code tuna spark augment} writes them) without converting them to Spark's internal rows.
   */
  AugmentPartition partitionFunction(Dataset<?> dataset) {
    requireInputColumns(dataset.schema());
    return new AugmentPartition(augmentation(), policy(), floats(), $(baseDir), pathIndex(dataset),
        contentIndex(dataset));
  }

  /**
   * The work of {@link #transform} on rows that hold only a path (index 0) and the file's bytes (index 1), for jobs
   * that read the files themselves.
   */
  AugmentPartition partitionFunction() {
    return new AugmentPartition(augmentation(), policy(), floats(), $(baseDir), 0, 1);
  }

  /**
   * A reader of saved augmenters.
   *
   * @return the reader
   */
  public static MLReader<ImageAugmenter> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an augmenter saved with {@code write().save(path)}.
   *
   * @param path the directory
   * @return the augmenter
   */
  public static ImageAugmenter load(String path) {
    return read().load(path);
  }
}
