package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.Unfreeze;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackupAndRestore}: training, stopping and resuming gives the weights, history and best checkpoint value of
 * one uninterrupted run, with augmentation, shuffling and dropout on (the checkpoint holds the iterators' positions
 * and the dropout stream's), in either phase, for VGG and for a model built from its config.
 */
class ResumeTest {
  private static final KerasWeights MINI = KerasWeights.load(Fixtures.miniVgg("keras3.keras"));
  private static final float[] X = Fixtures.npy("finetune/fit/x.npy").data();
  private static final float[] Y = Fixtures.npy("finetune/fit/y.npy").data();

  @TempDir
  Path tmp;

  /** A training run's result: every weight, the history and the checkpoint's best val_loss. */
  private record Run(Map<String, Weight> weights, History history, double best) {}

  /** Stops training after epoch {@code last} (0-based). */
  private record StopAfter(int last) implements Callback {
    @Override
    public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
      if (epoch == last) {
        training.stopTraining();
      }
    }
  }

  private Run run(Supplier<FineTuner> tuner, int epochs, Path backup, Callback... more) {
    ImageDataGenerator augment = ImageDataGenerator.builder().rotationRange(30).zoomRange(0.2)
        .horizontalFlip(true).build();
    try (ArrayIterator train = augment.flow(X, 8, 32, 32, 3).y(Y, 8, 3).batchSize(3).seed(7).build();
        ArrayIterator val = ImageDataGenerator.builder().build().flow(X, 8, 32, 32, 3).y(Y, 8, 3).batchSize(4)
            .shuffle(false).build();
        FineTuner t = tuner.get()) {
      ModelCheckpoint best = ModelCheckpoint.builder(tmp.resolve("best")).saveBestOnly(true).build();
      Callback[] callbacks = new Callback[more.length + (backup == null ? 1 : 2)];
      System.arraycopy(more, 0, callbacks, 0, more.length);
      callbacks[more.length] = best;
      if (backup != null) {
        callbacks[more.length + 1] = BackupAndRestore.builder(backup).deleteCheckpoint(false).build();
      }
      History h = t.fit(Batches.of(train), epochs, Batches.of(val), callbacks);
      return new Run(t.weights(), h, best.best());
    }
  }

  private static double maxDiff(Map<String, Weight> a, Map<String, Weight> b) {
    assertThat(a.keySet()).isEqualTo(b.keySet());
    double max = 0;
    for (String k : a.keySet()) {
      max = Math.max(max, Fixtures.maxAbsError(a.get(k).values(), b.get(k).values()));
    }
    return max;
  }

  private void assertSameRun(String what, Run resumed, Run straight) {
    double diff = maxDiff(resumed.weights(), straight.weights());
    System.out.printf(Locale.ROOT, "%s: max |resumed - uninterrupted| over all weights = %.3g%n", what, diff);
    assertThat(diff).as(what + ": weights").isLessThanOrEqualTo(1e-6);
    assertThat(resumed.history().epochs()).isEqualTo(straight.history().epochs());
    for (String key : straight.history().history().keySet()) {
      List<Double> want = straight.history().get(key);
      List<Double> got = resumed.history().get(key);
      assertThat(got).as(key).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i)).as(key + " epoch " + i).isCloseTo(want.get(i),
            org.assertj.core.data.Offset.offset(1e-6));
      }
    }
    assertThat(resumed.best()).as(what + ": ModelCheckpoint best carries over").isEqualTo(straight.best());
  }

  @Test
  void vgg_twoEpochsStopResumeTwo_equalsFourInOneGo_withAugmentationShuffleAndDropout() {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.adam()).seed(5).build();
    Run straight = run(tuner, 4, null);
    Path backup = tmp.resolve("backup");
    Run first = run(tuner, 2, backup);
    assertThat(first.history().epochs()).containsExactly(0, 1);
    assertThat(BackupAndRestore.savedEpochs(backup)).isEqualTo(2);
    Run resumed = run(tuner, 4, backup);
    assertSameRun("VGG, Adam, dropout 0.5", resumed, straight);
    assertThat(resumed.history().epochs()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void vgg_resumeInsideThePhaseTwo_equalsTheUninterruptedTwoPhaseRun() {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.rmsprop().withMomentum(0.5))
        .fineTune(Unfreeze.from("block4_conv1")).fineTuneEpochs(2).seed(2).build();
    Run straight = run(tuner, 2, null);
    Path backup = tmp.resolve("backup");
    Run first = run(tuner, 2, backup, new StopAfter(2));
    assertThat(first.history().epochs()).containsExactly(0, 1, 2);
    Run resumed = run(tuner, 2, backup);
    assertSameRun("VGG two phases, RMSprop momentum, stopped after epoch 3", resumed, straight);
  }

  @Test
  void configModel_resumes_exactly() {
    Supplier<FineTuner> tuner = () -> FineTuner.builderFor(ConfigModelFineTunerTest.MOBILENET).classes(3)
        .optimizer(Optimizer.sgd().withMomentum(0.9)).fineTune(Unfreeze.prefix("block_16")).fineTuneEpochs(1)
        .seed(4).build();
    Run straight = run(tuner, 2, null);
    Path backup = tmp.resolve("backup");
    run(tuner, 2, backup, new StopAfter(0));
    Run resumed = run(tuner, 2, backup);
    assertSameRun("MobileNetV2 from its config, SGD momentum, dropout 0.2, stopped after epoch 1", resumed,
        straight);
  }

  @Test
  void configModel_resumeInsideThePhaseTwo_carriesTheMovingStatisticsOfTrainingBatchNormalization() {
    Supplier<FineTuner> tuner = () -> FineTuner.builderFor(ConfigModelFineTunerTest.MOBILENET).classes(3)
        .optimizer(Optimizer.sgd().withMomentum(0.9)).fineTune(Unfreeze.prefix("block_16")).fineTuneEpochs(2)
        .batchNormalization(BatchNormTraining.KERAS3_FIT).seed(4).build();
    Map<String, Weight> initial;
    try (FineTuner t = tuner.get()) {
      initial = t.weights();
    }
    Run straight = run(tuner, 1, null);
    String stats = "block_16_project_BN/moving_mean";
    assertThat(Fixtures.maxAbsError(straight.weights().get(stats).values(), initial.get(stats).values()))
        .as("phase 2 updated the moving statistics").isGreaterThan(0);
    Path backup = tmp.resolve("backup");
    run(tuner, 1, backup, new StopAfter(1));
    Run resumed = run(tuner, 1, backup);
    assertSameRun("MobileNetV2 from its config, BatchNormalization in training mode, stopped after epoch 2",
        resumed, straight);
  }

  @Test
  void notACheckpoint_anotherRun_orATruncatedFile_isRejectedByName() throws IOException {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).seed(5).build();
    Path notOne = tmp.resolve("photos");
    Files.createDirectories(notOne);
    Files.writeString(notOne.resolve("cat.txt"), "meow");
    assertThatThrownBy(() -> run(tuner, 1, notOne)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notOne.toString()).hasMessageContaining("not a tuna checkpoint");
    Path backup = tmp.resolve("backup");
    run(tuner, 1, backup);
    Supplier<FineTuner> other = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.CAFFE).seed(5).build();
    assertThatThrownBy(() -> run(other, 2, backup)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(backup.toString()).hasMessageContaining("another training run")
        .hasMessageContaining("CAFFE");
    byte[] weights = Files.readAllBytes(backup.resolve("weights.bin"));
    Files.write(backup.resolve("weights.bin"), java.util.Arrays.copyOf(weights, weights.length / 2));
    assertThatThrownBy(() -> run(tuner, 2, backup)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights.bin").hasMessageContaining("truncated");
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
  }

  @Test
  void deleteCheckpoint_byDefault_likeKeras() {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).build();
    Path backup = tmp.resolve("backup");
    try (ArrayIterator train = ImageDataGenerator.builder().build().flow(X, 8, 32, 32, 3).y(Y, 8, 3).batchSize(4)
        .seed(1).build(); FineTuner t = tuner.get()) {
      BackupAndRestore b = BackupAndRestore.builder(backup).build();
      assertThat(b.backupDir()).isEqualTo(backup);
      t.fit(Batches.of(train), 1, null, b, new StopAfter(0));
    }
    assertThat(backup).as("deleted when fit ends").doesNotExist();
    assertThatThrownBy(() -> BackupAndRestore.builder(backup).deleteCheckpoint(true).deleteCheckpoint(false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deleteCheckpoint was already set to true");
    assertThatThrownBy(() -> BackupAndRestore.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("backupDir");
    assertThatThrownBy(() -> ModelCheckpoint.builder(backup).initialValueThreshold(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialValueThreshold");
  }
}
