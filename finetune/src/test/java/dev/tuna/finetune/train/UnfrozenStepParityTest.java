package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One SGD step of the keras.io second phase on MobileNetV2 alpha 0.35 (layers from {@code block_13_expand} on
 * trainable, every BatchNormalization frozen, base called with {@code training=False}) against Keras'
 * {@code train_on_batch} (gen_anycnn.py sgd, {@code sgd_step_unfrozen.*}). The gradient reaches
 * {@code block_13_expand} through 1×1 convolutions with 112 and 320 input channels, where TensorFlow's oneDNN
 * {@code Conv2DBackpropInput} is wrong.
 */
class UnfrozenStepParityTest {
  @Test
  void oneSgdStepOfTheUnfrozenTopEqualsKeras() throws IOException {
    Npy x = Fixtures.npy("anycnn/files/sgd_step-x.npy");
    Npy y = Fixtures.npy("anycnn/files/sgd_step-y.npy");
    Npy k0 = Fixtures.npy("anycnn/files/sgd_step-kernel0.npy");
    Npy b0 = Fixtures.npy("anycnn/files/sgd_step-bias0.npy");
    Map<String, Npy> want = Fixtures.npz(Fixtures.resource("anycnn/files/sgd_step_unfrozen.npz"));
    JsonObject keras = JsonParser.parseString(Files.readString(
        Fixtures.resource("anycnn/files/sgd_step_unfrozen.json"))).getAsJsonObject();
    ImageBatch batch = ImageBatch.of(32, 32, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    Map<String, Weight> head = Map.of(
        "dense/kernel", Weight.of("dense/kernel", new long[] {k0.shape()[0], 3}, k0.data()),
        "dense/bias", Weight.of("dense/bias", new long[] {3}, b0.data()));
    try (FineTuner tuner = FineTuner.builderFor(ConfigModelFineTunerTest.MOBILENET)
        .head(Head.globalAveragePooling(3).withDropout(0)).preprocessing(Preprocessing.NONE).headWeights(head)
        .unfreezeFrom("block_13_expand").batchNormalization(BatchNormTraining.FROZEN)
        .optimizer(Optimizer.sgd().withLearningRate(0.01).withMomentum(0.9)).build()) {
      assertThat(tuner.trainableWeights()).hasSize(keras.get("trainable").getAsInt());
      Map<String, Weight> before = tuner.weights();
      double loss = tuner.trainOnBatch(batch).get("loss");
      Map<String, Weight> after = tuner.weights();
      assertThat(loss).isCloseTo(keras.get("loss").getAsDouble(), Offset.offset(1e-5));
      for (var e : want.entrySet()) {
        String name = e.getKey().replace("__", "/");
        float[] start = before.get(name).values();
        float[] got = after.get(name).values();
        float[] expected = e.getValue().data();
        double diff = Fixtures.maxAbsError(got, expected);
        double moved = Fixtures.maxAbsError(start, expected);
        System.out.printf(Locale.ROOT, "unfrozen MobileNetV2 SGD step: %-26s max|tuna - keras| = %.3g "
            + "(Keras moved it by up to %.3g)%n", name, diff, moved);
        assertThat(moved).as(name + " moved").isGreaterThan(1e-7);
        // absolute: the weights are O(0.1), their one-step changes 6e-7 .. 2e-3
        assertThat(diff).as(name).isLessThanOrEqualTo(1e-5);
        assertThat(diff).as(name + " relative to its change").isLessThanOrEqualTo(0.01 * moved + 1e-7);
      }
      int frozen = 0;
      for (var e : before.entrySet()) {
        if (!tuner.trainableWeights().containsKey(e.getKey())) {
          // bit-identical (Arrays.equals compares the float bits)
          assertThat(Arrays.equals(after.get(e.getKey()).values(), e.getValue().values())).as(e.getKey()).isTrue();
          frozen++;
        }
      }
      assertThat(frozen).isGreaterThan(200);
      assertThat(before).containsKeys("block_16_project_BN/moving_mean", "Conv_1_bn/moving_variance");
    }
  }
}
