package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.ExportedModel;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.graph.SeededKerasFile;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
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
 * Both heads on both kinds of backbone against Keras' {@code train_on_batch} (gen_heads.py): the
 * GlobalAveragePooling2D head on the mini-VGG (64×64, {@code layers[:15]} frozen, Keras' own initial head) and the
 * Flatten-Dense head on MobileNetV2 alpha 0.35 from its config (64×64, seeded weights, base frozen as in the keras.io
 * first phase, tuna's seeded head, which gen_heads.py draws with NumPy); SGD with momentum and Adam, five steps,
 * dropout 0. Losses within 1e-5, trainable weights within 1e-5 after steps 1 and 5, frozen
 * weights bit-identical, parameter totals and head rows as Keras' {@code summary()}, and the exported model served by
 * {@link Classifier} predicts as Keras' model after the steps.
 */
class HeadsParityTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  @TempDir
  Path tmp;

  private static JsonObject meta(String name) throws IOException {
    return JsonParser.parseString(Files.readString(Fixtures.resource("heads/" + name + "/steps.json")))
        .getAsJsonObject();
  }

  private FineTuner.Builder builder(String name, boolean unfrozen) throws IOException {
    if (name.equals("vgg_gap")) {
      Npy k = Fixtures.npy("heads/vgg_gap/head_kernel.npy");
      Npy b = Fixtures.npy("heads/vgg_gap/head_bias.npy");
      return FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras"))).inputShape(64, 64)
          .head(Head.globalAveragePooling(3).withDropout(0)).preprocessing(Preprocessing.RESCALE)
          .headWeights(Map.of("dense/kernel", Weight.of("dense/kernel", k.shape(), k.data()),
              "dense/bias", Weight.of("dense/bias", b.shape(), b.data())));
    }
    Path model = tmp.resolve(name + ".keras");
    if (!Files.exists(model)) {
      SeededKerasFile.write(Fixtures.resource("heads/" + name + "/config.json.gz"), model);
    }
    FineTuner.Builder b = FineTuner.builderFor(model).head(Head.of(3).withDropout(0))
        .preprocessing(Preprocessing.NONE).seed(42);
    return unfrozen ? b.unfreezeFrom(meta(name).getAsJsonObject("unfrozen").get("first_trainable").getAsString())
        .batchNormalization(BatchNormTraining.FROZEN) : b;
  }

  @ParameterizedTest
  @CsvSource({"vgg_gap, sgd", "vgg_gap, adam", "mobilenetv2_flatten, sgd", "mobilenetv2_flatten, adam"})
  void stepsEqualKeras_andTheExportPredictsAsKeras(String name, String opt) throws IOException {
    String dir = "heads/" + name + "/";
    JsonObject meta = meta(name);
    JsonObject keras = meta.getAsJsonObject("optimizers").getAsJsonObject(opt);
    JsonObject cfg = keras.getAsJsonObject("config");
    Map<String, Npy> want = Fixtures.npz(Fixtures.resource(dir + opt + ".npz"));
    Npy x = Fixtures.npy(dir + "x.npy");
    Npy y = Fixtures.npy(dir + "y.npy");
    ImageBatch batch = StepParityTest.batch(x, y);
    Optimizer optimizer = StepParityTest.optimizer(opt, cfg);
    int steps = meta.get("steps").getAsInt();
    float[] losses = want.get("loss").data();
    Path export = tmp.resolve("model");
    float[] predicted;
    try (FineTuner tuner = builder(name, false).optimizer(optimizer).classNames(NAMES).build()) {
      assertThat(tuner.trainableWeights().keySet()).containsExactlyInAnyOrderElementsOf(
          keras.getAsJsonArray("trainable").asList().stream().map(JsonElement::getAsString).toList());
      assertSummary(name, tuner.summary(), meta.getAsJsonObject("counts"), meta);
      Map<String, Weight> before = tuner.weights();
      double worstLoss = 0;
      for (int step = 1; step <= steps; step++) {
        double loss = tuner.trainOnBatch(batch).get("loss");
        double scale = Math.max(1, Math.abs(losses[step - 1]));
        worstLoss = Math.max(worstLoss, Math.abs(loss - losses[step - 1]) / scale);
        assertThat(loss).as("loss of step %d", step).isCloseTo(losses[step - 1], Offset.offset(1e-5 * scale));
        if (step == 1 || step == steps) {
          StepParityTest.compare(name + " " + opt + " step " + step, before, tuner.trainableWeights(), want, step);
        }
      }
      System.out.printf(Locale.ROOT, "%s %s: max |loss - keras| (relative above 1) over %d steps = %.3g%n", name,
          opt, steps, worstLoss);
      Map<String, Weight> after = tuner.weights();
      for (var e : before.entrySet()) {
        if (!tuner.trainableWeights().containsKey(e.getKey())) {
          assertThat(Arrays.equals(after.get(e.getKey()).values(), e.getValue().values())).as(e.getKey()).isTrue();
        }
      }
      predicted = tuner.predict(x.data(), 4);
      tuner.export(export);
    }
    float[] kerasPredict = want.get("predict").data();
    double diff = Fixtures.maxAbsError(predicted, kerasPredict);
    System.out.printf(Locale.ROOT, "%s %s: max |predict - keras| after %d steps = %.3g%n", name, opt, steps, diff);
    assertThat(diff).isLessThanOrEqualTo(1e-5);
    try (Classifier c = Classifier.load(export)) {
      assertThat(c.classNames()).isEqualTo(NAMES);
      List<Prediction> p = c.predict(x.data(), 4);
      for (int i = 0; i < 4; i++) {
        float[] served = p.get(i).probabilities();
        assertThat(Fixtures.maxAbsError(served, Arrays.copyOfRange(predicted, 3 * i, 3 * i + 3)))
            .as("sample %d: served vs tuner", i).isLessThanOrEqualTo(1e-6);
        assertThat(Fixtures.maxAbsError(served, Arrays.copyOfRange(kerasPredict, 3 * i, 3 * i + 3)))
            .as("sample %d: served vs Keras", i).isLessThanOrEqualTo(1e-5);
      }
    }
    if (name.equals("vgg_gap")) {
      ExportedModel read = ExportedModel.read(export);
      assertThat(read.head().globalAveragePooling()).isTrue();
      assertThat(read.head().classes()).isEqualTo(3);
      assertSummary(name, read.summary(15), meta.getAsJsonObject("counts"), meta);
    }
  }

  @Test
  void flattenDenseHead_onAConfigModelUnfrozenFromALayer_countsAsKeras() throws IOException {
    JsonObject meta = meta("mobilenetv2_flatten");
    try (FineTuner tuner = builder("mobilenetv2_flatten", true).classNames(NAMES).build()) {
      assertThat(tuner.head().globalAveragePooling()).isFalse();
      assertSummary("mobilenetv2_flatten from Conv_1", tuner.summary(), meta.getAsJsonObject("unfrozen"), meta);
      assertThat(tuner.trainableWeights().keySet()).containsExactly("Conv_1/kernel", "dense/kernel", "dense/bias",
          "dense_1/kernel", "dense_1/bias");
    }
  }

  /** Keras' totals for the freeze point and its head rows (name, output shape, parameters). */
  private static void assertSummary(String what, ModelSummary summary, JsonObject counts, JsonObject meta) {
    assertThat(summary.trainableParams()).as(what + " trainable").isEqualTo(counts.get("trainable").getAsLong());
    assertThat(summary.nonTrainableParams()).as(what + " non-trainable")
        .isEqualTo(counts.get("non_trainable").getAsLong());
    List<ModelSummary.Row> rows = summary.rows();
    var head = meta.getAsJsonArray("head");
    List<ModelSummary.Row> tail = rows.subList(rows.size() - head.size(), rows.size());
    for (int i = 0; i < head.size(); i++) {
      JsonObject want = head.get(i).getAsJsonObject();
      ModelSummary.Row got = tail.get(i);
      assertThat(got.name()).isEqualTo(want.get("name").getAsString());
      assertThat(got.params()).as(got.name()).isEqualTo(want.get("params").getAsLong());
      assertThat(got.outputShape()).as(got.name()).containsExactly(
          want.getAsJsonArray("output_shape").asList().stream().mapToInt(JsonElement::getAsInt).toArray());
    }
  }
}
