package dev.tuna.examples.cli;

import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.examples.internal.Pngs;
import dev.tuna.examples.internal.Previews;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna augment}: seeded augmented copies of one image plus a captioned preview grid. */
@Command(name = "augment", mixinStandardHelpOptions = true,
    description = {"Writes --count augmented copies of an image (augmented_000.png, ...) and preview.png, a grid "
        + "of the original and every copy captioned with the drawn Keras parameters.",
        "Copy i is Keras' random_transform(x, seed=S+i) followed by standardize; generator options are spelled "
            + "like Keras' keywords. Example: tuna augment --input cat.jpg --output out --rotation-range 30 "
            + "--zoom-range 0.2 --horizontal-flip"})
final class AugmentCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, description = "An image file (PNG, JPEG, BMP, ...) or HWC .npy.")
  Path input;

  @Option(names = "--output", required = true, description = "Directory for the PNGs (created if missing).")
  Path output;

  @Option(names = "--count", defaultValue = "9", description = "Number of augmented copies (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the first copy (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--color-mode", defaultValue = "rgb", description = "rgb, rgba or grayscale (default: rgb).")
  String colorMode;

  @Mixin
  GeneratorOptions generatorOptions;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || count > 1000) {
      throw new IllegalArgumentException("--count must be in [1, 1000] but was " + count);
    }
    if (seed < 0 || seed + count > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("--seed must be in [0, 2^32 - count) but was " + seed);
    }
    ImageDataGenerator gen = generatorOptions.toBuilder().build();
    Image image = TransformCommand.readInput(input, ColorMode.parse(colorMode));
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new IllegalArgumentException("--output " + output + " exists and is not a directory");
    }
    List<Previews.Sample> samples = Previews.samples(gen, image, count, seed);
    boolean scale = Previews.rescales(gen);
    for (int i = 0; i < samples.size(); i++) {
      Pngs.write(output.resolve(String.format(Locale.ROOT, "augmented_%03d.png", i)), samples.get(i).image(), scale);
    }
    Path preview = output.resolve("preview.png");
    Pngs.write(preview, Previews.grid(image, samples, input.getFileName().toString(), scale));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Wrote %d augmented images (augmented_000.png ... augmented_%03d.png) and %s%n", count,
        count - 1, preview);
    return 0;
  }
}
