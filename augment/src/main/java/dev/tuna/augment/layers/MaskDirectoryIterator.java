package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Interpolation;
import dev.tuna.core.random.NumpyRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Batches of images paired with segmentation masks: {@code root/images/NAME} with {@code root/masks/NAME} (the same
 * file name, or the same name with another image extension, e.g. {@code a.jpg} with {@code a.png}). Images are
 * resized to the target size with the chosen interpolation; masks are read as class ids and resized with nearest,
 * so class ids stay class ids: a palette PNG (PIL mode {@code P}, as Pascal VOC stores its masks, 255 marking
 * "void") gives each pixel's palette index, the class id; a greyscale mask its value (8-bit, or 0–65535 for 16-bit
 * PNGs); a colour mask its grey value (PIL's {@code convert("L")}). This differs from Keras'
 * {@code load_img(color_mode="grayscale")}, which converts a palette image through its colours to grey; that
 * reading is available as {@link Builder#paletteIndices paletteIndices(false)}.
 * Each batch is a {@link LayerBatch} with one-channel masks, optionally passed through Keras 3 layers (which move
 * masks with the images).
 *
 * <p>Files are taken in name order; with {@code shuffle} each epoch's order is a NumPy permutation from the seed.
 * {@link #nextBatch()} runs endlessly, epoch after epoch; {@link #hasNext()} / {@link #next()} walk one epoch.
 */
public final class MaskDirectoryIterator implements Iterator<LayerBatch> {
  private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff");

  private final List<Path> images;
  private final List<Path> masks;
  private final ImageLoader imageLoader;
  private final ImageLoader maskLoader;
  private final int batchSize;
  private final boolean shuffle;
  private final NumpyRandom rng;
  private final AugmentationLayer layers;
  private int[] order;
  private int position;
  private boolean epochEnded;

  private MaskDirectoryIterator(Builder b, List<Path> images, List<Path> masks) {
    this.images = images;
    this.masks = masks;
    this.imageLoader = ImageLoader.builder().colorMode(b.colorMode).targetSize(b.height, b.width)
        .interpolation(b.interpolation).build();
    this.maskLoader = ImageLoader.builder().colorMode(ColorMode.GRAYSCALE).targetSize(b.height, b.width)
        .interpolation(Interpolation.NEAREST).paletteIndices(b.paletteIndices).build();
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.rng = new NumpyRandom(b.seed != null ? b.seed : new SecureRandom().nextInt(Integer.MAX_VALUE));
    this.layers = b.layers;
    newEpoch();
  }

  /**
   * A builder over {@code root/images} and {@code root/masks}.
   *
   * @param root the directory holding {@code images/} and {@code masks/}
   * @return the builder
   */
  public static Builder builder(Path root) {
    return new Builder(requireNonNull("root", root));
  }

  private void newEpoch() {
    int n = images.size();
    if (shuffle) {
      order = rng.permutation(n);
    } else {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }
    position = 0;
  }

  /**
   * The image files, in name order.
   *
   * @return the image paths
   */
  public List<Path> imagePaths() {
    return images;
  }

  /**
   * The mask file of each image, in the same order.
   *
   * @return the mask paths
   */
  public List<Path> maskPaths() {
    return masks;
  }

  /**
   * Number of image/mask pairs.
   *
   * @return the pair count
   */
  public int size() {
    return images.size();
  }

  /**
   * Batches per epoch, {@code ceil(size / batchSize)}.
   *
   * @return the batch count
   */
  public int batchCount() {
    return (images.size() + batchSize - 1) / batchSize;
  }

  /**
   * Whether the current epoch has a batch left.
   *
   * @return whether {@link #next()} returns a batch
   */
  @Override
  public synchronized boolean hasNext() {
    return !epochEnded;
  }

  /**
   * The next batch of this epoch.
   *
   * @return the batch
   * @throws NoSuchElementException when the epoch has ended ({@link #reset()} starts the next)
   */
  @Override
  public synchronized LayerBatch next() {
    if (epochEnded) {
      throw new NoSuchElementException("the epoch ended after " + batchCount() + " batches: call reset() or "
          + "nextBatch()");
    }
    return nextBatch();
  }

  /** Starts a new epoch for {@link #next()}. */
  public synchronized void reset() {
    if (position > 0) {
      newEpoch();
    }
    epochEnded = false;
  }

  /**
   * The next batch, endlessly: after the last (possibly short) batch of an epoch the next epoch begins.
   *
   * @return the images with their masks (and through the layers, if any)
   * @throws UncheckedIOException when a file cannot be read
   */
  public synchronized LayerBatch nextBatch() {
    if (position >= order.length) {
      newEpoch();
    }
    int from = position;
    int to = Math.min(from + batchSize, order.length);
    position = to;
    epochEnded = to == order.length;
    LayerBatch batch = load(from, to);
    return layers == null ? batch : layers.apply(batch);
  }

  private LayerBatch load(int from, int to) {
    int n = to - from;
    float[] x = null;
    float[] m = null;
    int h = 0;
    int w = 0;
    int c = 0;
    for (int k = 0; k < n; k++) {
      int i = order[from + k];
      Image image;
      Image mask;
      try {
        image = imageLoader.load(images.get(i));
        mask = maskLoader.load(masks.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + images.get(i) + " or " + masks.get(i), e);
      }
      if (x == null) {
        h = image.height();
        w = image.width();
        c = image.channels();
        x = new float[n * h * w * c];
        m = new float[n * h * w];
      }
      System.arraycopy(image.data(), 0, x, k * h * w * c, h * w * c);
      System.arraycopy(mask.data(), 0, m, k * h * w, h * w);
    }
    return LayerBatch.of(x, n, h, w, c).withMasks(m, 1);
  }

  @Override
  public String toString() {
    return "MaskDirectoryIterator[" + images.size() + " pairs, batchSize=" + batchSize + "]";
  }

  /** Builder of {@link MaskDirectoryIterator}; options can be set once each. */
  public static final class Builder {
    private final Path root;
    private int height = 256;
    private int width = 256;
    private boolean targetSizeSet;
    private ColorMode colorMode = ColorMode.RGB;
    private boolean colorModeSet;
    private Interpolation interpolation = Interpolation.NEAREST;
    private boolean interpolationSet;
    private int batchSize = 32;
    private boolean batchSizeSet;
    private boolean shuffle = true;
    private boolean shuffleSet;
    private Long seed;
    private AugmentationLayer layers;
    private boolean paletteIndices = true;
    private boolean paletteIndicesSet;

    private Builder(Path root) {
      this.root = root;
    }

    /**
     * The size images and masks are resized to (default 256 × 256, as {@code flow_from_directory}).
     *
     * @param height the height
     * @param width the width
     * @return this builder
     */
    public Builder targetSize(int height, int width) {
      requireUnset(targetSizeSet, "targetSize", this.height + "x" + this.width);
      requireArgument(height > 0 && width > 0, "targetSize must be positive but was %dx%d", height, width);
      this.height = height;
      this.width = width;
      this.targetSizeSet = true;
      return this;
    }

    /**
     * The images' colour mode (default rgb); masks are always one grey channel.
     *
     * @param colorMode the colour mode
     * @return this builder
     */
    public Builder colorMode(ColorMode colorMode) {
      requireNonNull("colorMode", colorMode);
      requireUnset(colorModeSet, "colorMode", this.colorMode);
      this.colorMode = colorMode;
      this.colorModeSet = true;
      return this;
    }

    /**
     * How images are resized (default nearest, as {@code flow_from_directory}); masks always use nearest.
     *
     * @param interpolation PIL's resampling filter
     * @return this builder
     */
    public Builder interpolation(Interpolation interpolation) {
      requireNonNull("interpolation", interpolation);
      requireUnset(interpolationSet, "interpolation", this.interpolation);
      this.interpolation = interpolation;
      this.interpolationSet = true;
      return this;
    }

    /**
     * Whether palette PNG masks give their palette indices, the class ids (default true), or, with false, grey values
     * converted through the palette's colours, as Keras' {@code load_img(color_mode="grayscale")} reads them.
     *
     * @param paletteIndices false for Keras' {@code load_img} reading
     * @return this builder
     */
    public Builder paletteIndices(boolean paletteIndices) {
      requireUnset(paletteIndicesSet, "paletteIndices", this.paletteIndices);
      this.paletteIndices = paletteIndices;
      this.paletteIndicesSet = true;
      return this;
    }

    /**
     * Pairs per batch (default 32).
     *
     * @param batchSize the batch size
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      requireUnset(batchSizeSet, "batchSize", this.batchSize);
      requireArgument(batchSize > 0, "batchSize must be positive but was %s", batchSize);
      this.batchSize = batchSize;
      this.batchSizeSet = true;
      return this;
    }

    /**
     * Whether each epoch takes the pairs in a new random order (default true).
     *
     * @param shuffle whether to shuffle
     * @return this builder
     */
    public Builder shuffle(boolean shuffle) {
      requireUnset(shuffleSet, "shuffle", this.shuffle);
      this.shuffle = shuffle;
      this.shuffleSet = true;
      return this;
    }

    /**
     * The seed of the shuffling (a NumPy {@code RandomState}); without it a random one.
     *
     * @param seed the seed, in [0, 2^32)
     * @return this builder
     */
    public Builder seed(long seed) {
      requireUnset(this.seed != null, "seed", this.seed);
      requireArgument(seed >= 0 && seed <= 0xFFFF_FFFFL, "seed must be between 0 and 2**32 - 1 but was %s", seed);
      this.seed = seed;
      return this;
    }

    /**
     * Keras 3 layers every batch goes through in training mode (masks move with the images).
     *
     * @param layers the layers, e.g. a {@link Pipeline}
     * @return this builder
     */
    public Builder layers(AugmentationLayer layers) {
      requireNonNull("layers", layers);
      requireUnset(this.layers != null, "layers", this.layers);
      this.layers = layers;
      return this;
    }

    /**
     * Pairs every image with its mask and builds the iterator.
     *
     * @return the iterator
     * @throws UncheckedIOException when a directory cannot be listed
     * @throws IllegalArgumentException when {@code images/} or {@code masks/} is missing, holds no image, or an
     *     image has no mask (or several candidates)
     */
    public MaskDirectoryIterator build() {
      Path imageDir = root.resolve("images");
      Path maskDir = root.resolve("masks");
      requireArgument(Files.isDirectory(imageDir), "%s must hold an images/ directory", root);
      requireArgument(Files.isDirectory(maskDir), "%s must hold a masks/ directory", root);
      List<String> imageNames = list(imageDir);
      List<String> maskNames = list(maskDir);
      requireArgument(!imageNames.isEmpty(), "%s holds no image", imageDir);
      List<Path> images = new ArrayList<>();
      List<Path> masks = new ArrayList<>();
      for (String name : imageNames) {
        String mask = maskFor(name, maskNames);
        requireArgument(mask != null, "%s has no mask: expected %s (or the same name with another image "
            + "extension)", imageDir.resolve(name), maskDir.resolve(name));
        images.add(imageDir.resolve(name));
        masks.add(maskDir.resolve(mask));
      }
      return new MaskDirectoryIterator(this, List.copyOf(images), List.copyOf(masks));
    }

    private static String maskFor(String image, List<String> maskNames) {
      if (maskNames.contains(image)) {
        return image;
      }
      String stem = stem(image);
      List<String> same = maskNames.stream().filter(m -> stem(m).equals(stem)).toList();
      if (same.size() > 1) {
        throw new IllegalArgumentException("the image " + image + " matches several masks: " + same);
      }
      return same.isEmpty() ? null : same.get(0);
    }

    private static String stem(String name) {
      int dot = name.lastIndexOf('.');
      return dot < 0 ? name : name.substring(0, dot);
    }

    private static List<String> list(Path dir) {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          int dot = name.lastIndexOf('.');
          if (Files.isRegularFile(f) && dot >= 0
              && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            names.add(name);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      names.sort(null);
      return names;
    }
  }
}
