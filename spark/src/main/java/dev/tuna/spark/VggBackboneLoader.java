package dev.tuna.spark;

import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The backbones {@code tuna finetune} loads today: a Keras VGG in any of its file formats ({@code KerasWeights}),
 * run up to its last pooling layer in one TensorFlow session ({@code FineTuner.features}), like
 * {@code tuna features}.
 */
public final class VggBackboneLoader implements BackboneLoader {
  /** A loader. */
  public VggBackboneLoader() {}

  @Override
  public Backbone load(Path model, int height, int width, String preprocessing) {
    Preprocessing pre = switch (preprocessing.toLowerCase(Locale.ROOT)) {
      case "caffe" -> Preprocessing.CAFFE;
      case "rescale" -> Preprocessing.RESCALE;
      case "none" -> Preprocessing.NONE;
      default -> throw new IllegalArgumentException("preprocessing must be caffe, rescale or none but was "
          + preprocessing);
    };
    FineTuner tuner = FineTuner.builder(KerasWeights.load(model)).inputShape(height, width).classes(2)
        .preprocessing(pre).build();
    int[] shape = {tuner.architecture().outputSize(height), tuner.architecture().outputSize(width),
        tuner.architecture().outputChannels()};
    return new Backbone() {
      @Override
      public int[] outputShape() {
        return shape.clone();
      }

      @Override
      public float[] features(float[] images, int n) {
        return tuner.features(images, n);
      }

      @Override
      public void close() {
        tuner.close();
      }
    };
  }
}
