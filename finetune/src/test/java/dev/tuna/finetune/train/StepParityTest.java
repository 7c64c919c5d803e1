package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.graph.SeededKerasFile;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Step parity with Keras' {@code train_on_batch} for the keras.io second phase (gen_anycnn.py steps): MobileNetV2
 * alpha 0.35 and ResNet50 (seeded weights, 32×32) with the top layers trainable, BatchNormalization frozen in
 * inference mode, a GlobalAveragePooling2D head; SGD with momentum and Adam, after one and after five steps.
 * Trainable weights within 1e-5 (absolute; whole tensors up to 512 values, else 512 seeded positions plus the L1 norm
 * of the update within 1e-4 relative); every other weight, BatchNormalization's moving statistics included,
 * bit-identical to its starting value.
 */
class StepParityTest {
  @TempDir
  static Path tmp;

  private static final Map<String, Path> FILES = new HashMap<>();

  private static synchronized Path model(String name) throws IOException {
    Path p = FILES.get(name);
    if (p == null) {
      p = SeededKerasFile.write(Fixtures.resource("anycnn/steps/" + name + "/config.json.gz"),
          tmp.resolve(name + ".keras"));
      FILES.put(name, p);
    }
    return p;
  }

  @ParameterizedTest
  @CsvSource({"mobilenetv2_035_32, sgd", "mobilenetv2_035_32, adam", "resnet50_32, sgd", "resnet50_32, adam"})
  void stepsEqualKeras(String name, String opt) throws IOException {
    String dir = "anycnn/steps/" + name + "/";
    JsonObject meta = JsonParser.parseString(Files.readString(Fixtures.resource(dir + "steps.json")))
        .getAsJsonObject();
    JsonObject keras = meta.getAsJsonObject("optimizers").getAsJsonObject(opt);
    JsonObject cfg = keras.getAsJsonObject("config");
    int steps = meta.get("steps").getAsInt();
    Map<String, Npy> want = Fixtures.npz(Fixtures.resource(dir + opt + ".npz"));
    Npy x = Fixtures.npy(dir + "x.npy");
    Npy y = Fixtures.npy(dir + "y.npy");
    Npy k0 = Fixtures.npy(dir + "head_kernel.npy");
    Npy b0 = Fixtures.npy(dir + "head_bias.npy");
    ImageBatch batch = batch(x, y);
    Optimizer optimizer = optimizer(opt, cfg);
    Map<String, Weight> head = Map.of(
        "dense/kernel", Weight.of("dense/kernel", new long[] {k0.shape()[0], 3}, k0.data()),
        "dense/bias", Weight.of("dense/bias", new long[] {3}, b0.data()));
    try (FineTuner tuner = FineTuner.builderFor(model(name)).head(Head.globalAveragePooling(3).withDropout(0))
        .headWeights(head).unfreezeFrom(meta.get("first_trainable").getAsString()).optimizer(optimizer)
        .batchNormalization(BatchNormTraining.FROZEN).preprocessing(Preprocessing.NONE).build()) {
      assertThat(tuner.trainableWeights().keySet()).containsExactlyInAnyOrderElementsOf(
          keras.getAsJsonArray("trainable").asList().stream().map(e -> e.getAsString()).toList());
      Map<String, Weight> before = tuner.weights();
      float[] losses = want.get("loss").data();
      double worstLoss = 0;
      for (int step = 1; step <= steps; step++) {
        double loss = tuner.trainOnBatch(batch).get("loss");
        worstLoss = Math.max(worstLoss, Math.abs(loss - losses[step - 1]) / Math.max(1, Math.abs(losses[step - 1])));
        assertThat(loss).as("loss of step %d", step)
            .isCloseTo(losses[step - 1], Offset.offset(1e-5 * Math.max(1, Math.abs(losses[step - 1]))));
        if (step == 1 || step == steps) {
          compare(name + " " + opt + " step " + step, before, tuner.trainableWeights(), want, step);
        }
      }
      System.out.printf(Locale.ROOT, "%s %s: max |loss - keras| (relative above 1) over %d steps = %.3g%n", name,
          opt, steps, worstLoss);
      Map<String, Weight> after = tuner.weights();
      int frozen = 0;
      for (var e : before.entrySet()) {
        if (!tuner.trainableWeights().containsKey(e.getKey())) {
          // bit-identical (Arrays.equals compares the float bits)
          assertThat(Arrays.equals(after.get(e.getKey()).values(), e.getValue().values())).as(e.getKey()).isTrue();
          frozen++;
        }
      }
      assertThat(frozen).isEqualTo(before.size() - tuner.trainableWeights().size());
      assertThat(before.keySet()).anyMatch(k -> k.endsWith("/moving_variance"));
    }
  }

  /** The fixture's four images and one-hot labels of three classes as one batch. */
  static ImageBatch batch(Npy x, Npy y) {
    int size = (int) x.shape()[1];
    return ImageBatch.of(size, size, 3, x.data(), y.data(), new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
  }

  /** The optimizer Keras' config describes: {@code sgd} with momentum, or {@code adam}. */
  static Optimizer optimizer(String opt, JsonObject cfg) {
    return opt.equals("sgd")
        ? Optimizer.sgd().withLearningRate(cfg.get("learning_rate").getAsDouble())
            .withMomentum(cfg.get("momentum").getAsDouble())
        : Optimizer.adam().withLearningRate(cfg.get("learning_rate").getAsDouble());
  }

  static void compare(String what, Map<String, Weight> before, Map<String, Weight> trained,
      Map<String, Npy> want, int step) {
    double worst = 0;
    double worstMoved = 0;
    String worstName = "";
    for (var e : trained.entrySet()) {
      String key = e.getKey().replace("/", "__");
      float[] got = e.getValue().values();
      float[] start = before.get(e.getKey()).values();
      float[] expected = want.get(key + "__" + step).data();
      Npy idx = want.get(key + "__idx");
      double diff = 0;
      double moved = 0;
      for (int i = 0; i < expected.length; i++) {
        int j = idx == null ? i : (int) idx.data()[i];
        diff = Math.max(diff, Math.abs(got[j] - expected[i]));
        moved = Math.max(moved, Math.abs(start[j] - expected[i]));
      }
      if (idx != null) {
        assertThat(got).hasSizeGreaterThan(expected.length);
        double l1 = 0;
        for (int j = 0; j < got.length; j++) {
          l1 += Math.abs((double) got[j] - start[j]);
        }
        double keras = want.get(key + "__l1_" + step).data()[0];
        assertThat(l1).as(what + " " + e.getKey() + " L1 of the update").isCloseTo(keras,
            Offset.offset(1e-4 * keras));
      } else {
        assertThat(got).hasSameSizeAs(expected);
      }
      assertThat(moved).as(what + " " + e.getKey() + " moved").isGreaterThan(0);
      assertThat(diff).as(what + " " + e.getKey()).isLessThanOrEqualTo(1e-5);
      if (diff >= worst) {
        worst = diff;
        worstName = e.getKey();
      }
      worstMoved = Math.max(worstMoved, moved);
    }
    System.out.printf(Locale.ROOT, "%s: max |tuna - keras| over trainable weights = %.3g (%s), largest change "
        + "%.3g%n", what, worst, worstName, worstMoved);
  }
}
