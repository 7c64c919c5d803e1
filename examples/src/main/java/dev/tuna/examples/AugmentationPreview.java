package dev.tuna.examples;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.examples.internal.DemoResources;
import dev.tuna.examples.internal.Pngs;
import dev.tuna.examples.internal.Previews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Notebook 1, augmentation: eight seeded draws of the lecture's ImageDataGenerator on one photo, as a grid. */
public final class AugmentationPreview {
  /** The photo, its augmented versions (with the Keras parameters drawn) and the grid PNG. */
  public record Result(Image original, List<Previews.Sample> samples, Path grid) {}

  private AugmentationPreview() {}

  /**
   * Runs the example and prints the path of the grid.
   *
   * @param args as {@link #runExample}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    System.out.println("Wrote " + runExample(args).grid());
  }

  /**
   * Arguments: [output directory] [photo]; defaults: a temporary directory and the embedded cat photo.
   *
   * @param args the optional output directory and photo
   * @return the photo, its augmented versions and the grid
   * @throws IOException if a file cannot be read or written
   */
  public static Result runExample(String... args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tuna-augmentation-");
    Path photo = args.length > 1 ? Path.of(args[1])
        : DemoResources.extractTo(out.resolve("embedded")).resolve("chelsea.png");
    Image image = ImageLoader.builder().colorMode(ColorMode.RGB).build().load(photo);
    ImageDataGenerator gen = ImageDataGenerator.builder()
        .rotationRange(30).widthShiftRange(0.2).heightShiftRange(0.2).shearRange(10).zoomRange(0.2)
        .horizontalFlip(true).fillMode(FillMode.NEAREST).build();
    List<Previews.Sample> samples = Previews.samples(gen, image, 8, 42);   // random_transform(x, seed=42+i)
    Path grid = out.resolve("augmentation-preview.png");
    Pngs.write(grid, Previews.grid(image, samples, "the lecture's ImageDataGenerator", false));
    return new Result(image, samples, grid);
  }
}
