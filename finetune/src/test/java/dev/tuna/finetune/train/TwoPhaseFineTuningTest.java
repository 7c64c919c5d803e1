package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.Unfreeze;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keras.io two-phase recipe in one {@link FineTuner#fit}: trainable parameter counts per phase equal Keras'
 * ({@code phases/counts.json}, gen_phases.py), frozen weights stay bit-identical, epochs number on in one
 * {@link History}, and phase 2 starts a fresh optimizer (Keras' recompile).
 */
class TwoPhaseFineTuningTest {
  private static final KerasWeights MINI = KerasWeights.load(Fixtures.miniVgg("keras2-weights.h5"));
  private static final Path MOBILENET = ConfigModelFineTunerTest.MOBILENET;

  static JsonObject counts() throws IOException {
    return JsonParser.parseString(Files.readString(Fixtures.resource("phases/counts.json"))).getAsJsonObject();
  }

  static ImageBatch miniBatch() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    return ImageBatch.of(32, 32, 3, x, new float[] {0, 1, 2, 1}, new int[] {4}, null, new int[] {0, 1, 2, 3});
  }

  static ImageBatch mobileNetBatch() {
    Fixtures.Npy x = Fixtures.npy("anycnn/files/sgd_step-x.npy");
    Fixtures.Npy y = Fixtures.npy("anycnn/files/sgd_step-y.npy");
    return ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
  }

  private static long total(Map<String, Weight> weights) {
    return weights.values().stream().mapToLong(w -> w.values().length).sum();
  }

  /** Records, after each epoch, the trainable parameter count and a copy of every weight. */
  private static final class Recorder implements Callback {
    final List<Long> trainable = new ArrayList<>();
    final List<Map<String, Weight>> weights = new ArrayList<>();
    final List<Double> learningRates = new ArrayList<>();

    @Override
    public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
      trainable.add(total(training.trainableWeights()));
      weights.add(((FineTuner) training).weights());
      learningRates.add(training.learningRate());
    }
  }

  @Test
  void vgg_twoPhases_countsEqualKeras_frozenWeightsUnchanged_historyNumbersOn() throws IOException {
    JsonObject keras = counts().getAsJsonObject("mini_vgg");
    Recorder rec = new Recorder();
    Map<String, Weight> initial;
    History h;
    try (FineTuner t = FineTuner.builder(MINI).inputShape(32, 32).classes(3).preprocessing(Preprocessing.RESCALE)
        .optimizer(Optimizer.adam().withLearningRate(1e-3)).fineTune(Unfreeze.from("block4_conv1"))
        .fineTuneEpochs(2).fineTuneLearningRate(1e-4).seed(3).build()) {
      initial = t.weights();
      assertThat(t.frozenLayers()).isEqualTo(15);
      h = t.fit(Batches.of(List.of(miniBatch())), 2, Batches.of(List.of(miniBatch())), rec);
      assertThat(t.frozenLayers()).isEqualTo(keras.getAsJsonObject("from_block4_conv1").get("index").getAsInt());
      assertThat(t.optimizer()).isEqualTo(Optimizer.adam().withLearningRate(1e-4));
    }
    long phase1 = keras.getAsJsonObject("phase1").get("trainable").getAsLong();
    long phase2 = keras.getAsJsonObject("from_block4_conv1").get("trainable").getAsLong();
    assertThat(rec.trainable).containsExactly(phase1, phase1, phase2, phase2);
    assertThat(rec.learningRates).containsExactly((double) 1e-3f, (double) 1e-3f, (double) 1e-4f, (double) 1e-4f);
    assertThat(h.epochs()).containsExactly(0, 1, 2, 3);
    assertThat(h.get("loss")).hasSize(4);
    assertThat(h.get("val_accuracy")).hasSize(4);
    Map<String, Weight> afterPhase1 = rec.weights.get(1);
    Map<String, Weight> afterPhase2 = rec.weights.get(3);
    for (String frozen : List.of("block1_conv1/kernel", "block3_conv3/bias", "block4_conv1/kernel",
        "block4_conv3/kernel")) {
      assertThat(afterPhase1.get(frozen).values()).as(frozen + " after phase 1")
          .containsExactly(initial.get(frozen).values());
    }
    for (String trained : List.of("block4_conv1/kernel", "block4_conv3/bias")) {
      assertThat(afterPhase2.get(trained).values()).as(trained + " trains in phase 2")
          .isNotEqualTo(afterPhase1.get(trained).values());
    }
    assertThat(afterPhase2.get("block3_conv3/kernel").values()).as("frozen in both phases")
        .containsExactly(initial.get("block3_conv3/kernel").values());
    assertThat(afterPhase1.get("block5_conv1/kernel").values()).isNotEqualTo(initial.get("block5_conv1/kernel")
        .values());
  }

  @Test
  void configModel_phaseCountsEqualKeras_forEveryWayToUnfreeze() throws IOException {
    JsonObject keras = counts().getAsJsonObject("mobilenet");
    Map<String, Unfreeze> points = Map.of("from_block_13_expand", Unfreeze.from("block_13_expand"),
        "last_20", Unfreeze.last(20), "prefix_block_16", Unfreeze.prefix("block_16"));
    for (var e : points.entrySet()) {
      try (FineTuner t = FineTuner.builderFor(MOBILENET).classes(3).fineTune(e.getValue()).fineTuneEpochs(1)
          .batchNormalization(BatchNormTraining.FROZEN)
          .build()) {
        assertThat(total(t.trainableWeights())).as("phase 1 of " + e.getKey())
            .isEqualTo(keras.getAsJsonObject("phase1").get("trainable").getAsLong());
        assertThat(t.frozenLayers()).isEqualTo(keras.get("layers").getAsInt());
        t.enterPhase(2);
        JsonObject want = keras.getAsJsonObject(e.getKey());
        assertThat(total(t.trainableWeights())).as("phase 2 of " + e.getKey())
            .isEqualTo(want.get("trainable").getAsLong());
        assertThat(total(t.weights()) - total(t.trainableWeights())).as("non-trainable, phase 2 of " + e.getKey())
            .isEqualTo(want.get("non_trainable").getAsLong());
        assertThat(t.frozenLayers()).isEqualTo(want.get("index").getAsInt());
      }
    }
  }

  @Test
  void configModel_summaryTotalsEqualKeras_inBothPhases() throws IOException {
    JsonObject keras = counts().getAsJsonObject("mobilenet");
    try (FineTuner t = FineTuner.builderFor(MOBILENET).classes(3).fineTune(Unfreeze.from("block_13_expand"))
        .fineTuneEpochs(1).batchNormalization(BatchNormTraining.FROZEN).build()) {
      var s1 = t.summary();
      assertThat(s1.trainableParams()).isEqualTo(keras.getAsJsonObject("phase1").get("trainable").getAsLong());
      assertThat(s1.nonTrainableParams()).isEqualTo(keras.getAsJsonObject("phase1").get("non_trainable")
          .getAsLong());
      assertThat(s1.rows()).hasSize(keras.get("layers").getAsInt() + 3);
      assertThat(s1.toString()).contains("block_13_expand").contains("global_average_pooling2d")
          .contains("Trainable params: 3,843");
      t.enterPhase(2);
      var s2 = t.summary();
      JsonObject want = keras.getAsJsonObject("from_block_13_expand");
      assertThat(s2.trainableParams()).isEqualTo(want.get("trainable").getAsLong());
      assertThat(s2.nonTrainableParams()).isEqualTo(want.get("non_trainable").getAsLong());
    }
  }

  @Test
  void phaseTwo_startsAFreshOptimizer_likeANewFineTunerFromPhaseOneWeights() {
    ImageBatch batch = mobileNetBatch();
    Head head = Head.globalAveragePooling(3).withDropout(0);
    Map<String, Weight> twoPhase;
    Map<String, Weight> slots;
    long iterations;
    Map<String, Weight> afterPhase1;
    try (FineTuner t = FineTuner.builderFor(MOBILENET).head(head).optimizer(Optimizer.adam().withLearningRate(0.01))
        .fineTune(Unfreeze.from("block_13_expand")).fineTuneEpochs(1)
        .fineTuneOptimizer(Optimizer.adam().withLearningRate(0.001)).build()) {
      t.overlapBatches = false;
      Recorder rec = new Recorder();
      t.fit(Batches.of(List.of(batch, batch)), 1, null, rec);
      afterPhase1 = rec.weights.get(0);
      twoPhase = t.weights();
      slots = t.graph().slots();
      iterations = t.graph().iterations();
    }
    assertThat(iterations).as("phase 2's iteration counter restarted at 0").isEqualTo(2);
    Map<String, Weight> headWeights = Map.of("dense/kernel", afterPhase1.get("dense/kernel"),
        "dense/bias", afterPhase1.get("dense/bias"));
    try (FineTuner fresh = FineTuner.builderFor(MOBILENET).head(head).headWeights(headWeights)
        .unfreezeFrom("block_13_expand").optimizer(Optimizer.adam().withLearningRate(0.001)).build()) {
      fresh.trainOnBatch(batch);
      fresh.trainOnBatch(batch);
      Map<String, Weight> want = fresh.weights();
      assertThat(twoPhase.keySet()).isEqualTo(want.keySet());
      double max = 0;
      for (String k : want.keySet()) {
        max = Math.max(max, Fixtures.maxAbsError(twoPhase.get(k).values(), want.get(k).values()));
      }
      assertThat(max).as("max |two-phase - fresh fine-tuner| over all weights").isLessThanOrEqualTo(1e-6);
      Map<String, Weight> freshSlots = fresh.graph().slots();
      assertThat(slots.keySet()).isEqualTo(freshSlots.keySet()).contains("dense_kernel_momentum",
          "block_13_expand_kernel_velocity");
      for (String k : freshSlots.keySet()) {
        assertThat(Fixtures.maxAbsError(slots.get(k).values(), freshSlots.get(k).values())).as(k)
            .isLessThanOrEqualTo(1e-6);
      }
    }
    assertThat(Fixtures.maxAbsError(twoPhase.get("block_13_expand/kernel").values(),
        afterPhase1.get("block_13_expand/kernel").values())).as("phase 2 trained the unfrozen layers")
        .isGreaterThan(0);
  }

  @Test
  void builderRules() {
    assertThatThrownBy(() -> FineTuner.builder(MINI).fineTune(Unfreeze.last(2)).fineTune(Unfreeze.last(3)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("fineTune was already set to last(2)");
    assertThatThrownBy(() -> FineTuner.builder(MINI).fineTune(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fineTune");
    assertThatThrownBy(() -> FineTuner.builder(MINI).fineTuneEpochs(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fineTuneEpochs").hasMessageContaining("0");
    assertThatThrownBy(() -> FineTuner.builder(MINI).fineTuneLearningRate(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fineTuneLearningRate");
    assertThatThrownBy(() -> FineTuner.builder(MINI).inputShape(32, 32).classes(2).fineTuneEpochs(2).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("fineTune(Unfreeze)");
    assertThatThrownBy(() -> FineTuner.builder(MINI).inputShape(32, 32).classes(2).fineTune(Unfreeze.last(4))
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("fineTuneEpochs");
    assertThatThrownBy(() -> FineTuner.builder(MINI).inputShape(32, 32).classes(2).fineTune(Unfreeze.last(4))
        .fineTuneEpochs(1).fineTuneLearningRate(1e-4).fineTuneOptimizer(Optimizer.sgd()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> FineTuner.builder(MINI).inputShape(32, 32).classes(2)
        .fineTune(Unfreeze.from("block9_conv1")).fineTuneEpochs(1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block9_conv1")
        .hasMessageContaining("block5_pool");
    assertThatThrownBy(() -> FineTuner.builderFor(MOBILENET).classes(2).fineTune(Unfreeze.prefix("stage9"))
        .fineTuneEpochs(1).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage9");
    assertThatThrownBy(() -> Unfreeze.last(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last");
    try (FineTuner t = FineTuner.builder(MINI).inputShape(64, 64).head(Head.globalAveragePooling(2))
        .fineTune(Unfreeze.prefix("block4")).fineTuneEpochs(1).build()) {
      t.enterPhase(2);
      assertThat(t.trainableWeights()).containsKeys("block4_conv1/kernel", "block5_conv3/bias", "dense/bias")
          .doesNotContainKey("dense_1/kernel");
      assertThat(t.trainableWeights().get("dense/kernel").shape()).as("the pooled 8 channels").containsExactly(8, 2);
    }
    try (FineTuner t = FineTuner.builder(MINI).inputShape(32, 32).classes(2).optimizer(Optimizer.sgd())
        .fineTune(Unfreeze.prefix("block4")).fineTuneEpochs(1).build()) {
      t.enterPhase(2);
      assertThat(t.optimizer()).as("default: the first optimizer at a tenth of its learning rate")
          .isEqualTo(Optimizer.sgd().withLearningRate(0.001));
      assertThat(t.frozenLayers()).isEqualTo(11);
    }
  }
}
