package dev.tuna.examples.cli;

import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.FreezePolicy;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.VggArchitecture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna inspect}: Keras' {@code summary()} of a VGG backbone with the first layers frozen. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Prints the layer table and parameter totals of a Keras VGG model, like Keras' summary() after "
        + "`for layer in base.layers[:N]: layer.trainable = False`.",
        "Reads a SavedModel directory (Keras 3 model.export, tf_keras model.save), .h5, .weights.h5 or .keras."})
final class InspectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "The Keras model (directory or file).")
  Path model;

  @Option(names = "--freeze", defaultValue = "15",
      description = "Freeze Keras layers[:N] (default: ${DEFAULT-VALUE}, through block4_pool on VGG16).")
  int freeze;

  @Option(names = "--image-size", defaultValue = "150", description = "Input height and width (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--classes", defaultValue = "0",
      description = "Also show the fine-tuning head Flatten-Dense(256)-Dropout-Dense(N) (default: 0, backbone only).")
  int classes;

  @Override
  public Integer call() {
    if (imageSize < 1) {
      throw new IllegalArgumentException("--image-size must be positive but was " + imageSize);
    }
    if (classes < 0 || classes == 1) {
      throw new IllegalArgumentException("--classes must be 0 (no head) or >= 2 but was " + classes);
    }
    KerasWeights weights = KerasWeights.load(model);
    VggArchitecture arch = VggArchitecture.from(weights);
    int frozen;
    try {
      frozen = FreezePolicy.first(freeze).frozenLayers(arch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--freeze: " + e.getMessage(), e);
    }
    if (imageSize < (1 << arch.blocks())) {
      throw new IllegalArgumentException("--image-size must be at least " + (1 << arch.blocks()) + " for "
          + arch.blocks() + " pooling blocks but was " + imageSize);
    }
    ModelSummary summary = ModelSummary.of(arch, imageSize, imageSize, frozen, classes == 0 ? null : Head.of(classes));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Model: " + weights.describe());
    out.println("Input: " + imageSize + "x" + imageSize + "x" + arch.inputChannels() + ", frozen: layers[:" + frozen
        + "]");
    out.print(summary);
    return 0;
  }
}
