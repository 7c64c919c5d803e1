package dev.tuna.augment;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireFinite;
import static dev.tuna.core.internal.Preconditions.requireNonNull;

import dev.tuna.augment.internal.steps.AffineStep;
import dev.tuna.augment.internal.steps.BrightnessStep;
import dev.tuna.augment.internal.steps.ChannelShiftStep;
import dev.tuna.augment.internal.steps.FittedStep;
import dev.tuna.augment.internal.steps.FlipStep;
import dev.tuna.augment.internal.steps.PreprocessingStep;
import dev.tuna.augment.internal.steps.RescaleStep;
import dev.tuna.augment.internal.steps.SampleStep;
import dev.tuna.augment.internal.steps.SampleSteps;
import dev.tuna.augment.internal.steps.SamplewiseStep;
import dev.tuna.core.image.Image;
import dev.tuna.core.internal.BuilderOptions;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.core.random.RandomSource;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Keras' {@code ImageDataGenerator}: the same options, defaults, random draws and pixels.
 *
 * <pre>{@code
 * ImageDataGenerator gen = ImageDataGenerator.builder()
 *     .rotationRange(30).widthShiftRange(0.2).heightShiftRange(0.2).shearRange(10).zoomRange(0.2)
 *     .horizontalFlip(true).fillMode(FillMode.NEAREST).rescale(1 / 255.0)
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link #fit} returns a new generator that carries the fitted
 * statistics. Every random draw comes from a {@link RandomSource} passed in by the caller, in Keras' order, so a
 * {@link NumpyRandom} seeded like {@code np.random.seed} reproduces Keras' parameters exactly.
 *
 * <p>By default tuna is bug-compatible with Keras (current, Keras ≥ 2.9 / Keras 3): {@code height_shift_range}
 * moves content horizontally and {@code width_shift_range} vertically, and non-square images rotate about a
 * transposed centre. {@link Builder#fixKnownBugs(boolean) fixKnownBugs(true)} corrects both.
 */
public final class ImageDataGenerator {
  static final System.Logger LOG = System.getLogger("dev.tuna.augment");

  /** Keras' default {@code zca_epsilon}. */
  public static final double DEFAULT_ZCA_EPSILON = 1e-6;
  /** Keras' default {@code fill_mode}. */
  public static final FillMode DEFAULT_FILL_MODE = FillMode.NEAREST;
  /** Keras' default {@code interpolation_order}. */
  public static final int DEFAULT_INTERPOLATION_ORDER = 1;
  /** tuna's default warp kernel, the Keras-exact one. */
  public static final WarpBackend DEFAULT_WARP_BACKEND = WarpBackend.KERAS_EXACT;
  /** tuna's default warp arithmetic: the bilinear blend in float32, within 2e-4 of Keras on the 0–255 scale. */
  public static final Precision DEFAULT_PRECISION = Precision.FLOAT32;

  private final boolean featurewiseCenter;
  private final boolean samplewiseCenter;
  private final boolean featurewiseStdNormalization;
  private final boolean samplewiseStdNormalization;
  private final boolean zcaWhitening;
  private final double zcaEpsilon;
  private final double rotationRange;
  private final ShiftRange widthShiftRange;
  private final ShiftRange heightShiftRange;
  private final double[] brightnessRange;
  private final double shearRange;
  private final double[] zoomRange;
  private final double channelShiftRange;
  private final FillMode fillMode;
  private final double cval;
  private final boolean horizontalFlip;
  private final boolean verticalFlip;
  private final double rescale;
  private final UnaryOperator<Image> preprocessingFunction;
  private final DataFormat dataFormat;
  private final double validationSplit;
  private final int interpolationOrder;
  private final boolean fixKnownBugs;
  private final WarpBackend warpBackend;
  private final boolean float32;
  private final FitStatistics statistics;
  private final AtomicBoolean warnedUnfitted = new AtomicBoolean();

  private ImageDataGenerator(Builder b, FitStatistics statistics) {
    boolean center = b.featurewiseCenter;
    boolean std = b.featurewiseStdNormalization;
    boolean sampleCenter = b.samplewiseCenter;
    // Keras' overrides, in Keras' order, each judged on the original arguments.
    if (b.zcaWhitening && !b.featurewiseCenter) {
      center = true;
      LOG.log(Level.WARNING, "This ImageDataGenerator specifies `zca_whitening`, which overrides setting of "
          + "`featurewise_center`.");
    }
    if (b.zcaWhitening && b.featurewiseStdNormalization) {
      std = false;
      LOG.log(Level.WARNING, "This ImageDataGenerator specifies `zca_whitening` which overrides setting of"
          + "`featurewise_std_normalization`.");
    }
    if (b.featurewiseStdNormalization && !b.featurewiseCenter) {
      center = true;
      LOG.log(Level.WARNING, "This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides "
          + "setting of `featurewise_center`.");
    }
    if (b.samplewiseStdNormalization && !b.samplewiseCenter) {
      sampleCenter = true;
      LOG.log(Level.WARNING, "This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides "
          + "setting of `samplewise_center`.");
    }
    this.featurewiseCenter = center;
    this.featurewiseStdNormalization = std;
    this.samplewiseCenter = sampleCenter;
    this.samplewiseStdNormalization = b.samplewiseStdNormalization;
    this.zcaWhitening = b.zcaWhitening;
    this.zcaEpsilon = b.zcaEpsilon;
    this.rotationRange = b.rotationRange;
    this.widthShiftRange = b.widthShiftRange;
    this.heightShiftRange = b.heightShiftRange;
    this.brightnessRange = b.brightnessRange;
    this.shearRange = b.shearRange;
    this.zoomRange = b.zoomRange;
    this.channelShiftRange = b.channelShiftRange;
    this.fillMode = b.fillMode;
    this.cval = b.cval;
    this.horizontalFlip = b.horizontalFlip;
    this.verticalFlip = b.verticalFlip;
    this.rescale = b.rescale;
    this.preprocessingFunction = b.preprocessingFunction;
    this.dataFormat = b.dataFormat;
    this.validationSplit = b.validationSplit;
    this.interpolationOrder = b.interpolationOrder;
    this.fixKnownBugs = b.fixKnownBugs;
    this.warpBackend = b.warpBackend;
    this.float32 = b.precision == Precision.FLOAT32;
    this.statistics = statistics;
    this.builderState = b.copy();
    this.steps = kerasSteps();
  }

  private final Builder builderState;
  /** The per-sample steps of {@code apply_transform} and {@code standardize}, in Keras' order. */
  private final SampleSteps steps;

  private SampleSteps kerasSteps() {
    List<SampleStep> transform = List.of(
        new AffineStep(fillMode, cval, interpolationOrder, fixKnownBugs, warpBackend, float32),
        new ChannelShiftStep(), FlipStep.horizontal(), FlipStep.vertical(), new BrightnessStep());
    List<SampleStep> standardize = new ArrayList<>();
    if (preprocessingFunction != null) {
      standardize.add(new PreprocessingStep(preprocessingFunction));
    }
    if (rescale != 0) {
      standardize.add(new RescaleStep(rescale));
    }
    if (samplewiseCenter) {
      standardize.add(SamplewiseStep.CENTER);
    }
    if (samplewiseStdNormalization) {
      standardize.add(SamplewiseStep.STD);
    }
    if (featurewiseCenter) {
      standardize.add(FittedStep.featurewiseCenter(statistics == null ? null : statistics.sharedMean(),
          this::warnUnfitted));
    }
    if (featurewiseStdNormalization) {
      standardize.add(FittedStep.featurewiseStd(statistics == null ? null : statistics.sharedStd(),
          this::warnUnfitted));
    }
    if (zcaWhitening) {
      standardize.add(FittedStep.zca(statistics == null ? null : statistics.sharedZcaWhiteningMatrix(),
          this::warnUnfitted));
    }
    return new SampleSteps(transform, standardize);
  }

  /**
   * A builder with Keras' defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder preset with this generator's options (not its fitted statistics).
   *
   * @return a builder
   */
  public Builder newBuilder() {
    return builderState.copy();
  }

  // ---------------------------------------------------------------------------------------------- random params

  /**
   * Draws one parameter set for an image of {@code height × width}, consuming {@code rng} exactly like Keras'
   * {@code get_random_transform}: θ, tx, ty, shear, zx/zy, two flip draws (always), channel shift, brightness.
   *
   * @param height the image height
   * @param width the image width
   * @param rng the random source to draw from
   * @return the parameters
   */
  public TransformParameters getRandomTransform(int height, int width, RandomSource rng) {
    double theta = rotationRange != 0 ? rng.uniform(-rotationRange, rotationRange) : 0;
    double fromHeight = heightShiftRange.sample(rng, height);
    double fromWidth = widthShiftRange.sample(rng, width);
    double shear = shearRange != 0 ? rng.uniform(-shearRange, shearRange) : 0;
    double zx = 1;
    double zy = 1;
    if (!(zoomRange[0] == 1 && zoomRange[1] == 1)) {
      zx = rng.uniform(zoomRange[0], zoomRange[1]);
      zy = rng.uniform(zoomRange[0], zoomRange[1]);
    }
    boolean flipH = rng.randomSample() < 0.5 && horizontalFlip;
    boolean flipV = rng.randomSample() < 0.5 && verticalFlip;
    Double channelShift = channelShiftRange != 0 ? rng.uniform(-channelShiftRange, channelShiftRange) : null;
    Double brightness = brightnessRange != null ? rng.uniform(brightnessRange[0], brightnessRange[1]) : null;
    // Keras stores height_shift_range's draw as tx, which moves content horizontally; the fix swaps them back.
    double tx = fixKnownBugs ? fromWidth : fromHeight;
    double ty = fixKnownBugs ? fromHeight : fromWidth;
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipH, flipV, channelShift, brightness);
  }

  /**
   * {@link #getRandomTransform(int, int, RandomSource)} for {@code image}'s shape.
   *
   * @param image the image whose shape is used
   * @param rng the random source to draw from
   * @return the parameters
   */
  public TransformParameters getRandomTransform(Image image, RandomSource rng) {
    return getRandomTransform(image.height(), image.width(), rng);
  }

  /**
   * Keras' {@code get_random_transform(shape, seed)}: reseeds a fresh NumPy-compatible source first.
   *
   * @param image the image whose shape is used
   * @param seed the seed, as {@code get_random_transform(seed=...)}
   * @return the parameters
   */
  public TransformParameters getRandomTransform(Image image, long seed) {
    return getRandomTransform(image, new NumpyRandom(seed));
  }

  // ---------------------------------------------------------------------------------------------- transforms

  /**
   * Keras' {@code apply_transform}: the affine warp (skipped when every component is neutral), channel shift,
   * horizontal flip, vertical flip, brightness. Returns a new image; {@code x} is not modified.
   *
   * @param x the image
   * @param p the transform parameters
   * @return the transformed image
   */
  public Image applyTransform(Image x, TransformParameters p) {
    float[] out = steps.transform(x.data(), x.height(), x.width(), x.channels(), p, false);
    return Image.wrap(x.height(), x.width(), x.channels(), out);
  }

  /**
   * {@link #applyTransform(Image, TransformParameters)} written into {@code out}, for loops that reuse one output
   * image (as OpenCV's {@code dst}) instead of allocating one per call. Same pixels; returns {@code out}.
   *
   * @param out an image of {@code x}'s shape, not {@code x} itself; every value is overwritten
   * @param x the image
   * @param p the transform parameters
   * @return {@code out}
   * @throws IllegalArgumentException if {@code out} has another shape or shares {@code x}'s array
   */
  public Image applyTransform(Image x, TransformParameters p, Image out) {
    requireArgument(out != null && out.sameShape(x), "out must be an image of shape %s but was %s", x, out);
    requireArgument(out.data() != x.data(), "out must not share the array of the input image %s", x);
    int h = x.height();
    int w = x.width();
    int c = x.channels();
    if (!steps.transformInto(x.data(), h, w, c, p, out.data(), 0)) {
      System.arraycopy(steps.transform(x.data(), h, w, c, p, false), 0, out.data(), 0, h * w * c);
    }
    return out;
  }

  /** The per-sample steps, in Keras' order, with their fused paths (for the iterators). */
  SampleSteps steps() {
    return steps;
  }

  /**
   * Keras' {@code random_transform(x)}: draws parameters from {@code rng} and applies them.
   *
   * @param x the image
   * @param rng the random source to draw from
   * @return the transformed image
   */
  public Image randomTransform(Image x, RandomSource rng) {
    return applyTransform(x, getRandomTransform(x, rng));
  }

  /**
   * {@link #randomTransform(Image, RandomSource)} written into {@code out}, which is returned; see
   * {@link #applyTransform(Image, TransformParameters, Image)}.
   *
   * @param x the image
   * @param rng the random source to draw from
   * @param out an image of {@code x}'s shape, not {@code x} itself
   * @return {@code out}
   */
  public Image randomTransform(Image x, RandomSource rng, Image out) {
    return applyTransform(x, getRandomTransform(x, rng), out);
  }

  /**
   * Keras' {@code random_transform(x, seed)}.
   *
   * @param x the image
   * @param seed the seed, as {@code random_transform(seed=...)}
   * @return the transformed image
   */
  public Image randomTransform(Image x, long seed) {
    return randomTransform(x, new NumpyRandom(seed));
  }

  /**
   * Keras' {@code standardize}: preprocessing function, rescale, samplewise centre/std, featurewise centre/std,
   * ZCA. Returns a new image. Featurewise steps of a generator that was not {@link #fit fitted} are skipped with a
   * warning logged once per generator, as Keras does.
   *
   * @param x the image
   * @return the standardized image
   */
  public Image standardize(Image x) {
    float[] out = steps.standardize(x.data(), x.height(), x.width(), x.channels(), false);
    return Image.wrap(x.height(), x.width(), x.channels(), out);
  }

  private void warnUnfitted(String option) {
    if (warnedUnfitted.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "This ImageDataGenerator specifies `" + option + "`, but it hasn't been fit on any "
          + "training data. Fit it first by calling `.fit(numpy_data)`.");
    }
  }

  // ---------------------------------------------------------------------------------------------- fit

  /**
   * {@code fit(x, shape, false, 1, null)}.
   *
   * @param x the samples, a rank-4 array in this generator's data format
   * @param shape the shape of {@code x}
   * @return a generator with the fitted statistics
   */
  public ImageDataGenerator fit(float[] x, int[] shape) {
    return fit(x, shape, false, 1, null);
  }

  /**
   * Keras' {@code fit}: computes the statistics that featurewise centring, std normalisation and ZCA need, and
   * returns a new generator that carries them; this generator is unchanged. {@code x} is a rank-4 array in this
   * generator's data format, {@code shape} its shape. Rescale is applied first; the preprocessing function and
   * samplewise steps are not (as in Keras).
   *
   * @param augment whether to fit on {@code rounds} randomly transformed copies of the data
   * @param seed reseeds the random source like {@code np.random.seed(seed)}; null draws from a random seed
   * @param x the samples, a rank-4 array in this generator's data format
   * @param shape the shape of {@code x}
   * @param rounds Keras' {@code rounds}, at least 1
   * @return a generator with the fitted statistics
   */
  public ImageDataGenerator fit(float[] x, int[] shape, boolean augment, int rounds, Long seed) {
    requireArgument(shape.length == 4, "Input to `.fit()` should have rank 4. Got array with shape: %s",
        java.util.Arrays.toString(shape));
    requireArgument(rounds >= 1, "rounds must be at least 1 but was %s", rounds);
    RandomSource rng = new NumpyRandom(seed != null ? seed : Seeds.random());
    FitStatistics stats = FitStatistics.compute(this, x, shape, augment, rounds, rng);
    return new ImageDataGenerator(builderState.copy(), stats);
  }

  // ---------------------------------------------------------------------------------------------- flows

  /**
   * Keras' {@code flow(x, ...)}: batches from a rank-4 array in this generator's data format ({@code shape} is
   * {@code [n, h, w, c]} for channels-last). Defaults: batch size 32, shuffled, unseeded.
   *
   * @param x the samples, a rank-4 array in this generator's data format
   * @param shape the shape of {@code x}
   * @return a builder of the iterator
   */
  public ArrayIterator.Builder flow(float[] x, int... shape) {
    return new ArrayIterator.Builder(this, x, shape);
  }

  /**
   * Keras' {@code flow_from_directory(directory, ...)}: one sub-directory per class. Defaults: target size 256 ×
   * 256, rgb, categorical, batch size 32, shuffled, nearest resize.
   *
   * @param directory Keras' {@code directory}
   * @return a builder of the iterator
   */
  public DirectoryIterator.DirectoryFlow flowFromDirectory(Path directory) {
    return new DirectoryIterator.DirectoryFlow(this, directory);
  }

  /**
   * Keras' {@code flow_from_dataframe} over a CSV file with a header row ({@code filename} and {@code class}
   * columns by default).
   *
   * @param csv the CSV file, as Keras' {@code dataframe}
   * @return a builder of the iterator
   */
  public DirectoryIterator.DataframeFlow flowFromDataframe(Path csv) {
    return new DirectoryIterator.DataframeFlow(this, csv);
  }

  /**
   * The fitted statistics, or null before {@link #fit}.
   *
   * @return the statistics, or null
   */
  public FitStatistics statistics() {
    return statistics;
  }

  // ---------------------------------------------------------------------------------------------- accessors

  /** {@return Keras' {@code featurewise_center}} */
  public boolean featurewiseCenter() {
    return featurewiseCenter;
  }

  /** {@return Keras' {@code samplewise_center}} */
  public boolean samplewiseCenter() {
    return samplewiseCenter;
  }

  /** {@return Keras' {@code featurewise_std_normalization}} */
  public boolean featurewiseStdNormalization() {
    return featurewiseStdNormalization;
  }

  /** {@return Keras' {@code samplewise_std_normalization}} */
  public boolean samplewiseStdNormalization() {
    return samplewiseStdNormalization;
  }

  /** {@return Keras' {@code zca_whitening}} */
  public boolean zcaWhitening() {
    return zcaWhitening;
  }

  /** {@return Keras' {@code zca_epsilon}} */
  public double zcaEpsilon() {
    return zcaEpsilon;
  }

  /** {@return Keras' {@code rotation_range}, in degrees} */
  public double rotationRange() {
    return rotationRange;
  }

  /** {@return Keras' {@code width_shift_range}} */
  public ShiftRange widthShiftRange() {
    return widthShiftRange;
  }

  /** {@return Keras' {@code height_shift_range}} */
  public ShiftRange heightShiftRange() {
    return heightShiftRange;
  }

  /**
   * {@code [low, high]}, or null when brightness is not augmented.
   *
   * @return a copy of the range, or null
   */
  public double[] brightnessRange() {
    return brightnessRange == null ? null : brightnessRange.clone();
  }

  /** {@return Keras' {@code shear_range}, in degrees} */
  public double shearRange() {
    return shearRange;
  }

  /**
   * {@code [low, high]} sampling scale factors; {@code [1, 1]} means no zoom.
   *
   * @return a copy of the range
   */
  public double[] zoomRange() {
    return zoomRange.clone();
  }

  /** {@return Keras' {@code channel_shift_range}} */
  public double channelShiftRange() {
    return channelShiftRange;
  }

  /** {@return Keras' {@code fill_mode}} */
  public FillMode fillMode() {
    return fillMode;
  }

  /** {@return Keras' {@code cval}} */
  public double cval() {
    return cval;
  }

  /** {@return Keras' {@code horizontal_flip}} */
  public boolean horizontalFlip() {
    return horizontalFlip;
  }

  /** {@return Keras' {@code vertical_flip}} */
  public boolean verticalFlip() {
    return verticalFlip;
  }

  /**
   * The rescale factor, or 0 for none.
   *
   * @return the factor
   */
  public double rescale() {
    return rescale;
  }

  /** {@return Keras' {@code data_format}} */
  public DataFormat dataFormat() {
    return dataFormat;
  }

  /** {@return Keras' {@code validation_split}} */
  public double validationSplit() {
    return validationSplit;
  }

  /** {@return Keras' {@code interpolation_order}: 0 or 1} */
  public int interpolationOrder() {
    return interpolationOrder;
  }

  /** {@return whether Keras' geometry bugs are corrected} */
  public boolean fixKnownBugs() {
    return fixKnownBugs;
  }

  /** {@return the warp kernel} */
  public WarpBackend warpBackend() {
    return warpBackend;
  }

  /** {@return the bilinear warp's arithmetic (see {@link Precision})} */
  public Precision precision() {
    return float32 ? Precision.FLOAT32 : Precision.EXACT;
  }

  /**
   * Whether the same input always gives the same output: no random augmentation and no preprocessing function.
   *
   * @return true if deterministic
   */
  public boolean isDeterministic() {
    return !augments() && preprocessingFunction == null;
  }

  /**
   * Whether {@link #getRandomTransform} can return anything but the identity.
   *
   * @return true if random transforms are drawn
   */
  public boolean augments() {
    return rotationRange != 0 || !widthShiftRange.isNone() || !heightShiftRange.isNone() || shearRange != 0
        || !(zoomRange[0] == 1 && zoomRange[1] == 1) || horizontalFlip || verticalFlip || channelShiftRange != 0
        || brightnessRange != null;
  }

  // ---------------------------------------------------------------------------------------------- builder

  /**
   * Collects Keras' constructor options. Setter names are Keras' option names in lowerCamelCase; defaults are
   * Keras'. Each setter rejects a bad value with an {@link IllegalArgumentException} naming the option and value,
   * null with a {@link NullPointerException} and a second set of the same option (through any of its overloads)
   * with an {@link IllegalStateException}; {@link #build()} checks the rules across options. A builder from
   * {@link ImageDataGenerator#newBuilder()} starts with the generator's values, each of which may be set once.
   */
  public static final class Builder {
    private boolean featurewiseCenter;
    private boolean samplewiseCenter;
    private boolean featurewiseStdNormalization;
    private boolean samplewiseStdNormalization;
    private boolean zcaWhitening;
    private double zcaEpsilon = DEFAULT_ZCA_EPSILON;
    private double rotationRange;
    private ShiftRange widthShiftRange = ShiftRange.NONE;
    private ShiftRange heightShiftRange = ShiftRange.NONE;
    private double[] brightnessRange;
    private double shearRange;
    private double[] zoomRange = {1, 1};
    private double channelShiftRange;
    private FillMode fillMode = DEFAULT_FILL_MODE;
    private double cval;
    private boolean horizontalFlip;
    private boolean verticalFlip;
    private double rescale;
    private UnaryOperator<Image> preprocessingFunction;
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;
    private double validationSplit;
    private int interpolationOrder = DEFAULT_INTERPOLATION_ORDER;
    private boolean fixKnownBugs;
    private WarpBackend warpBackend = DEFAULT_WARP_BACKEND;
    private final BuilderOptions options = new BuilderOptions();
    private Precision precision = DEFAULT_PRECISION;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.featurewiseCenter = featurewiseCenter;
      b.samplewiseCenter = samplewiseCenter;
      b.featurewiseStdNormalization = featurewiseStdNormalization;
      b.samplewiseStdNormalization = samplewiseStdNormalization;
      b.zcaWhitening = zcaWhitening;
      b.zcaEpsilon = zcaEpsilon;
      b.rotationRange = rotationRange;
      b.widthShiftRange = widthShiftRange;
      b.heightShiftRange = heightShiftRange;
      b.brightnessRange = brightnessRange == null ? null : brightnessRange.clone();
      b.shearRange = shearRange;
      b.zoomRange = zoomRange.clone();
      b.channelShiftRange = channelShiftRange;
      b.fillMode = fillMode;
      b.cval = cval;
      b.horizontalFlip = horizontalFlip;
      b.verticalFlip = verticalFlip;
      b.rescale = rescale;
      b.preprocessingFunction = preprocessingFunction;
      b.dataFormat = dataFormat;
      b.validationSplit = validationSplit;
      b.interpolationOrder = interpolationOrder;
      b.fixKnownBugs = fixKnownBugs;
      b.warpBackend = warpBackend;
      b.precision = precision;
      return b;
    }

    /**
     * Subtract the per-channel dataset mean computed by {@code fit}. Default false.
     *
     * @param on Keras' {@code featurewise_center}
     * @return this builder
     */
    public Builder featurewiseCenter(boolean on) {
      this.featurewiseCenter = options.set("featurewiseCenter", on);
      return this;
    }

    /**
     * Subtract each image's own mean (over all pixels and channels). Default false.
     *
     * @param on Keras' {@code samplewise_center}
     * @return this builder
     */
    public Builder samplewiseCenter(boolean on) {
      this.samplewiseCenter = options.set("samplewiseCenter", on);
      return this;
    }

    /**
     * Divide by the per-channel dataset std + 1e-6; implies featurewise centring. Default false.
     *
     * @param on Keras' {@code featurewise_std_normalization}
     * @return this builder
     */
    public Builder featurewiseStdNormalization(boolean on) {
      this.featurewiseStdNormalization = options.set("featurewiseStdNormalization", on);
      return this;
    }

    /**
     * Divide each image by its own std + 1e-6; implies samplewise centring. Default false.
     *
     * @param on Keras' {@code samplewise_std_normalization}
     * @return this builder
     */
    public Builder samplewiseStdNormalization(boolean on) {
      this.samplewiseStdNormalization = options.set("samplewiseStdNormalization", on);
      return this;
    }

    /**
     * ZCA whitening with the matrix computed by {@code fit}; implies featurewise centring. Default false.
     *
     * @param on Keras' {@code zca_whitening}
     * @return this builder
     */
    public Builder zcaWhitening(boolean on) {
      this.zcaWhitening = options.set("zcaWhitening", on);
      return this;
    }

    /**
     * Regulariser of the ZCA matrix. Default 1e-6; must be finite and non-negative.
     *
     * @param epsilon Keras' {@code zca_epsilon}
     * @return this builder
     */
    public Builder zcaEpsilon(double epsilon) {
      requireArgument(Double.isFinite(epsilon) && epsilon >= 0, "zcaEpsilon must be finite and >= 0 but was %s",
          epsilon);
      this.zcaEpsilon = options.set("zcaEpsilon", epsilon);
      return this;
    }

    /**
     * Rotation θ = uniform(−range, range) degrees; 0 (default) draws nothing.
     *
     * @param degrees Keras' {@code rotation_range}
     * @return this builder
     */
    public Builder rotationRange(double degrees) {
      this.rotationRange = options.set("rotationRange", requireFinite("rotationRange", degrees));
      return this;
    }

    /**
     * Width shift as a Python float: uniform(−v, v), a fraction of the width when v &lt; 1, else pixels. Keras
     * applies it to the vertical axis (see class docs). Default 0.
     *
     * @param v Keras' {@code width_shift_range} as a float
     * @return this builder
     */
    public Builder widthShiftRange(double v) {
      this.widthShiftRange = options.set("widthShiftRange", ShiftRange.ofFloat(v));
      return this;
    }

    /**
     * Width shift as a Python int {@code n}: a whole number of pixels in {−(n−1) … n−1}.
     *
     * @param n Keras' {@code width_shift_range} as an int
     * @return this builder
     */
    public Builder widthShiftRange(int n) {
      this.widthShiftRange = options.set("widthShiftRange", ShiftRange.ofInt(n));
      return this;
    }

    /**
     * Width shift as a Python list: one of the values with a random sign (fractions when all are below 1).
     *
     * @param choices Keras' {@code width_shift_range} as a list
     * @return this builder
     */
    public Builder widthShiftRange(List<? extends Number> choices) {
      requireNonNull("widthShiftRange", choices);
      this.widthShiftRange = options.set("widthShiftRange", ShiftRange.ofChoices(choices));
      return this;
    }

    /**
     * Height shift as a Python float; Keras applies it to the horizontal axis (see class docs). Default 0.
     *
     * @param v Keras' {@code height_shift_range} as a float
     * @return this builder
     */
    public Builder heightShiftRange(double v) {
      this.heightShiftRange = options.set("heightShiftRange", ShiftRange.ofFloat(v));
      return this;
    }

    /**
     * Height shift as a Python int.
     *
     * @param n Keras' {@code height_shift_range} as an int
     * @return this builder
     */
    public Builder heightShiftRange(int n) {
      this.heightShiftRange = options.set("heightShiftRange", ShiftRange.ofInt(n));
      return this;
    }

    /**
     * Height shift as a Python list of choices.
     *
     * @param choices Keras' {@code height_shift_range} as a list
     * @return this builder
     */
    public Builder heightShiftRange(List<? extends Number> choices) {
      requireNonNull("heightShiftRange", choices);
      this.heightShiftRange = options.set("heightShiftRange", ShiftRange.ofChoices(choices));
      return this;
    }

    /**
     * PIL brightness factor uniform(low, high): 1 = unchanged, below 1 darker. Default none.
     *
     * @param low the lower factor, finite
     * @param high the upper factor, finite
     * @return this builder
     */
    public Builder brightnessRange(double low, double high) {
      requireArgument(Double.isFinite(low) && Double.isFinite(high),
          "brightnessRange must be two finite numbers but was [%s, %s]", low, high);
      this.brightnessRange = options.set("brightnessRange", new double[] {low, high});
      return this;
    }

    /**
     * Keras' list form; exactly two values.
     *
     * @param range Keras' {@code brightness_range}, two values
     * @return this builder
     */
    public Builder brightnessRange(List<? extends Number> range) {
      requireNonNull("brightnessRange", range);
      requireArgument(range.size() == 2, "brightnessRange should be a tuple or list of two floats but was %s",
          range);
      return brightnessRange(range.get(0).doubleValue(), range.get(1).doubleValue());
    }

    /**
     * Shear angle uniform(−range, range) in degrees; 0 (default) draws nothing.
     *
     * @param degrees Keras' {@code shear_range}
     * @return this builder
     */
    public Builder shearRange(double degrees) {
      this.shearRange = options.set("shearRange", requireFinite("shearRange", degrees));
      return this;
    }

    /**
     * Zoom factors from {@code [1 − z, 1 + z]}, drawn independently per axis; 0 (default) draws nothing.
     *
     * @param z Keras' {@code zoom_range} as a float
     * @return this builder
     */
    public Builder zoomRange(double z) {
      requireFinite("zoomRange", z);
      this.zoomRange = options.set("zoomRange", new double[] {1 - z, 1 + z});
      return this;
    }

    /**
     * Zoom factors from {@code [low, high]} (not sorted, as in Keras). Values below 1 zoom in.
     *
     * @param low the lower factor, finite
     * @param high the upper factor, finite
     * @return this builder
     */
    public Builder zoomRange(double low, double high) {
      requireArgument(Double.isFinite(low) && Double.isFinite(high),
          "zoomRange must be two finite numbers but was [%s, %s]", low, high);
      this.zoomRange = options.set("zoomRange", new double[] {low, high});
      return this;
    }

    /**
     * Keras' list form: exactly two values.
     *
     * @param range Keras' {@code zoom_range} as a list of two values
     * @return this builder
     */
    public Builder zoomRange(List<? extends Number> range) {
      requireNonNull("zoomRange", range);
      requireArgument(range.size() == 2, "zoomRange should be a float or a tuple or list of two floats but was %s",
          range);
      return zoomRange(range.get(0).doubleValue(), range.get(1).doubleValue());
    }

    /**
     * One offset uniform(−range, range) added to all channels, clipped to the image range. Default 0.
     *
     * @param range Keras' {@code channel_shift_range}
     * @return this builder
     */
    public Builder channelShiftRange(double range) {
      this.channelShiftRange = options.set("channelShiftRange", requireFinite("channelShiftRange", range));
      return this;
    }

    /**
     * Boundary handling of the warp. Default {@link FillMode#NEAREST}.
     *
     * @param mode Keras' {@code fill_mode}
     * @return this builder
     */
    public Builder fillMode(FillMode mode) {
      this.fillMode = options.set("fillMode", mode);
      return this;
    }

    /**
     * Fill value for {@link FillMode#CONSTANT}. Default 0.
     *
     * @param value Keras' {@code cval}
     * @return this builder
     */
    public Builder cval(double value) {
      this.cval = options.set("cval", requireFinite("cval", value));
      return this;
    }

    /**
     * Reverse the columns with probability 0.5. Default false.
     *
     * @param on Keras' {@code horizontal_flip}
     * @return this builder
     */
    public Builder horizontalFlip(boolean on) {
      this.horizontalFlip = options.set("horizontalFlip", on);
      return this;
    }

    /**
     * Reverse the rows with probability 0.5. Default false.
     *
     * @param on Keras' {@code vertical_flip}
     * @return this builder
     */
    public Builder verticalFlip(boolean on) {
      this.verticalFlip = options.set("verticalFlip", on);
      return this;
    }

    /**
     * Multiply by this factor after augmentation and the preprocessing function; 0 (default) = none.
     *
     * @param factor Keras' {@code rescale}
     * @return this builder
     */
    public Builder rescale(double factor) {
      this.rescale = options.set("rescale", requireFinite("rescale", factor));
      return this;
    }

    /**
     * Applied to each augmented image before rescale; must return an image of the same shape.
     *
     * @param function Keras' {@code preprocessing_function}
     * @return this builder
     */
    public Builder preprocessingFunction(UnaryOperator<Image> function) {
      this.preprocessingFunction = options.set("preprocessingFunction", function);
      return this;
    }

    /**
     * Layout of {@code flow}/{@code fit} arrays and of batches. Default channels-last.
     *
     * @param format Keras' {@code data_format}
     * @return this builder
     */
    public Builder dataFormat(DataFormat format) {
      this.dataFormat = options.set("dataFormat", format);
      return this;
    }

    /**
     * Fraction reserved for {@code subset("validation")}; 0 (default) or strictly between 0 and 1.
     *
     * @param split Keras' {@code validation_split}
     * @return this builder
     */
    public Builder validationSplit(double split) {
      requireArgument(split == 0 || (split > 0 && split < 1),
          "validationSplit must be strictly between 0 and 1 but was %s", split);
      this.validationSplit = options.set("validationSplit", split);
      return this;
    }

    /**
     * Spline order of the warp: 0 (nearest) or 1 (bilinear, default). Keras also passes 2–5 to SciPy; tuna
     * supports 0 and 1 only.
     *
     * @param order Keras' {@code interpolation_order}
     * @return this builder
     */
    public Builder interpolationOrder(int order) {
      requireArgument(order == 0 || order == 1,
          "interpolationOrder must be 0 or 1 (tuna does not implement spline orders 2-5) but was %s", order);
      this.interpolationOrder = options.set("interpolationOrder", order);
      return this;
    }

    /**
     * Output dtype; tuna produces {@code "float32"} only.
     *
     * @param dtype Keras' {@code dtype}, {@code "float32"}
     * @return this builder
     */
    public Builder dtype(String dtype) {
      requireNonNull("dtype", dtype);
      requireArgument("float32".equals(dtype), "dtype must be float32 but was %s", dtype);
      options.set("dtype", dtype);
      return this;
    }

    /**
     * Corrects Keras' geometry bugs: width shifts move content horizontally and height shifts vertically, and
     * non-square images rotate and zoom about their true centre. Default false (bug-compatible).
     *
     * @param on whether to correct the bugs
     * @return this builder
     */
    public Builder fixKnownBugs(boolean on) {
      this.fixKnownBugs = options.set("fixKnownBugs", on);
      return this;
    }

    /**
     * The warp kernel. Default {@link WarpBackend#KERAS_EXACT}; {@link WarpBackend#OPENCV} is an approximate
     * opt-in whose differences from Keras are listed on {@link WarpBackend#OPENCV}.
     *
     * @param backend the warp kernel
     * @return this builder
     */
    public Builder warpBackend(WarpBackend backend) {
      this.warpBackend = options.set("warpBackend", backend);
      return this;
    }

    /**
     * The arithmetic of the exact backend's bilinear warp. Default {@link Precision#FLOAT32}: the blend in float32,
     * within 2e-4 of Keras on the 0–255 scale, about twice as fast where its native kernel runs;
     * {@link Precision#EXACT} is bit-identical to Keras.
     *
     * @param precision the warp's arithmetic
     * @return this builder
     */
    public Builder precision(Precision precision) {
      this.precision = options.set("precision", precision);
      return this;
    }

    /**
     * Removes every random augmentation, keeping normalisation, rescale and layout (for validation data).
     *
     * @return this builder
     */
    public Builder clearAugmentations() {
      rotationRange = 0;
      widthShiftRange = ShiftRange.NONE;
      heightShiftRange = ShiftRange.NONE;
      brightnessRange = null;
      shearRange = 0;
      zoomRange = new double[] {1, 1};
      channelShiftRange = 0;
      horizontalFlip = false;
      verticalFlip = false;
      return this;
    }

    /**
     * Builds the generator, checking the rules across options.
     *
     * @return the generator
     */
    public ImageDataGenerator build() {
      Preconditions.requireState(!(dataFormat == DataFormat.CHANNELS_FIRST && brightnessRange != null && !fixKnownBugs),
          "brightnessRange with dataFormat channels_first fails in Keras (the CHW array is read as HWC); "
              + "use channels_last or fixKnownBugs(true)");
      return new ImageDataGenerator(this, null);
    }
  }
}
