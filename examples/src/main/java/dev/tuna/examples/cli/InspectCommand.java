package dev.tuna.examples.cli;

import dev.tuna.examples.internal.FineTuneJob;
import dev.tuna.finetune.export.ExportedModel;
import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.graph.KerasSummary;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.FreezePolicy;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.VggArchitecture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tuna inspect}: Keras' {@code summary()} of a VGG backbone with the first layers frozen, of any other Keras
 * model rebuilt from its config (frozen whole, from a layer, or {@code layers[:N]}), or of a model tuna exported
 * (backbone, head, class names and preprocessing).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Prints the layer table and parameter totals of a Keras VGG model, like Keras' summary() after "
        + "`for layer in base.layers[:N]: layer.trainable = False`.",
        "Reads a SavedModel directory (Keras 3 model.export, tf_keras model.save), .h5, .weights.h5 or .keras, and "
            + "tuna's own exports (tuna finetune's model/ directory, FineTuner.export): those also show their "
            + "head, input size, class names and preprocessing.",
        "Any other model saved with its Keras config (.keras, full-model .h5, tf_keras SavedModel: ResNet, "
            + "MobileNet, EfficientNet, ...) shows all its layers, frozen whole by default (base.trainable = False), "
            + "layers[:N] with --freeze N, or from a layer on with --unfreeze-from LAYER."})
final class InspectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "The Keras model (directory or file).")
  Path model;

  @Option(names = "--freeze", defaultValue = "15",
      description = "Freeze Keras layers[:N] (default: ${DEFAULT-VALUE}, through block4_pool on VGG16; other "
          + "models: all layers).")
  int freeze;

  @Option(names = "--image-size", defaultValue = "150",
      description = "Input height and width (default: ${DEFAULT-VALUE}; a tuna export's own size).")
  int imageSize;

  @Option(names = "--classes", defaultValue = "0",
      description = "Also show the fine-tuning head Flatten-Dense(256)-Dropout-Dense(N) (default: 0, backbone only; "
          + "a tuna export shows its own head).")
  int classes;

  @Option(names = "--unfreeze-from", paramLabel = "LAYER",
      description = "Count the parameters of the keras.io second phase: the layers before LAYER stay frozen, the "
          + "others train, BatchNormalization as --batch-normalization says (not for VGG).")
  String unfreezeFrom;

  @Option(names = "--batch-normalization", paramLabel = "MODE",
      description = "With --unfreeze-from: keras3-fit (default; unfrozen BatchNormalization layers train, as Keras 3 "
          + "fit and tuna finetune), frozen or call-arguments (gamma and beta train), as in tuna finetune.")
  String batchNormalization;

  @Override
  public Integer call() {
    if (imageSize < 1) {
      throw new IllegalArgumentException("--image-size must be positive but was " + imageSize);
    }
    if (classes < 0 || classes == 1) {
      throw new IllegalArgumentException("--classes must be 0 (no head) or >= 2 but was " + classes);
    }
    if (ExportedModel.isExport(model)) {
      return inspectExport();
    }
    KerasWeights weights = KerasWeights.load(model);
    VggArchitecture arch;
    try {
      arch = VggArchitecture.from(weights);
    } catch (KerasModelException notVgg) {
      return inspectConfigModel();
    }
    if (unfreezeFrom != null) {
      throw new IllegalArgumentException("--unfreeze-from applies to models rebuilt from their Keras config; "
          + "for VGG use --freeze N");
    }
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

  /**
   * Any other model rebuilt from its Keras config: Keras' summary of all top-level layers, with the whole model
   * frozen (the keras.io recipe's {@code base.trainable = False}) unless {@code --freeze} or
   * {@code --unfreeze-from} says otherwise.
   */
  private int inspectConfigModel() {
    boolean freezeSet = spec.commandLine().getParseResult().hasMatchedOption("--freeze");
    if (spec.commandLine().getParseResult().hasMatchedOption("--classes")) {
      throw new IllegalArgumentException("--classes shows the VGG fine-tuning head only; " + model
          + " is not a VGG model");
    }
    if (freezeSet && unfreezeFrom != null) {
      throw new IllegalArgumentException("--freeze and --unfreeze-from both choose the freeze point; give one");
    }
    try (KerasModel m = KerasModel.load(model)) {
      long[] in = m.inputShape();
      if (spec.commandLine().getParseResult().hasMatchedOption("--image-size")
          && (in[0] > 0 && in[0] != imageSize || in[1] > 0 && in[1] != imageSize)) {
        throw new IllegalArgumentException("--image-size " + imageSize + " does not match " + model
            + ", built for " + in[0] + "x" + in[1] + " inputs");
      }
      KerasSummary all = m.summary();
      KerasSummary summary;
      String point;
      try {
        if (unfreezeFrom != null) {
          boolean frozenBn = FineTuneJob.batchNormalization(batchNormalization) == BatchNormTraining.FROZEN;
          summary = all.unfreezeFrom(unfreezeFrom, frozenBn);
          point = "layers[:" + all.indexOf(unfreezeFrom) + "]" + (frozenBn ? " and every BatchNormalization" : "")
              + " (unfreeze from " + unfreezeFrom + ")";
        } else if (freezeSet) {
          summary = all.freezeFirst(freeze);
          point = "layers[:" + freeze + "]";
        } else {
          summary = all.freezeAll();
          point = "all " + all.rows().size() + " layers (base.trainable = False)";
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException((unfreezeFrom != null ? "--unfreeze-from: " : "--freeze: ")
            + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Model: " + model);
      out.println("Input: " + Arrays.stream(in).mapToObj(d -> d < 0 ? "None" : Long.toString(d))
          .collect(Collectors.joining("x")) + ", frozen: " + point);
      out.print(summary);
    }
    return 0;
  }

  /** A tuna export: its own input size and head, plus what it stored about classes and preprocessing. */
  private int inspectExport() {
    if (spec.commandLine().getParseResult().hasMatchedOption("--classes")) {
      throw new IllegalArgumentException("--classes does not apply to " + model
          + ": a tuna export has its own head");
    }
    if (unfreezeFrom != null) {
      throw new IllegalArgumentException("--unfreeze-from does not apply to " + model
          + ": a tuna export is a VGG model; use --freeze N");
    }
    ExportedModel export = ExportedModel.read(model);
    if (spec.commandLine().getParseResult().hasMatchedOption("--image-size")
        && (imageSize != export.height() || imageSize != export.width())) {
      throw new IllegalArgumentException("--image-size " + imageSize + " does not match " + model + ", exported for "
          + export.height() + "x" + export.width() + " inputs");
    }
    int frozen;
    try {
      frozen = FreezePolicy.first(freeze).frozenLayers(export.architecture());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--freeze: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Model: tuna export (SavedModel, serving_default) at " + model);
    out.println("Input: " + export.height() + "x" + export.width() + "x" + export.architecture().inputChannels()
        + " RGB in [0, 255], preprocessing " + export.preprocessing() + " (built in), frozen: layers[:" + frozen + "]");
    out.println("Classes (" + export.classNames().size() + "): " + String.join(", ", export.classNames()));
    out.print(export.summary(frozen));
    return 0;
  }
}
