package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Trainable weights after 1 and 5 steps on a fixed batch against Keras {@code train_on_batch}. */
final class OptimizerParityTest {
  static final double TOLERANCE = 1e-5;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd-momentum", Optimizer.sgd().withMomentum(0.9)),
        Arguments.of("sgd-nesterov", Optimizer.sgd().withMomentum(0.9).withNesterov(true)),
        Arguments.of("adam", Optimizer.adam()),
        Arguments.of("rmsprop", Optimizer.rmsprop()));
  }

  static ImageBatch fixedBatch() {
    Npy x = Fixtures.npy("finetune/batch-x.npy");
    Npy y = Fixtures.npy("finetune/batch-y.npy");
    return ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
  }

  static FineTuner tuner(Optimizer optimizer) {
    return FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras"))).inputShape(32, 32)
        .head(Head.of(3).withDropout(0)).preprocessing(Preprocessing.RESCALE).optimizer(optimizer).seed(42)
        .freezeFirst(15).build();
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void trainOnBatch_weightsMatchKeras(String name, Optimizer optimizer) {
    ImageBatch batch = fixedBatch();
    Npy losses = Fixtures.npy("finetune/" + name + "/losses.npy");
    try (FineTuner tuner = tuner(optimizer)) {
      Map<String, Weight> frozenBefore = tuner.weights();
      for (int step = 1; step <= 5; step++) {
        double loss = tuner.trainOnBatch(batch).get("loss");
        assertThat(loss).as("loss of step %d", step).isCloseTo(losses.data()[step - 1],
            org.assertj.core.data.Offset.offset(1e-5));
        if (step == 1 || step == 5) {
          assertMatches(tuner.trainableWeights(), name + "/step" + step);
        }
      }
      Map<String, Weight> after = tuner.weights();
      for (String frozen : new String[] {"block1_conv1/kernel", "block3_conv2/bias", "block4_conv3/kernel"}) {
        assertThat(after.get(frozen).values()).containsExactly(frozenBefore.get(frozen).values());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void trainOnBatch_sampleWeights_matchKeras() {
    ImageBatch plain = fixedBatch();
    float[] sw = Fixtures.npy("finetune/sample-weight/sample-weight.npy").data();
    ImageBatch weighted = ImageBatch.of(32, 32, 3, plain.images(), plain.labels(), plain.labelShape(), sw,
        plain.indices());
    try (FineTuner tuner = tuner(Optimizer.sgd().withMomentum(0.9))) {
      double loss = tuner.trainOnBatch(weighted).get("loss");
      assertThat(loss).isCloseTo(Fixtures.npy("finetune/sample-weight/loss.npy").data()[0],
          org.assertj.core.data.Offset.offset(1e-6));
      assertMatches(tuner.trainableWeights(), "sample-weight/step1");
    }
  }

  static void assertMatches(Map<String, Weight> actual, String dir) {
    for (String layer : new String[] {"block5_conv1", "block5_conv2", "block5_conv3", "dense", "dense_1"}) {
      for (String part : new String[] {"kernel", "bias"}) {
        Npy expected = Fixtures.npy("finetune/" + dir + "/" + layer + "__" + part + ".npy");
        Weight w = actual.get(layer + "/" + part);
        assertThat(w.shape()).isEqualTo(expected.shape());
        assertThat(Fixtures.maxAbsError(w.values(), expected.data())).as(dir + " " + w.name())
            .isLessThanOrEqualTo(TOLERANCE);
      }
    }
  }
}
