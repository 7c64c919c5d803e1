package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.EarlyStopping;
import dev.tuna.finetune.callbacks.ProgressBar;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README workflow end to end: augmenting iterator → fit with callbacks → export → Classifier. */
final class AugmentIntegrationTest {
  @TempDir
  Path tmp;

  @Test
  void fit_onAugmentingFlow_thenExportAndPredict() {
    float[] x = Fixtures.npy("finetune/fit/x.npy").data();
    float[] y = Fixtures.npy("finetune/fit/y.npy").data();
    ImageDataGenerator augment = ImageDataGenerator.builder().rotationRange(20).horizontalFlip(true).build();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ArrayIterator train = augment.flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(4).seed(1).build();
        FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras")))
            .inputShape(32, 32).classNames(List.of("a", "b", "c")).preprocessing(Preprocessing.RESCALE)
            .optimizer(Optimizer.sgd().withMomentum(0.9)).build()) {
      History h = tuner.fit(Batches.of(train), 3, null,
          EarlyStopping.builder().monitor("loss").patience(5).build(),
          new ProgressBar(new PrintStream(log, true, StandardCharsets.UTF_8), false));

      assertThat(h.get("loss")).hasSize(3).allMatch(Double::isFinite);
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("Epoch 3/3").contains("2/2 ━━━━");
      tuner.export(tmp.resolve("abc"));
    }
    try (Classifier c = Classifier.load(tmp.resolve("abc"))) {
      assertThat(c.predict(x, 8)).hasSize(8).allSatisfy(p -> assertThat(p.classNames()).containsExactly("a", "b",
          "c"));
    }
  }

  /** fit builds the next batch while a step trains; switched off, the same seeds give the same History. */
  @Test
  void fit_withAndWithoutBatchOverlap_sameHistory() {
    float[] x = Fixtures.npy("finetune/fit/x.npy").data();
    float[] y = Fixtures.npy("finetune/fit/y.npy").data();
    ImageDataGenerator augment = ImageDataGenerator.builder().rotationRange(30).zoomRange(0.2)
        .horizontalFlip(true).build();
    List<Map<String, List<Double>>> histories = new java.util.ArrayList<>();
    for (boolean overlap : new boolean[] {true, false}) {
      try (ArrayIterator train = augment.flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(3).seed(7).build();
          ArrayIterator val = ImageDataGenerator.builder().build().flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(4)
              .shuffle(false).build();
          FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras")))
              .inputShape(32, 32).classNames(List.of("a", "b", "c")).preprocessing(Preprocessing.RESCALE)
              .optimizer(Optimizer.sgd().withMomentum(0.9)).seed(3).build()) {
        tuner.overlapBatches = overlap;
        History h = tuner.fit(Batches.of(train), 3, Batches.of(val));
        histories.add(Map.of("loss", h.get("loss"), "accuracy", h.get("accuracy"), "val_loss", h.get("val_loss"),
            "val_accuracy", h.get("val_accuracy")));
      }
    }
    assertThat(histories.get(0).get("loss")).hasSize(3).allMatch(Double::isFinite);
    assertThat(histories.get(0)).isEqualTo(histories.get(1));
  }

  /**
   * fit builds each validation batch while the previous step or validation batch runs; switched off, the same
   * History, and the validation batches are read in the same order, one at a time. The validation Batches are not
   * deterministic here, so every epoch reads them (no cached frozen-block output).
   */
  @Test
  void fit_withAndWithoutValidationOverlap_sameHistoryAndReads() {
    float[] x = Fixtures.npy("finetune/fit/x.npy").data();
    float[] y = Fixtures.npy("finetune/fit/y.npy").data();
    ImageDataGenerator augment = ImageDataGenerator.builder().rotationRange(30).horizontalFlip(true).build();
    List<Map<String, List<Double>>> histories = new java.util.ArrayList<>();
    List<List<Integer>> reads = new java.util.ArrayList<>();
    for (boolean overlap : new boolean[] {true, false}) {
      List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger maxRunning = new java.util.concurrent.atomic.AtomicInteger();
      try (ArrayIterator train = augment.flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(3).seed(7).build();
          ArrayIterator val = ImageDataGenerator.builder().build().flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(3)
              .shuffle(false).build();
          FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras")))
              .inputShape(32, 32).classNames(List.of("a", "b", "c")).preprocessing(Preprocessing.RESCALE)
              .optimizer(Optimizer.sgd().withMomentum(0.9)).seed(3).build()) {
        Batches plain = Batches.of(val);
        Batches counted = new Batches() {
          @Override
          public int batchCount() {
            return plain.batchCount();
          }

          @Override
          public dev.tuna.core.image.ImageBatch batch(int index) {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              order.add(index);
              return plain.batch(index);
            } finally {
              running.decrementAndGet();
            }
          }
        };
        tuner.overlapBatches = overlap;
        History h = tuner.fit(Batches.of(train), 3, counted);
        histories.add(Map.of("loss", h.get("loss"), "accuracy", h.get("accuracy"), "val_loss", h.get("val_loss"),
            "val_accuracy", h.get("val_accuracy")));
        reads.add(List.copyOf(order));
        assertThat(maxRunning.get()).isEqualTo(1);
      }
    }
    assertThat(histories.get(0).get("val_loss")).hasSize(3).allMatch(Double::isFinite);
    assertThat(histories.get(0)).isEqualTo(histories.get(1));
    assertThat(reads.get(0)).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2).isEqualTo(reads.get(1));
  }
}
