package dev.tuna.examples.cli;

import dev.tuna.core.internal.Preconditions;
import dev.tuna.examples.internal.DemoRun;
import dev.tuna.examples.internal.PrintWriterStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna demo}: augmentation, fine-tuning and classification on embedded data, in a few minutes. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The lecture end to end on embedded data, a few minutes on two cores:",
        "(a) augmentation slides of a cat photo (flips, rotation, zoom, shifts, shear, fill modes);",
        "(b) fine-tuning a small pretrained VGG (VGG16 layer names, 8-64 filters, trained by real Keras on 8 "
            + "Fashion-MNIST classes) on the 2 held-out classes, 20 images each, with the lecture's augmentation, "
            + "SGD(0.001, momentum 0.1), batch 32, ModelCheckpoint(val_loss); then the same from a random backbone;",
        "(c) classification of held-out images with the best checkpoint."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--output", defaultValue = "demo-output", description = "Directory for every artefact "
      + "(default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--contrast", defaultValue = "true", arity = "1",
      description = "Also train from a random backbone for comparison: true or false (default: true).")
  boolean contrast;

  @Override
  public Integer call() throws Exception {
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be >= 1 but was " + epochs);
    }
    Preconditions.requireSeed("--seed", seed);
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new IllegalArgumentException("--output " + output + " exists and is not a directory");
    }
    PrintStream log = PrintWriterStream.of(spec.commandLine().getOut());
    DemoRun.run(output, epochs, seed, contrast, log);
    log.flush();
    return 0;
  }
}
