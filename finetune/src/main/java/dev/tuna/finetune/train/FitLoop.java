package dev.tuna.finetune.train;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.callbacks.Callback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keras' {@code fit} loop over both phases: epochs {@code [0, epochs)} in phase 1, then (with a second phase) the
 * fine-tuning epochs, numbered on; a {@link BackupAndRestore} among the callbacks restores a run before the first
 * epoch and saves it after each. Training batches are read in Keras' {@link FitOrder}; the second phase starts as
 * the keras.io guide's second {@code fit} call does (signature batches, {@code on_epoch_end}), and Python's random
 * goes on as the global one does between the two calls.
 */
final class FitLoop {
  /** One daemon thread per JVM for the next-batch prefetch (idle between fits). */
  static final ExecutorService PREFETCH = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tuna-fit-prefetch");
    t.setDaemon(true);
    return t;
  });

  private FitLoop() {}

  static History fit(FineTuner tuner, Batches train, int epochs, Batches validation, Callback... callbacks) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
    }
    int total = epochs + tuner.fineTuneEpochs();
    History history = new History();
    List<Callback> all = new ArrayList<>(Arrays.asList(callbacks));
    all.add(history);
    BackupAndRestore backup = null;
    for (Callback c : callbacks) {
      if (c instanceof BackupAndRestore b) {
        backup = b;
      }
    }
    int steps = train.batchCount();
    tuner.beginFit(total, steps);
    FitOrder order = new FitOrder(tuner.shuffle(), tuner.seed());
    FitOrder.start(train);
    all.forEach(c -> c.onTrainBegin(tuner));
    int initial = backup == null ? 0 : backup.restore(tuner, train, validation, history, all);
    order.skip(initial, steps);
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (int epoch = initial; epoch < total; epoch++) {
      if (epoch >= epochs && tuner.phase() == 1) {
        tuner.enterPhase(2);
        if (epoch == epochs) {
          FitOrder.start(train); // the second fit call of the keras.io guide (a resumed run restored it)
        }
      }
      for (Callback c : all) {
        c.onEpochBegin(tuner, epoch);
      }
      List<CompletableFuture<ImageBatch>> firstValidation = new ArrayList<>(1);
      int[] batches = order.next(steps);
      train.expectOrder(batches);
      Map<String, Double> logs = trainEpoch(tuner, train, batches, validation, firstValidation, all);
      epochLogs = new LinkedHashMap<>(logs);
      if (validation != null) {
        CompletableFuture<ImageBatch> first = firstValidation.isEmpty() ? null : firstValidation.get(0);
        for (var e : tuner.evaluate(validation, first).entrySet()) {
          epochLogs.put("val_" + e.getKey(), e.getValue());
        }
      }
      for (Callback c : all) {
        c.onEpochEnd(tuner, epoch, epochLogs);
      }
      train.onEpochEnd();
      if (backup != null) {
        backup.save(tuner, epoch + 1, train, validation, history, all);
      }
      if (tuner.stopRequested()) {
        break;
      }
    }
    for (Callback c : all) {
      c.onTrainEnd(tuner, epochLogs);
    }
    return history;
  }

  /**
   * One epoch's training steps, reading the batches {@code order} names; with overlap on, the last step runs while
   * the first validation batch is built (added to {@code firstValidation}; evaluation reads it next).
   */
  private static Map<String, Double> trainEpoch(FineTuner tuner, Batches train, int[] order, Batches validation,
      List<CompletableFuture<ImageBatch>> firstValidation, List<Callback> all) {
    int steps = order.length;
    double lossSum = 0;
    double correctSum = 0;
    double weightSum = 0;
    long seen = 0;
    Map<String, Double> logs = new LinkedHashMap<>();
    CompletableFuture<ImageBatch> next = null;
    for (int step = 0; step < steps; step++) {
      ImageBatch batch = next != null ? await(next) : train.batch(order[step]);
      next = null;
      if (tuner.overlapBatches && step + 1 < steps) {
        int following = order[step + 1];
        next = CompletableFuture.supplyAsync(() -> train.batch(following), PREFETCH);
      } else if (tuner.overlapBatches && validation != null && tuner.readsBatches(validation)) {
        next = CompletableFuture.supplyAsync(() -> validation.batch(0), PREFETCH);
        firstValidation.add(next);
      }
      float[] r;
      try {
        r = tuner.step(batch);
      } catch (RuntimeException | Error e) {
        if (next != null) {
          next.join(); // never leave a batch call running past fit
        }
        throw e;
      }
      lossSum += r[0] * batch.size();
      correctSum += r[1];
      weightSum += r[2];
      seen += batch.size();
      logs = new LinkedHashMap<>();
      logs.put("loss", lossSum / seen);
      logs.put("accuracy", correctSum / weightSum);
      for (Callback c : all) {
        c.onBatchEnd(tuner, step, logs);
      }
      if (tuner.stopRequested()) {
        if (next != null && !firstValidation.contains(next)) {
          await(next); // drawn already (as a prefetching Keras data adapter would have); unused
        }
        break;
      }
    }
    return logs;
  }

  /** The prefetched batch, with the batch call's own exception rethrown as is. */
  static ImageBatch await(CompletableFuture<ImageBatch> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
