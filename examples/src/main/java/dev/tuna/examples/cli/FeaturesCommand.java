package dev.tuna.examples.cli;

import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna features}: the backbone's last pooling output for a batch, like {@code base.predict(x)}. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Runs a Keras VGG backbone on a batch and writes its output (the last pool), like "
        + "base.predict(preprocess(x)) in Keras.",
        "Input: float32 .npy of shape (N, H, W, 3), RGB in [0, 255]. Output: (N, H/32, W/32, C) for five blocks."})
final class FeaturesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "The Keras model (directory or file).")
  Path model;

  @Option(names = "--input", required = true, description = "The batch, an (N, H, W, 3) .npy file.")
  Path input;

  @Option(names = "--output", required = true, description = "The .npy file to write.")
  Path output;

  @Option(names = "--preprocess", defaultValue = "caffe",
      description = "caffe (vgg16.preprocess_input, for ImageNet weights), rescale (x/255) or none "
          + "(default: ${DEFAULT-VALUE}).")
  String preprocess;

  @Override
  public Integer call() throws Exception {
    Preprocessing pre = Options.preprocessing(preprocess);
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + " does not exist or is not a file");
    }
    NpyArray x = Npy.read(input);
    int[] s = x.shape();
    if (s.length != 4 || s[3] != 3) {
      throw new IllegalArgumentException("--input " + input + " must have shape (N, H, W, 3) but has shape "
          + Arrays.toString(s));
    }
    KerasWeights weights = KerasWeights.load(model);
    try (FineTuner tuner = FineTuner.builder(weights).inputShape(s[1], s[2]).classes(2).preprocessing(pre)
        .build()) {
      float[] y = tuner.features(x.floats(), s[0]);
      int h = tuner.architecture().outputSize(s[1]);
      int w = tuner.architecture().outputSize(s[2]);
      int[] shape = {s[0], h, w, tuner.architecture().outputChannels()};
      Npy.write(output, shape, y);
      spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s of shape %s%n", output, Arrays.toString(shape));
    }
    return 0;
  }
}
