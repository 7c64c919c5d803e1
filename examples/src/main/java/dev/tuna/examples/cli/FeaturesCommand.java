package dev.tuna.examples.cli;

import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import dev.tuna.finetune.train.FineTuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tuna features}: a VGG backbone's last pooling output for a batch, like {@code base.predict(x)}, or any other
 * Keras model's output, like {@code model.predict(x)}.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Runs a Keras model on a batch and writes its output, like model.predict(preprocess(x)) in Keras: "
        + "a VGG backbone's last pool, or the output of any model saved as .keras, full-model .h5 or tf_keras "
        + "SavedModel (ResNet, MobileNet, EfficientNet, DenseNet, Xception, ...).",
        "Input: float32 .npy of shape (N, H, W, 3), RGB in [0, 255] (or already preprocessed with --preprocess "
            + "none). Output: VGG (N, H/32, W/32, C) for five blocks; otherwise the model's output."})
final class FeaturesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "The Keras model (directory or file).")
  Path model;

  @Option(names = "--input", required = true, description = "The batch, an (N, H, W, 3) .npy file.")
  Path input;

  @Option(names = "--output", required = true, description = "The .npy file to write.")
  Path output;

  @Option(names = "--preprocess", defaultValue = "auto",
      description = "auto (the keras.applications preprocess_input mode Keras documents for the recognised model: "
          + "caffe for VGG and ResNet50, tf for MobileNetV2, ResNetV2, Xception and InceptionV3, torch for DenseNet, "
          + "none for EfficientNet, MobileNetV3, ConvNeXt and unknown models), caffe, tf, torch, rescale (x/255) "
          + "or none (default: ${DEFAULT-VALUE}).")
  String preprocess;

  @Override
  public Integer call() throws Exception {
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
    try {
      VggArchitecture.from(weights);
    } catch (KerasModelException notVgg) {
      return configModel(x);
    }
    Preprocessing pre = Options.preprocessing(preprocess, "vgg");
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

  /** Any other model rebuilt from its Keras config: the whole model's output, like {@code model.predict(x)}. */
  private int configModel(NpyArray x) throws IOException {
    int[] s = x.shape();
    try (KerasModel m = KerasModel.load(model)) {
      float[] values = preprocess(x.floats(), Options.preprocessing(preprocess, m.name()));
      long[] in = m.inputShape();
      for (int i = 0; i < in.length; i++) {
        if (in[i] > 0 && in[i] != s[i + 1]) {
          throw new IllegalArgumentException("--input " + input + " has shape " + Arrays.toString(s) + " but "
              + m.name() + " takes (N, " + Arrays.toString(in).replace("[", "").replace("]", "").replace("-1", "None")
              + ")");
        }
      }
      KerasModel.Output y = m.run(values, new long[] {s[0], s[1], s[2], s[3]});
      int[] shape = new int[y.shape().length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = Math.toIntExact(y.shape()[i]);
      }
      Npy.write(output, shape, y.values());
      spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s of shape %s%n", output, Arrays.toString(shape));
    }
    return 0;
  }

  /** The preprocessing FineTuner bakes into its graph, applied here in float32 as Keras does. */
  static float[] preprocess(float[] x, Preprocessing pre) {
    switch (pre) {
      case NONE:
        return x;
      case RESCALE:
        float scale = 1f / 255f;
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          r[i] = x[i] * scale;
        }
        return r;
      case CAFFE:
        float[] c = new float[x.length];
        for (int i = 0; i < x.length; i += 3) {
          for (int ch = 0; ch < 3; ch++) {
            c[i + ch] = x[i + 2 - ch] - Preprocessing.CAFFE_BGR_MEAN[ch];
          }
        }
        return c;
      case TF:
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          t[i] = x[i] / 127.5f - 1f;
        }
        return t;
      case TORCH:
        float[] p = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          p[i] = (x[i] / 255f - Preprocessing.TORCH_MEAN[i % 3]) / Preprocessing.TORCH_STD[i % 3];
        }
        return p;
      default:
        throw new IllegalArgumentException("--preprocess " + pre + " is not supported");
    }
  }
}
