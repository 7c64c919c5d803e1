package dev.tuna.finetune.callbacks;

import static dev.tuna.finetune.callbacks.FakeTraining.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CallbacksTest {
  @Test
  void earlyStopping_patience2_stopsAfterTwoEpochsWithoutImprovement() {
    FakeTraining t = new FakeTraining();
    EarlyStopping es = EarlyStopping.builder().patience(2).build();
    es.onTrainBegin(t);
    double[] valLoss = {1.0, 0.9, 0.95, 0.91, 0.5};
    int epoch = 0;
    for (; epoch < valLoss.length && !t.stopped; epoch++) {
      es.onEpochEnd(t, epoch, logs("val_loss", valLoss[epoch]));
    }
    assertThat(t.stopped).isTrue();
    assertThat(es.stoppedEpoch()).isEqualTo(3);
    assertThat(es.bestEpoch()).isEqualTo(1);
  }

  @Test
  void earlyStopping_restoreBestWeights_restoresBestEpoch() {
    FakeTraining t = new FakeTraining();
    EarlyStopping es = EarlyStopping.builder().monitor("val_accuracy").patience(1).restoreBestWeights(true).build();
    es.onTrainBegin(t);
    t.weights.put("dense/bias", FakeTraining.w(1));
    es.onEpochEnd(t, 0, logs("val_accuracy", 0.8));
    t.weights.put("dense/bias", FakeTraining.w(2));
    es.onEpochEnd(t, 1, logs("val_accuracy", 0.7));
    assertThat(t.stopped).isTrue();
    assertThat(t.weights.get("dense/bias").values()).containsExactly(2f);
    es.onTrainEnd(t, Map.of());
    assertThat(t.weights.get("dense/bias").values()).containsExactly(1f);
  }

  @Test
  void earlyStopping_minDelta_smallGainIsNoImprovement() {
    FakeTraining t = new FakeTraining();
    EarlyStopping es = EarlyStopping.builder().minDelta(0.1).patience(1).build();
    es.onTrainBegin(t);
    es.onEpochEnd(t, 0, logs("val_loss", 1.0));
    es.onEpochEnd(t, 1, logs("val_loss", 0.95));
    assertThat(t.stopped).isTrue();
  }

  @Test
  void reduceLrOnPlateau_reducesByFactorAfterPatienceAndLogsRate() {
    FakeTraining t = new FakeTraining();
    ReduceLROnPlateau r = ReduceLROnPlateau.builder().factor(0.5).patience(2).build();
    r.onTrainBegin(t);
    Map<String, Double> first = logs("val_loss", 1.0);
    r.onEpochEnd(t, 0, first);
    assertThat(first).containsEntry("learning_rate", (double) 0.01f);
    r.onEpochEnd(t, 1, logs("val_loss", 1.0));
    assertThat(t.lr).isEqualTo((double) 0.01f);
    r.onEpochEnd(t, 2, logs("val_loss", 1.0));
    assertThat(t.lr).isEqualTo(0.01f * 0.5);
  }

  @Test
  void reduceLrOnPlateau_factorOutOfRange_rejected() {
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().factor(1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("factor must be in (0, 1) but was 1.0");
  }

  @Test
  void terminateOnNaN_stopsOnInvalidLoss() {
    FakeTraining t = new FakeTraining();
    TerminateOnNaN c = new TerminateOnNaN();
    c.onBatchEnd(t, 0, logs("loss", 0.5));
    assertThat(t.stopped).isFalse();
    c.onBatchEnd(t, 1, logs("loss", Double.NaN));
    assertThat(t.stopped).isTrue();
    assertThat(c.terminatedAt()).isEqualTo(1);
  }

  @Test
  void modelCheckpoint_saveBestOnly_exportsOnlyOnImprovement() {
    FakeTraining t = new FakeTraining();
    ModelCheckpoint c = ModelCheckpoint.builder(Path.of("/tmp/ckpt-{epoch:02d}-{val_loss:.2f}"))
        .saveBestOnly(true).build();
    c.onTrainBegin(t);
    c.onEpochEnd(t, 0, logs("val_loss", 0.5));
    c.onEpochEnd(t, 1, logs("val_loss", 0.6));
    c.onEpochEnd(t, 2, logs("val_loss", 0.4));
    assertThat(t.exports).containsExactly(Path.of("/tmp/ckpt-01-0.50"), Path.of("/tmp/ckpt-03-0.40"));
  }

  @Test
  void modelCheckpoint_unknownField_namesAvailableKeys() {
    FakeTraining t = new FakeTraining();
    ModelCheckpoint c = ModelCheckpoint.builder(Path.of("/tmp/x-{val_acc}")).build();
    c.onTrainBegin(t);
    assertThatThrownBy(() -> c.onEpochEnd(t, 0, logs("val_loss", 0.5)))
        .hasMessageContaining("{val_acc}").hasMessageContaining("val_loss");
  }

  @Test
  void progressBar_printsKerasStyleLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    FakeTraining t = new FakeTraining();
    bar.onEpochBegin(t, 0);
    Map<String, Double> l = logs("loss", 0.69314);
    l.put("accuracy", 0.5);
    l.put("val_loss", 0.0001);
    bar.onEpochEnd(t, 0, l);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("Epoch 1/10" + System.lineSeparator() + "4/4 ━━━━━━━━━━━━━━━━━━━━ ")
        .contains("/step - accuracy: 0.5000 - loss: 0.6931 - val_loss: 1.0000e-04");
  }

  @Test
  void progressBar_line_midEpochShowsEta() {
    String line = ProgressBar.line(3, 10, 0.3, 0.1, Map.of("loss", 1.0), false);
    assertThat(line).isEqualTo(" 3/10 " + "━".repeat(6) + "─".repeat(14) + " 0s 100ms/step - loss: 1.0000");
  }
}
