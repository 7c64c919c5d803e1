package dev.tuna.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.data.ClassMode;
import dev.tuna.core.data.Subset;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.internal.AtomicFiles;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.Interpolation;
import dev.tuna.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tuna flow}: the batches Keras' {@code flow_from_directory} yields, written as .npy files. */
@Command(name = "flow", mixinStandardHelpOptions = true,
    description = {"Writes the batches that Keras' ImageDataGenerator(...).flow_from_directory(...) yields for the "
        + "same arguments and seed: batch_000_x.npy, batch_000_y.npy, ... and classes.json."})
final class FlowCommand implements Callable<Integer> {
  @Option(names = "--directory", required = true, description = "One sub-directory per class.")
  Path directory;

  @Option(names = "--output", required = true, description = "Directory for the .npy batches and classes.json.")
  Path output;

  @Option(names = "--target-size", defaultValue = "256,256", description = "H,W (default: ${DEFAULT-VALUE}).")
  String targetSize;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--class-mode", defaultValue = "categorical",
      description = "categorical, binary, sparse, input or none (default: ${DEFAULT-VALUE}).")
  String classMode;

  @Option(names = "--color-mode", defaultValue = "rgb", description = "rgb, rgba or grayscale (default: rgb).")
  String colorMode;

  @Option(names = "--interpolation", defaultValue = "nearest",
      description = "nearest, bilinear, bicubic, hamming, box or lanczos (default: ${DEFAULT-VALUE}).")
  String interpolation;

  @Option(names = "--keep-aspect-ratio", arity = "0..1", description = "Centre-crop to the target aspect ratio.")
  boolean keepAspectRatio;

  @Option(names = "--classes", split = ",", description = "Class names in label order.")
  List<String> classes;

  @Option(names = "--follow-links", arity = "0..1", description = "Follow symbolic links.")
  boolean followLinks;

  @Option(names = "--shuffle", defaultValue = "true", arity = "1", description = "true or false (default: true).")
  boolean shuffle;

  @Option(names = "--seed", description = "Seed in [0, 2^32).")
  Long seed;

  @Option(names = "--batches", description = "Number of nextBatch() calls (default: one epoch).")
  Integer batches;

  @Option(names = "--subset", description = "training or validation (needs --validation-split).")
  String subset;

  @Option(names = "--workers", defaultValue = "0", description = "Batch-building threads (default: 0).")
  int workers;

  @Mixin
  GeneratorOptions generatorOptions;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("--directory " + directory + " does not exist or is not a directory");
    }
    List<Double> size = GeneratorOptions.numbers(targetSize, "--target-size");
    if (size.size() != 2) {
      throw new IllegalArgumentException("--target-size must be H,W but was " + targetSize);
    }
    ImageDataGenerator gen = generatorOptions.toBuilder().build();
    DirectoryIterator.DirectoryFlow flow = gen.flowFromDirectory(directory)
        .targetSize(size.get(0).intValue(), size.get(1).intValue()).batchSize(batchSize)
        .classMode("none".equalsIgnoreCase(classMode) ? ClassMode.NONE : ClassMode.parse(classMode))
        .colorMode(ColorMode.parse(colorMode)).interpolation(Interpolation.parse(interpolation))
        .keepAspectRatio(keepAspectRatio).followLinks(followLinks).shuffle(shuffle).workers(workers);
    if (classes != null) {
      flow.classes(classes);
    }
    if (seed != null) {
      flow.seed(seed);
    }
    if (subset != null) {
      flow.subset(Subset.parse(subset));
    }
    Files.createDirectories(output);
    try (DirectoryIterator it = flow.build()) {
      int n = batches != null ? batches : it.batchCount();
      for (int b = 0; b < n; b++) {
        ImageBatch batch = it.nextBatch();
        String prefix = String.format(Locale.ROOT, "batch_%03d_", b);
        Npy.write(output.resolve(prefix + "x.npy"), batch.shape(), batch.images());
        if (batch.labels() != null) {
          Npy.write(output.resolve(prefix + "y.npy"), batch.labelShape(), batch.labels());
        }
      }
      writeClasses(it, output.resolve("classes.json"));
      System.out.printf(Locale.ROOT, "Found %d images belonging to %d classes. Wrote %d batches to %s%n", it.size(),
          it.classIndices().size(), n, output);
    }
    return 0;
  }


  private static void writeClasses(DirectoryIterator it, Path file) throws java.io.IOException {
    JsonObject root = new JsonObject();
    JsonObject indices = new JsonObject();
    it.classIndices().forEach(indices::addProperty);
    root.add("class_indices", indices);
    JsonArray names = new JsonArray();
    it.filenames().forEach(names::add);
    root.add("filenames", names);
    JsonArray classes = new JsonArray();
    for (int c : it.classes()) {
      classes.add(c);
    }
    root.add("classes", classes);
    root.addProperty("samples", it.size());
    AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root));
  }
}
