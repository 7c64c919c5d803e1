package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fit} with validation against Keras {@code model.fit(..., shuffle=False)} history. */
final class FitParityTest {
  static Batches batches(String x, String y, int batchSize) {
    Npy images = Fixtures.npy("finetune/fit/" + x);
    Npy labels = Fixtures.npy("finetune/fit/" + y);
    int n = (int) images.shape()[0];
    int per = 32 * 32 * 3;
    int k = (int) labels.shape()[1];
    List<ImageBatch> out = new ArrayList<>();
    for (int start = 0; start < n; start += batchSize) {
      int m = Math.min(batchSize, n - start);
      int[] idx = new int[m];
      Arrays.setAll(idx, i -> i);
      out.add(ImageBatch.of(32, 32, 3, Arrays.copyOfRange(images.data(), start * per, (start + m) * per),
          Arrays.copyOfRange(labels.data(), start * k, (start + m) * k), new int[] {m, k}, null, idx));
    }
    return Batches.of(out);
  }

  @Test
  void fit_historyMatchesKeras() throws IOException {
    JsonObject keras = JsonParser.parseString(Files.readString(Fixtures.resource("finetune/fit/history.json")))
        .getAsJsonObject();
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras"))).inputShape(32, 32)
        .head(Head.of(3).withDropout(0)).preprocessing(Preprocessing.RESCALE).seed(42).freezeFirst(15)
        .optimizer(Optimizer.sgd().withMomentum(0.9)).shuffle(false).build()) { // Keras: fit(shuffle=False)
      History h = tuner.fit(batches("x.npy", "y.npy", 4), 2, batches("val-x.npy", "val-y.npy", 4));

      assertThat(h.history().keySet()).containsExactlyInAnyOrder("loss", "accuracy", "val_loss", "val_accuracy");
      assertThat(h.epochs()).containsExactly(0, 1);
      for (String key : keras.keySet()) {
        var expected = keras.getAsJsonArray(key);
        for (int e = 0; e < expected.size(); e++) {
          assertThat(h.get(key).get(e)).as(key + "[" + e + "]").isCloseTo(expected.get(e).getAsDouble(),
              within(1e-5));
        }
      }
    }
  }
}
