package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.BatchIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole-fit parity with Keras 3 {@code model.fit(flow, epochs=3, shuffle=...)} after
 * {@code keras.utils.set_random_seed(42)} (gen_wholefit.py): an augmenting flow (rotation, flips) over 10 images in
 * batches of 4, the mini-VGG with a Dropout(0) head, SGD with momentum. The iterator is asked for the same batches in
 * the same order (with the same {@code total_batches_seen}) as Keras asks its {@code NumpyArrayIterator}, and the
 * epoch losses match within 1e-5 relative, the trained weights within 1e-5.
 */
final class WholeFitParityTest {
  private static final float[] X = Fixtures.npy("finetune/whole-fit/x.npy").data();
  private static final float[] Y = Fixtures.npy("finetune/whole-fit/y.npy").data();
  private static final int N = 10;

  /** The keras fixtures' model: seed 42 (head and Python's random), Dropout(0), SGD(0.01, momentum 0.9). */
  private static FineTuner tuner(boolean shuffle) {
    return FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras"))).inputShape(32, 32)
        .head(Head.of(3).withDropout(0)).preprocessing(Preprocessing.RESCALE).seed(42).freezeFirst(15)
        .optimizer(Optimizer.sgd().withLearningRate(0.01).withMomentum(0.9)).shuffle(shuffle).build();
  }

  private static ArrayIterator flow(boolean seeded) {
    ArrayIterator.Builder b = ImageDataGenerator.builder().rotationRange(20).horizontalFlip(true).build()
        .flow(X, N, 32, 32, 3).y(Y, N, 3).batchSize(4);
    return seeded ? b.seed(7).build() : b.randomSource(new NumpyRandom(42)).build();
  }

  private static JsonObject json(String path) throws IOException {
    return JsonParser.parseString(Files.readString(Fixtures.resource("finetune/whole-fit/" + path)))
        .getAsJsonObject();
  }

  /** Batches that record Keras' view of each call: {@code [index, total_batches_seen]} or {@code end}. */
  private static final class Recording implements Batches {
    final Batches delegate;
    final BatchIterator iterator;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    Recording(BatchIterator iterator) {
      this.iterator = iterator;
      this.delegate = Batches.of(iterator);
    }

    @Override
    public int batchCount() {
      return delegate.batchCount();
    }

    @Override
    public synchronized ImageBatch batch(int index) {
      calls.add("[" + index + ", " + iterator.position().totalBatchesSeen() + "]");
      return delegate.batch(index);
    }

    @Override
    public synchronized void onEpochEnd() {
      calls.add("end");
      delegate.onEpochEnd();
    }
  }

  /** Keras' recorded calls in the same notation. */
  private static List<String> kerasCalls(JsonObject recorded) {
    JsonArray calls = recorded.getAsJsonArray("calls");
    List<Integer> ends = new ArrayList<>();
    recorded.getAsJsonArray("on_epoch_end").forEach(e -> ends.add(e.getAsInt()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= calls.size(); i++) {
      for (int e : ends) {
        if (e == i) {
          out.add("end");
        }
      }
      if (i < calls.size()) {
        JsonArray c = calls.get(i).getAsJsonArray();
        out.add("[" + c.get(0).getAsInt() + ", " + c.get(1).getAsInt() + "]");
      }
    }
    return out;
  }

  private static void assertLossesMatch(History h, JsonObject keras, String what) {
    JsonArray loss = keras.getAsJsonArray("loss");
    JsonArray accuracy = keras.getAsJsonArray("accuracy");
    assertThat(h.get("loss")).hasSize(loss.size());
    double worst = 0;
    for (int e = 0; e < loss.size(); e++) {
      double want = loss.get(e).getAsDouble();
      double rel = Math.abs(h.get("loss").get(e) - want) / Math.abs(want);
      worst = Math.max(worst, rel);
      assertThat(rel).as("%s loss of epoch %d: %s vs Keras %s", what, e, h.get("loss").get(e), want)
          .isLessThanOrEqualTo(1e-5);
      assertThat(h.get("accuracy").get(e)).as("%s accuracy of epoch %d", what, e)
          .isCloseTo(accuracy.get(e).getAsDouble(), org.assertj.core.data.Offset.offset(1e-6));
    }
    System.out.printf(Locale.ROOT, "whole fit %s: max relative loss error %.3g over %d epochs%n", what, worst,
        loss.size());
  }

  @ParameterizedTest
  @CsvSource({"shuffle, true, true", "no-shuffle, true, false", "unseeded, false, true"})
  void fitReadsTheBatchesKerasReadsAndLearnsTheSame(String fixture, boolean seeded, boolean shuffle)
      throws IOException {
    try (ArrayIterator it = flow(seeded); FineTuner tuner = tuner(shuffle)) {
      Recording train = new Recording(it);
      History h = tuner.fit(train, 3, null);

      assertThat(train.calls).containsExactlyElementsOf(kerasCalls(json(fixture + "/calls.json")));
      assertLossesMatch(h, json(fixture + "/history.json"), fixture);
      if (fixture.equals("shuffle")) {
        OptimizerParityTest.assertMatches(tuner.trainableWeights(), "whole-fit/shuffle/weights");
      }
    }
  }

  @Test
  void unshuffledOrderDoesNotMatchKerasShuffledFit() throws IOException {
    JsonArray keras = json("shuffle/history.json").getAsJsonArray("loss");
    try (ArrayIterator it = flow(true); FineTuner tuner = tuner(false)) {
      History h = tuner.fit(Batches.of(it), 3, null);
      double worst = 0;
      for (int e = 0; e < keras.size(); e++) {
        worst = Math.max(worst, Math.abs(h.get("loss").get(e) - keras.get(e).getAsDouble()));
      }
      assertThat(worst).as("largest loss difference to Keras' shuffled fit").isGreaterThan(1e-4);
    }
  }

  @Test
  void pythonShuffleGivesKerasOrders() throws IOException {
    JsonArray shuffles = json("shuffle/calls.json").getAsJsonArray("shuffles");
    FitOrder order = new FitOrder(true, 42);
    for (int e = 0; e < shuffles.size(); e++) {
      int[] want = new int[3];
      JsonArray s = shuffles.get(e).getAsJsonArray();
      for (int i = 0; i < 3; i++) {
        want[i] = s.get(i).getAsInt();
      }
      assertThat(order.next(3)).as("epoch %d", e).containsExactly(want);
    }
    FitOrder resumed = new FitOrder(true, 42);
    resumed.skip(2, 3);
    assertThat(resumed.next(3)).containsExactly(shuffles.get(2).getAsJsonArray().asList().stream()
        .mapToInt(v -> v.getAsInt()).toArray());
    assertThat(new FitOrder(false, 42).next(4)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void startReadsTheSignatureBatchesThenEndsAnEpoch() {
    List<String> calls = new ArrayList<>();
    Batches one = new Batches() {
      @Override
      public int batchCount() {
        return 1;
      }

      @Override
      public ImageBatch batch(int index) {
        calls.add("batch " + index);
        return null;
      }

      @Override
      public ImageBatch signatureBatch(int index) {
        calls.add("signature " + index);
        return null;
      }

      @Override
      public void onEpochEnd() {
        calls.add("end");
      }
    };
    FitOrder.start(one);
    assertThat(calls).containsExactly("signature 0", "end");
  }
}
