package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keras.io recipe on a model rebuilt from its Keras config (a real MobileNetV2 alpha 0.35 {@code .keras}):
 * whole base frozen, BatchNormalization in inference mode, GlobalAveragePooling2D head; one SGD step against Keras'
 * {@code train_on_batch} (gen_anycnn.py sgd), and a fit and export that {@link Classifier} loads.
 */
class ConfigModelFineTunerTest {
  static final Path MOBILENET = Fixtures.resource("anycnn/files/mobilenetv2_035_32.keras");

  @TempDir
  Path tmp;

  @Test
  void oneSgdStepEqualsKeras() throws IOException {
    Npy x = Fixtures.npy("anycnn/files/sgd_step-x.npy");
    Npy y = Fixtures.npy("anycnn/files/sgd_step-y.npy");
    Npy k0 = Fixtures.npy("anycnn/files/sgd_step-kernel0.npy");
    Npy b0 = Fixtures.npy("anycnn/files/sgd_step-bias0.npy");
    Npy k1 = Fixtures.npy("anycnn/files/sgd_step-kernel1.npy");
    Npy b1 = Fixtures.npy("anycnn/files/sgd_step-bias1.npy");
    JsonObject keras = JsonParser.parseString(Files.readString(Fixtures.resource("anycnn/files/sgd_step.json")))
        .getAsJsonObject();
    ImageBatch batch = ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    Map<String, Weight> head = Map.of(
        "dense/kernel", Weight.of("dense/kernel", new long[] {k0.shape()[0], 3}, k0.data()),
        "dense/bias", Weight.of("dense/bias", new long[] {3}, b0.data()));
    try (FineTuner tuner = FineTuner.builderFor(MOBILENET).head(Head.globalAveragePooling(3).withDropout(0))
        .preprocessing(Preprocessing.NONE).headWeights(head)
        .optimizer(Optimizer.sgd().withLearningRate(0.5).withMomentum(0.9)).build()) {
      Map<String, Weight> before = tuner.weights();
      double loss = tuner.trainOnBatch(batch).get("loss");
      Map<String, Weight> after = tuner.weights();
      double kernelDiff = Fixtures.maxAbsError(after.get("dense/kernel").values(), k1.data());
      double biasDiff = Fixtures.maxAbsError(after.get("dense/bias").values(), b1.data());
      System.out.printf(Locale.ROOT, "MobileNetV2 one SGD step: |loss - keras| = %.3g, max|kernel diff| = %.3g, "
          + "max|bias diff| = %.3g (kernel moved up to %.3g)%n", Math.abs(loss - keras.get("loss").getAsDouble()),
          kernelDiff, biasDiff, keras.get("max_kernel_change").getAsDouble());
      assertThat(loss).isCloseTo(keras.get("loss").getAsDouble(), org.assertj.core.data.Offset.offset(1e-5));
      assertThat(kernelDiff).isLessThanOrEqualTo(1e-5);
      assertThat(biasDiff).isLessThanOrEqualTo(1e-5);
      assertThat(Fixtures.maxAbsError(before.get("dense/kernel").values(), k1.data())).as("the step moved the head")
          .isGreaterThan(1e-3);
      int frozen = 0;
      for (var e : before.entrySet()) {
        if (!e.getKey().startsWith("dense/")) {
          assertThat(after.get(e.getKey()).values()).as(e.getKey()).containsExactly(e.getValue().values());
          frozen++;
        }
      }
      // every base weight, BatchNormalization's moving statistics included, is bit-identical after the step
      assertThat(frozen).isEqualTo(keras.get("base_weights").getAsInt());
      assertThat(before).containsKeys("bn_Conv1/moving_mean", "block_13_expand/kernel", "Conv_1_bn/moving_variance");
    }
  }

  @Test
  void fitOneEpochThenExportClassifies() {
    Npy x = Fixtures.npy("anycnn/files/sgd_step-x.npy");
    Npy y = Fixtures.npy("anycnn/files/sgd_step-y.npy");
    ImageBatch batch = ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    Path out = tmp.resolve("model");
    try (FineTuner tuner = FineTuner.builderFor(MOBILENET).classNames(List.of("a", "b", "c"))
        .optimizer(Optimizer.adam().withLearningRate(1e-3)).seed(3).build()) {
      assertThat(tuner.head().globalAveragePooling()).isTrue();
      assertThat(tuner.head().dropout()).isEqualTo(0.2);
      assertThat(tuner.preprocessing()).as("auto for mobilenetv2_0.35_32").isEqualTo(Preprocessing.TF);
      History h = tuner.fit(Batches.of(List.of(batch, batch)), 1, Batches.of(List.of(batch)));
      assertThat(h.history().get("loss")).hasSize(1).allSatisfy(l -> assertThat(l).isFinite().isPositive());
      assertThat(h.history().get("val_loss")).hasSize(1).allSatisfy(l -> assertThat(l).isFinite());
      float[] want = tuner.predict(x.data(), 4);
      tuner.export(out);
      try (Classifier c = Classifier.load(out)) {
        List<Prediction> got = c.predict(x.data(), 4);
        assertThat(got).hasSize(4);
        for (int i = 0; i < 4; i++) {
          assertThat(got.get(i).classNames()).containsExactly("a", "b", "c");
          for (int j = 0; j < 3; j++) {
            assertThat(got.get(i).probabilities()[j]).isCloseTo(want[i * 3 + j],
                org.assertj.core.data.Offset.offset(1e-6f));
          }
        }
      }
    }
  }

  @Test
  void unfreezeFromTrainsKerasCountAndKeepsBatchNormFrozen() throws IOException {
    JsonObject keras = JsonParser.parseString(Files.readString(
        Fixtures.resource("anycnn/files/mobilenetv2_035_32-freeze.json"))).getAsJsonObject();
    long want = -1;
    for (var e : keras.getAsJsonArray("points")) {
      JsonObject p = e.getAsJsonObject();
      if (p.has("unfreeze_from") && p.get("unfreeze_from").getAsString().equals("block_13_expand")) {
        want = p.get("trainable").getAsLong();
      }
    }
    Npy x = Fixtures.npy("anycnn/files/sgd_step-x.npy");
    Npy y = Fixtures.npy("anycnn/files/sgd_step-y.npy");
    ImageBatch batch = ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    try (FineTuner tuner = FineTuner.builderFor(MOBILENET).classes(3).unfreezeFrom("block_13_expand")
        .batchNormalization(BatchNormTraining.FROZEN)
        .optimizer(Optimizer.sgd().withLearningRate(0.1)).build()) {
      Map<String, Weight> trainable = tuner.trainableWeights();
      long base = trainable.entrySet().stream().filter(e -> !e.getKey().startsWith("dense/"))
          .mapToLong(e -> e.getValue().values().length).sum();
      assertThat(base).as("trainable base parameters, Keras' count for this freeze point").isEqualTo(want);
      assertThat(tuner.frozenLayers()).isEqualTo(keras.getAsJsonArray("points").asList().stream()
          .filter(e -> e.getAsJsonObject().has("index")).findFirst().orElseThrow().getAsJsonObject().get("index")
          .getAsInt());
      assertThat(trainable).containsKeys("block_13_expand/kernel", "Conv_1/kernel")
          .doesNotContainKeys("block_13_expand_BN/gamma", "block_12_project/kernel");
      Map<String, Weight> before = tuner.weights();
      double loss = tuner.trainOnBatch(batch).get("loss");
      Map<String, Weight> after = tuner.weights();
      assertThat(loss).isFinite();
      for (var e : before.entrySet()) {
        boolean trains = trainable.containsKey(e.getKey());
        if (trains) {
          assertThat(after.get(e.getKey()).values()).as(e.getKey()).isNotEqualTo(e.getValue().values());
        } else {
          assertThat(after.get(e.getKey()).values()).as(e.getKey()).containsExactly(e.getValue().values());
        }
      }
    }
  }

  @Test
  void unfreezeFromUnknownLayerIsNamed() {
    assertThatThrownBy(() -> FineTuner.builderFor(MOBILENET).classes(3).unfreezeFrom("block_99").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block_99")
        .hasMessageContaining("input_layer");
  }

  @Test
  void theFlattenDenseHead_fitsAConfigModel() {
    try (FineTuner tuner = FineTuner.builderFor(MOBILENET).head(Head.of(3).withUnits(16)).build()) {
      // MobileNetV2 alpha 0.35 at 32x32 ends in 1x1x1280
      assertThat(tuner.trainableWeights().get("dense/kernel").shape()).containsExactly(1280, 16);
      assertThat(tuner.trainableWeights().get("dense_1/kernel").shape()).containsExactly(16, 3);
      assertThat(tuner.summary().rows().get(tuner.summary().rows().size() - 4).name()).isEqualTo("flatten");
      assertThat(tuner.predict(new float[32 * 32 * 3], 1)).hasSize(3);
    }
  }

  @Test
  void vggOnlyOptionsAreRejectedByName() {
    assertThatThrownBy(() -> FineTuner.builderFor(MOBILENET).classes(3).freezeFirst(10).unfreezeFrom("Conv_1")
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("freeze or unfreezeFrom");
    assertThatThrownBy(() -> FineTuner.builderFor(MOBILENET).classes(3).inputShape(64, 64).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x64").hasMessageContaining("32x32");
  }
}
