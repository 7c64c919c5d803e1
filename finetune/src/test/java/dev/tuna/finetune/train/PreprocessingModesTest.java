package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The {@code keras.applications} preprocessing modes baked into the graph equal Keras'
 * {@code imagenet_utils.preprocess_input} (phases/preprocess-*.npy, gen_phases.py): the model's output on raw
 * pixels with the mode equals its output on Keras-preprocessed pixels without, for VGG and for a model built from
 * its config; and the documented {@code auto} rule.
 */
class PreprocessingModesTest {
  private static final float[] X = Fixtures.npy("phases/preprocess-x.npy").data();

  private static float[] keras(String mode) {
    return Fixtures.npy("phases/preprocess-" + mode + ".npy").data();
  }

  private static double maxRelative(float[] a, float[] b) {
    double scale = 0;
    for (float v : b) {
      scale = Math.max(scale, Math.abs(v));
    }
    return Fixtures.maxAbsError(a, b) / scale;
  }

  private static void check(String what, Function<Preprocessing, FineTuner.Builder> builder) {
    for (var e : Map.of("caffe", Preprocessing.CAFFE, "tf", Preprocessing.TF, "torch", Preprocessing.TORCH)
        .entrySet()) {
      float[] inGraph;
      float[] fed;
      try (FineTuner t = builder.apply(e.getValue()).build()) {
        inGraph = t.features(X, 1);
      }
      try (FineTuner t = builder.apply(Preprocessing.NONE).build()) {
        fed = t.features(keras(e.getKey()), 1);
      }
      double rel = maxRelative(inGraph, fed);
      System.out.printf(Locale.ROOT, "%s %s: max rel |graph - keras preprocess_input| at the output = %.3g%n",
          what, e.getKey(), rel);
      assertThat(rel).as(what + " " + e.getKey()).isLessThanOrEqualTo(1e-6);
    }
  }

  @Test
  void everyMode_inTheVggGraph_equalsKerasPreprocessInput() {
    KerasWeights mini = KerasWeights.load(Fixtures.miniVgg("keras3.keras"));
    check("mini VGG", pre -> FineTuner.builder(mini).inputShape(32, 32).classes(2).preprocessing(pre));
  }

  @Test
  void everyMode_inAConfigModelGraph_equalsKerasPreprocessInput() {
    check("MobileNetV2", pre -> FineTuner.builderFor(ConfigModelFineTunerTest.MOBILENET).classes(2)
        .preprocessing(pre));
  }

  @Test
  void auto_isWhatKerasDocumentsPerApplication() {
    Map<String, Preprocessing> keras = Map.ofEntries(Map.entry("vgg16", Preprocessing.CAFFE),
        Map.entry("vgg19", Preprocessing.CAFFE), Map.entry("resnet50", Preprocessing.CAFFE),
        Map.entry("resnet152", Preprocessing.CAFFE), Map.entry("resnet50v2", Preprocessing.TF),
        Map.entry("mobilenetv2_1.00_224", Preprocessing.TF), Map.entry("mobilenet_1.00_224", Preprocessing.TF),
        Map.entry("xception", Preprocessing.TF), Map.entry("inception_v3", Preprocessing.TF),
        Map.entry("inception_resnet_v2", Preprocessing.TF), Map.entry("densenet121", Preprocessing.TORCH),
        Map.entry("efficientnetb0", Preprocessing.NONE), Map.entry("efficientnetv2-b0", Preprocessing.NONE),
        Map.entry("MobilenetV3small", Preprocessing.NONE), Map.entry("convnext_tiny", Preprocessing.NONE),
        Map.entry("my_model", Preprocessing.NONE));
    keras.forEach((name, want) -> assertThat(Preprocessing.auto(name)).as(name).isEqualTo(want));
    try (FineTuner t = FineTuner.builderFor(ConfigModelFineTunerTest.MOBILENET).classes(2).build()) {
      assertThat(t.preprocessing()).isEqualTo(Preprocessing.TF);
    }
  }
}
