package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.EarlyStopping;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.callbacks.ReduceLROnPlateau;
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

  /**
   * Only the first epoch improves val_loss by more than {@code minDelta} 10: the counters then decide alone when the
   * learning rate halves (patience 2, cooldown 1: after epochs 2 and 4) and when training stops (patience 4: after
   * epoch 4), so a resumed run that forgot them would reduce and stop later.
   */
  private static Callback[] plateau(boolean restoreBest) {
    return new Callback[] {
        ReduceLROnPlateau.builder().minDelta(10).patience(2).cooldown(1).factor(0.5).build(),
        EarlyStopping.builder().minDelta(10).patience(4).restoreBestWeights(restoreBest).build()};
  }

  @Test
  void earlyStoppingAndReduceLROnPlateau_resumeWithTheirCounters_andStopAtTheSameEpoch() {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.adam()).seed(5).build();
    Callback[] one = plateau(false);
    Run straight = run(tuner, 8, null, one);
    assertThat(straight.history().epochs()).as("stopped after epoch 4").containsExactly(0, 1, 2, 3, 4);
    assertThat(((EarlyStopping) one[1]).stoppedEpoch()).isEqualTo(4);
    double lr = (float) 1e-3;
    double half = (float) (lr * 0.5);
    assertThat(straight.history().get("learning_rate")).as("halved after epoch 2 (and 4)")
        .containsExactly(lr, lr, lr, half, half);
    Path backup = tmp.resolve("backup");
    Callback[] first = plateau(false);
    run(tuner, 8, backup, append(first, new StopAfter(1)));
    assertThat(((EarlyStopping) first[1]).stoppedEpoch()).isZero();
    Callback[] rest = plateau(false);
    Run resumed = run(tuner, 8, backup, rest);
    assertSameRun("VGG, Adam, ReduceLROnPlateau and EarlyStopping, stopped after epoch 2", resumed, straight);
    assertThat(maxDiff(resumed.weights(), straight.weights())).as("bit-identical weights").isZero();
    assertThat(resumed.history().history()).isEqualTo(straight.history().history());
    assertThat(((EarlyStopping) rest[1]).stoppedEpoch()).isEqualTo(4);
  }

  @Test
  void earlyStopping_restoreBestWeights_keepsTheBestEpochsWeightsAcrossTheResume() {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.sgd().withMomentum(0.9)).seed(3).build();
    Run straight = run(tuner, 8, null, plateau(true));
    Run last = run(tuner, 5, null); // the same five epochs without restoring: the weights the run ends with
    assertThat(maxDiff(straight.weights(), last.weights())).as("restoreBestWeights changed the weights")
        .isGreaterThan(0);
    Path backup = tmp.resolve("backup");
    run(tuner, 8, backup, append(plateau(true), new StopAfter(2)));
    Run resumed = run(tuner, 8, backup, plateau(true));
    assertThat(maxDiff(resumed.weights(), straight.weights())).as("epoch 0's weights, kept in the checkpoint")
        .isZero();
    assertThat(resumed.history().history()).isEqualTo(straight.history().history());
  }

  @Test
  void checkpointVersions_oneStillResumes_aNewerOneOrADamagedCallbackStateIsRejectedByName() throws IOException {
    Supplier<FineTuner> tuner = () -> FineTuner.builder(MINI).inputShape(32, 32).classes(3)
        .preprocessing(Preprocessing.RESCALE).seed(5).build();
    Path backup = tmp.resolve("backup");
    run(tuner, 2, backup, append(plateau(false), new StopAfter(0)));
    Path file = backup.resolve(BackupAndRestore.STATE_FILE);
    String saved = Files.readString(file);
    com.google.gson.JsonObject state = com.google.gson.JsonParser.parseString(saved).getAsJsonObject();
    assertThat(state.get("version").getAsInt()).isEqualTo(2);
    assertThat(state.getAsJsonArray("callbacks").asList().stream()
        .map(e -> e.getAsJsonObject().get("callback").getAsString()))
        .containsExactly("ReduceLROnPlateau#0", "EarlyStopping#0");

    state.addProperty("version", 3);
    Files.writeString(file, state.toString());
    assertThatThrownBy(() -> run(tuner, 2, backup, plateau(false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("version 3")
        .hasMessageContaining("versions 1 to 2").hasMessageContaining("newer tuna");

    state.getAsJsonArray("callbacks").get(1).getAsJsonObject().getAsJsonObject("values").remove("wait");
    state.addProperty("version", 2);
    Files.writeString(file, state.toString());
    assertThatThrownBy(() -> run(tuner, 2, backup, plateau(false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(backup.toString()).hasMessageContaining("EarlyStopping#0")
        .hasMessageContaining("wait");

    state.remove("callbacks"); // what version 1 wrote
    state.addProperty("version", 1);
    Files.writeString(file, state.toString());
    Run resumed = run(tuner, 2, backup, plateau(false));
    assertThat(resumed.history().epochs()).containsExactly(0, 1);
  }

  private static Callback[] append(Callback[] callbacks, Callback more) {
    Callback[] out = java.util.Arrays.copyOf(callbacks, callbacks.length + 1);
    out[callbacks.length] = more;
    return out;
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
