package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rebuilt network against Keras {@code model.predict} on the mini-VGG fixtures. */
final class ForwardParityTest {
  static final double TOLERANCE = 1e-4;

  @org.junit.jupiter.api.Test
  void features_backboneNestedInKerasExportedClassifier_matchKeras() {
    Npy input = Fixtures.npy(Fixtures.miniVgg("input.npy"));
    Npy expected = Fixtures.npy(Fixtures.miniVgg("expected-block5_pool.npy"));
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.resource("keras3-classifier-export")))
        .inputShape(32, 32).classes(2).preprocessing(Preprocessing.NONE).build()) {
      assertThat(Fixtures.maxRelativeError(tuner.features(input.data(), 2), expected.data(), 1e-3))
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"keras3-export", "keras2-savedmodel", "keras2-full.h5", "keras2-weights.h5",
      "keras3.keras", "keras3.weights.h5"})
  void features_matchKerasBlock5Pool(String file) {
    Npy input = Fixtures.npy(Fixtures.miniVgg("input.npy"));
    Npy expected = Fixtures.npy(Fixtures.miniVgg("expected-block5_pool.npy"));
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg(file))).inputShape(32, 32)
        .classes(3).preprocessing(Preprocessing.NONE).build()) {
      float[] actual = tuner.features(input.data(), 2);

      assertThat(actual).hasSize(expected.data().length);
      assertThat(Fixtures.maxRelativeError(actual, expected.data(), 1e-3)).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest
  @CsvSource({"RESCALE, rescale", "CAFFE, caffe"})
  void predict_headAndPreprocessing_matchKeras(Preprocessing pre, String file) {
    Npy x = Fixtures.npy("finetune/batch-x.npy");
    Npy expected = Fixtures.npy("finetune/initial-probs-" + file + ".npy");
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras")))
        .inputShape(32, 32).classes(3).preprocessing(pre).seed(42).build()) {
      float[] actual = tuner.predict(x.data(), 4);

      assertThat(Fixtures.maxAbsError(actual, expected.data())).isLessThanOrEqualTo(1e-6);
      assertThat(Fixtures.maxRelativeError(actual, expected.data(), 1e-6)).isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
