package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FineTuner#trainOnBatch} of a config model with unfrozen BatchNormalization against Keras 3.15.1
 * (gen_anycnn.py finetune_bn): a small base {@code stem → stem_bn → conv → bn → inner(x, training=False)
 * [inner_conv → inner_bn] → bn_frozen (saved trainable=False)} called as {@code base(x, training=False)} under
 * GlobalAveragePooling2D, Dropout(0) and Dense(3), unfrozen from {@code conv}, three SGD steps. With
 * {@link BatchNormTraining#KERAS3_FIT} {@code bn} and {@code inner_bn} train in training mode as Keras' fit runs
 * them; with {@link BatchNormTraining#FROZEN} every BatchNormalization stays in inference mode. Every weight, the
 * moving statistics included, within 1e-5 of Keras after steps 1 and 3, the parameter counts equal, and
 * {@code predict} afterwards and the exported model (inference mode) within 1e-5 of Keras' {@code predict}.
 */
class FineTuneBatchNormTest {
  private static final String DIR = "anycnn/files/";
  private static final Path MODEL = Fixtures.resource(DIR + "finetune_bn.keras");

  @TempDir
  Path tmp;

  private static ImageBatch batch() {
    Npy x = Fixtures.npy(DIR + "finetune_bn-x.npy");
    Npy y = Fixtures.npy(DIR + "finetune_bn-y.npy");
    return ImageBatch.of(12, 12, 3, x.data(), y.data(), new int[] {8, 3}, null, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
  }

  private static FineTuner.Builder builder() {
    Npy k = Fixtures.npy(DIR + "finetune_bn-kernel.npy");
    Npy b = Fixtures.npy(DIR + "finetune_bn-bias.npy");
    return FineTuner.builderFor(MODEL).head(Head.globalAveragePooling(3).withDropout(0))
        .headWeights(Map.of("dense/kernel", Weight.of("dense/kernel", new long[] {4, 3}, k.data()),
            "dense/bias", Weight.of("dense/bias", new long[] {3}, b.data())))
        .unfreezeFrom("conv").optimizer(Optimizer.sgd().withLearningRate(0.1).withMomentum(0.9));
  }

  private static long total(Map<String, Weight> weights) {
    return weights.values().stream().mapToLong(w -> w.values().length).sum();
  }

  @ParameterizedTest
  @CsvSource({"KERAS3_FIT, fit", "FROZEN, frozen"})
  void stepsEqualKerasTrainOnBatch(BatchNormTraining mode, String kerasCase) {
    Map<String, Npy> want = Fixtures.npz(Fixtures.resource(DIR + "finetune_bn-" + kerasCase + ".npz"));
    float[] losses = want.get("loss").data();
    ImageBatch batch = batch();
    FineTuner.Builder b = builder();
    if (mode != BatchNormTraining.KERAS3_FIT) {
      b.batchNormalization(mode);
    }
    try (FineTuner tuner = b.build()) {
      long trainable = (long) want.get("trainable_params").data()[0];
      long nonTrainable = (long) want.get("non_trainable_params").data()[0];
      assertThat(total(tuner.trainableWeights())).as("trainable parameters").isEqualTo(trainable);
      assertThat(total(tuner.weights()) - trainable).as("non-trainable parameters").isEqualTo(nonTrainable);
      assertThat(tuner.summary().trainableParams()).isEqualTo(trainable);
      assertThat(tuner.summary().nonTrainableParams()).isEqualTo(nonTrainable);
      Map<String, Weight> before = tuner.weights();
      for (int step = 1; step <= 3; step++) {
        double loss = tuner.trainOnBatch(batch).get("loss");
        assertThat(loss).as("loss of step %d", step).isCloseTo(losses[step - 1], Offset.offset(1e-5));
        if (step == 2) {
          continue;
        }
        double stats = 0;
        double others = 0;
        for (var e : tuner.weights().entrySet()) {
          Npy expected = want.get(e.getKey().replace("/", "__") + "__" + step);
          assertThat(expected).as("Keras weight " + e.getKey()).isNotNull();
          double diff = Fixtures.maxAbsError(e.getValue().values(), expected.data());
          assertThat(diff).as("%s after step %d", e.getKey(), step).isLessThanOrEqualTo(1e-5);
          if (e.getKey().contains("/moving_")) {
            stats = Math.max(stats, diff);
          } else {
            others = Math.max(others, diff);
          }
        }
        System.out.printf(Locale.ROOT, "fine-tuning with BatchNormalization %s, step %d: max |tuna - keras| moving "
            + "statistics %.3g, other weights %.3g%n", mode, step, stats, others);
      }
      Map<String, Weight> after = tuner.weights();
      for (String n : new String[] {"stem_bn/moving_mean", "stem_bn/gamma", "bn_frozen/moving_variance",
          "stem/kernel"}) {
        assertThat(Arrays.equals(after.get(n).values(), before.get(n).values())).as(n + " frozen").isTrue();
      }
      for (String n : new String[] {"bn/moving_mean", "inner_bn/moving_variance", "bn/gamma"}) {
        boolean moved = !Arrays.equals(after.get(n).values(), before.get(n).values());
        assertThat(moved).as(n + " moved").isEqualTo(mode == BatchNormTraining.KERAS3_FIT);
      }
      float[] probabilities = tuner.predict(batch.images(), 8);
      assertThat(Fixtures.maxAbsError(probabilities, want.get("predict").data())).as("predict after training")
          .isLessThanOrEqualTo(1e-5);
      tuner.export(tmp.resolve(kerasCase));
      try (Classifier c = Classifier.load(tmp.resolve(kerasCase))) {
        List<Prediction> exported = c.predict(batch.images(), 8);
        float[] flat = new float[24];
        for (int i = 0; i < 8; i++) {
          System.arraycopy(exported.get(i).probabilities(), 0, flat, i * 3, 3);
        }
        assertThat(Fixtures.maxAbsError(flat, want.get("predict").data())).as("exported model, inference mode")
            .isLessThanOrEqualTo(1e-5);
      }
      tuner.evaluate(Batches.of(List.of(batch)));
      Map<String, Weight> evaluated = tuner.weights();
      for (var e : after.entrySet()) {
        assertThat(Arrays.equals(evaluated.get(e.getKey()).values(), e.getValue().values()))
            .as(e.getKey() + " unchanged by predict and evaluate").isTrue();
      }
    }
  }

  @Test
  void callArgumentsKeepTheNestedTrainingFalseCallInInferenceMode() {
    ImageBatch batch = batch();
    try (FineTuner tuner = builder().batchNormalization(BatchNormTraining.CALL_ARGUMENTS).build()) {
      assertThat(tuner.trainableWeights()).containsKeys("bn/gamma", "inner_bn/beta").doesNotContainKeys(
          "stem_bn/gamma", "bn_frozen/gamma", "bn/moving_mean");
      Map<String, Weight> before = tuner.weights();
      tuner.trainOnBatch(batch);
      tuner.trainOnBatch(batch);
      Map<String, Weight> after = tuner.weights();
      for (String n : new String[] {"inner_bn/moving_mean", "inner_bn/moving_variance", "stem_bn/moving_mean"}) {
        assertThat(Arrays.equals(after.get(n).values(), before.get(n).values())).as(n + " unchanged").isTrue();
      }
      for (String n : new String[] {"bn/moving_mean", "inner_bn/gamma"}) {
        assertThat(Arrays.equals(after.get(n).values(), before.get(n).values())).as(n + " changed").isFalse();
      }
    }
  }

  @Test
  void builderRules() {
    assertThatThrownBy(() -> builder().batchNormalization(BatchNormTraining.FROZEN)
        .batchNormalization(BatchNormTraining.KERAS3_FIT)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batchNormalization was already set to FROZEN");
    assertThatThrownBy(() -> builder().batchNormalization(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("batchNormalization");
  }
}
