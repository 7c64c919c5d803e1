package dev.tuna.finetune.callbacks;

import static dev.tuna.finetune.callbacks.FakeTraining.logs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callbacks write through System.Logger (here backed by java.util.logging), never to System.out/err. */
final class CallbackLoggingTest {
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger jul = Logger.getLogger("dev.tuna.finetune.callbacks");
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PrintStream out;
  private PrintStream err;

  @BeforeEach
  void capture() {
    jul.addHandler(handler);
    jul.setUseParentHandlers(false);
    out = System.out;
    err = System.err;
    PrintStream sink = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(sink);
    System.setErr(sink);
  }

  @AfterEach
  void release() {
    System.setOut(out);
    System.setErr(err);
    jul.removeHandler(handler);
    jul.setUseParentHandlers(true);
  }

  private List<String> messages(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
  }

  @Test
  void verboseCallbacks_logKerasLinesAtInfo() {
    FakeTraining t = new FakeTraining();
    ModelCheckpoint mc = ModelCheckpoint.builder(Path.of("ckpt-{epoch:02d}")).saveBestOnly(true).verbose(true)
        .build();
    mc.onTrainBegin(t);
    mc.onEpochEnd(t, 0, logs("val_loss", 0.5));
    mc.onEpochEnd(t, 1, logs("val_loss", 0.7));
    ReduceLROnPlateau r = ReduceLROnPlateau.builder().factor(0.5).patience(1).verbose(true).build();
    r.onTrainBegin(t);
    r.onEpochEnd(t, 0, logs("val_loss", 1.0));
    r.onEpochEnd(t, 1, logs("val_loss", 1.0));
    EarlyStopping es = EarlyStopping.builder().patience(1).restoreBestWeights(true).verbose(true).build();
    es.onTrainBegin(t);
    es.onEpochEnd(t, 0, logs("val_loss", 1.0));
    es.onEpochEnd(t, 1, logs("val_loss", 2.0));
    es.onTrainEnd(t, Map.of());
    assertThat(messages(Level.INFO)).containsExactly(
        "Epoch 1: val_loss improved from Infinity to 0.50000, saving model to ckpt-01",
        "Epoch 2: val_loss did not improve from 0.50000",
        "Epoch 2: ReduceLROnPlateau reducing learning rate to 0.005.",
        "Epoch 2: early stopping",
        "Restoring model weights from the end of the best epoch: 1.");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void quietCallbacks_logNothing() {
    FakeTraining t = new FakeTraining();
    ModelCheckpoint mc = ModelCheckpoint.builder(Path.of("ckpt")).build();
    mc.onTrainBegin(t);
    mc.onEpochEnd(t, 0, logs("val_loss", 0.5));
    assertThat(records).isEmpty();
  }

  @Test
  void warnings_missingMetricAndNaN() {
    FakeTraining t = new FakeTraining();
    EarlyStopping es = EarlyStopping.builder().build();
    es.onTrainBegin(t);
    es.onEpochEnd(t, 0, logs("loss", 1.0));
    new TerminateOnNaN().onBatchEnd(t, 3, logs("loss", Double.NaN));
    assertThat(messages(Level.WARNING)).containsExactly(
        "Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss",
        "Batch 3: Invalid loss, terminating training");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
