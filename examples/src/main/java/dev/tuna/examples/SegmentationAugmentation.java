package dev.tuna.examples;

import dev.tuna.augment.layers.Interpolation;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.augment.layers.RandomFlip;
import dev.tuna.augment.layers.RandomRotation;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.examples.internal.DemoResources;
import dev.tuna.examples.internal.Pngs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Segmentation augmentation with Keras 3 layers: an image and its mask flipped and rotated together by
 * {@code Pipeline([RandomFlip(), RandomRotation(0.1)])}, so that the mask stays on the pixels it labels. The mask
 * here is synthetic (the photo's red channel above 128); masks are always resampled with nearest interpolation.
 */
public final class SegmentationAugmentation {
  /** Number of augmented image/mask pairs drawn. */
  public static final int DRAWS = 4;

  /**
   * The photo and mask, their augmented versions (one batch of {@link #DRAWS} copies) and the side-by-side PNG.
   *
   * @param image the original image
   * @param mask the original mask (one channel, 0 or 1)
   * @param images the augmented images
   * @param masks the augmented masks
   * @param png the PNG with one row per draw: image | mask
   */
  public record Result(Image image, Image mask, List<Image> images, List<Image> masks, Path png) {}

  private SegmentationAugmentation() {}

  /**
   * Runs the example and prints the path of the PNG.
   *
   * @param args as {@link #runExample}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    System.out.println("Wrote " + runExample(args).png());
  }

  /**
   * Arguments: [output directory] [photo]; defaults: a temporary directory and the embedded cat photo. Seed 42,
   * bilinear interpolation for the image.
   *
   * @param args the optional output directory and photo
   * @return the inputs, the augmented pairs and the PNG
   * @throws IOException if a file cannot be read or written
   */
  public static Result runExample(String... args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tuna-segmentation-");
    Path photo = args.length > 1 ? Path.of(args[1])
        : DemoResources.extractTo(out.resolve("embedded")).resolve("chelsea.png");
    Image image = ImageLoader.builder().colorMode(ColorMode.RGB).build().load(photo);
    return run(image, threshold(image), 42, Interpolation.BILINEAR, out.resolve("segmentation-augmentation.png"));
  }

  /**
   * The synthetic mask of an image: 1 where its first channel is above 128, else 0.
   *
   * @param image the image
   * @return a one-channel mask of the same height and width
   */
  public static Image threshold(Image image) {
    Image mask = Image.zeros(image.height(), image.width(), 1);
    for (int r = 0; r < image.height(); r++) {
      for (int c = 0; c < image.width(); c++) {
        mask.set(r, c, 0, image.get(r, c, 0) > 128 ? 1 : 0);
      }
    }
    return mask;
  }

  /**
   * Flips and rotates {@link #DRAWS} copies of {@code image} and {@code mask} together and writes them side by side.
   *
   * @param image the image, values in [0, 255]
   * @param mask its one-channel mask of the same height and width
   * @param seed the seed of the flip layer (the rotation layer takes {@code seed + 1})
   * @param interpolation the rotation's interpolation for the image (the mask always uses nearest)
   * @param png where to write the PNG
   * @return the inputs, the augmented pairs and the PNG
   * @throws IOException if the PNG cannot be written
   */
  public static Result run(Image image, Image mask, long seed, Interpolation interpolation, Path png)
      throws IOException {
    Pipeline pipeline = Pipeline.of(
        RandomFlip.builder(RandomFlip.Mode.HORIZONTAL_AND_VERTICAL).seed(seed).build(),
        RandomRotation.builder(0.1).interpolation(interpolation).seed(seed + 1).build());
    int n = image.data().length;
    int m = mask.data().length;
    float[] images = new float[DRAWS * n];
    float[] masks = new float[DRAWS * m];
    for (int i = 0; i < DRAWS; i++) {
      System.arraycopy(image.data(), 0, images, i * n, n);
      System.arraycopy(mask.data(), 0, masks, i * m, m);
    }
    LayerBatch batch = LayerBatch.of(images, DRAWS, image.height(), image.width(), image.channels())
        .withMasks(masks, 1);
    LayerBatch result = pipeline.apply(batch);
    List<Image> outImages = new ArrayList<>();
    List<Image> outMasks = new ArrayList<>();
    List<BufferedImage> tiles = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < DRAWS; i++) {
      Image x = Image.wrap(image.height(), image.width(), image.channels(),
          Arrays.copyOfRange(result.images(), i * n, (i + 1) * n));
      Image y = Image.wrap(image.height(), image.width(), 1,
          Arrays.copyOfRange(result.masks(), i * m, (i + 1) * m));
      outImages.add(x);
      outMasks.add(y);
      tiles.add(Pngs.toBuffered(x, false));
      tiles.add(Pngs.toBuffered(y, true));
      captions.add(String.format(Locale.ROOT, "image, draw %d", i + 1));
      captions.add(String.format(Locale.ROOT, "mask, draw %d", i + 1));
    }
    Pngs.write(png, Pngs.grid(tiles, captions, 2, "RandomFlip, RandomRotation(0.1): image | mask"));
    return new Result(image, mask, outImages, outMasks, png);
  }
}
