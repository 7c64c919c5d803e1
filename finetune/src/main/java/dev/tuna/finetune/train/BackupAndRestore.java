package dev.tuna.finetune.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.augment.BatchIterator;
import dev.tuna.core.internal.Preconditions;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.internal.AtomicDirectory;
import dev.tuna.finetune.internal.CallbackState;
import dev.tuna.finetune.load.Weight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keras' {@code BackupAndRestore} for {@link FineTuner#fit}: after every epoch the whole training state goes to
 * {@code backupDir}, and a later {@code fit} with the same callback continues from there, as Keras'
 * {@code fit(epochs, initial_epoch)}: up to the same total number of epochs, with the same batches and weights as a
 * run that was never interrupted.
 *
 * <p>The directory holds every weight (BatchNormalization moving statistics included), the optimizer's slots,
 * iteration counter and learning rate, the epoch and phase, the head's dropout stream position, the training and
 * validation iterators' {@link BatchIterator.Position}, the {@link History} so far, each {@link ModelCheckpoint}'s
 * best value and the state of the callbacks that count epochs ({@code EarlyStopping}'s and
 * {@code ReduceLROnPlateau}'s patience counters and best values, the best weights EarlyStopping keeps), matched to the
 * resumed run's callbacks by class and order. It is written next to its target and renamed into place, so it is never half-written. A resumed
 * {@code fit} returns the whole run's history, the earlier epochs included. Exact resumption needs seeded iterators
 * and the same fine-tuner settings (checked: a checkpoint of another model or setting is rejected by name).
 */
public final class BackupAndRestore implements Callback {
  /** The file that marks a directory as a tuna checkpoint. */
  public static final String STATE_FILE = "tuna-checkpoint.json";
  private static final String FORMAT = "tuna-checkpoint";
  /** Version 2 added the {@link CallbackState} of callbacks such as EarlyStopping; version 1 is still read. */
  private static final int VERSION = 2;
  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
      .create();

  private final Path backupDir;
  private final boolean deleteCheckpoint;

  private BackupAndRestore(Builder b) {
    this.backupDir = b.backupDir;
    this.deleteCheckpoint = b.deleteCheckpoint;
  }

  /**
   * A builder with Keras' defaults: save every epoch, delete the checkpoint when {@code fit} ends.
   *
   * @param backupDir Keras' {@code backup_dir}
   * @return the builder
   */
  public static Builder builder(Path backupDir) {
    return new Builder(Preconditions.requireNonNull("backupDir", backupDir));
  }

  /** {@return the checkpoint directory} */
  public Path backupDir() {
    return backupDir;
  }

  /**
   * Whether {@code dir} holds a tuna checkpoint.
   *
   * @param dir a directory
   * @return true if it has a {@value #STATE_FILE}
   */
  public static boolean isCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(STATE_FILE));
  }

  /**
   * The epochs completed by the run saved in {@code dir}.
   *
   * @param dir a checkpoint directory
   * @return the completed epochs
   * @throws IllegalArgumentException if {@code dir} is not a tuna checkpoint
   */
  public static int savedEpochs(Path dir) {
    return readState(dir).get("epoch").getAsInt();
  }

  @Override
  public void onTrainEnd(Training training, Map<String, Double> logs) {
    if (deleteCheckpoint) {
      AtomicDirectory.deleteRecursively(backupDir);
    }
  }

  private static JsonObject readState(Path dir) {
    Path file = dir.resolve(STATE_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(dir + " is not a tuna checkpoint: it has no " + STATE_FILE);
    }
    try {
      JsonObject state = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      if (!state.has("format") || !FORMAT.equals(state.get("format").getAsString())) {
        throw new IllegalArgumentException(file + " is not a tuna checkpoint: its format is not " + FORMAT);
      }
      int version = state.get("version").getAsInt();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException(file + " is a version " + version + " tuna checkpoint; this tuna reads "
            + "versions 1 to " + VERSION + (version > VERSION ? " (it was written by a newer tuna)" : ""));
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(file + " is not a tuna checkpoint: " + e.getMessage(), e);
    }
  }

  /** Restores the saved run into {@code tuner} and the batches; returns the epoch to continue with (0 if none). */
  int restore(FineTuner tuner, Batches train, Batches validation, History history, List<Callback> callbacks) {
    if (!Files.exists(backupDir) || isEmpty(backupDir)) {
      return 0;
    }
    JsonObject state = readState(backupDir);
    String signature = state.get("signature").getAsString();
    if (!signature.equals(tuner.signature())) {
      throw new IllegalArgumentException("the checkpoint " + backupDir + " belongs to another training run: it was "
          + "saved for " + signature + ", this fine-tuner is " + tuner.signature());
    }
    try {
      tuner.enterPhase(state.get("phase").getAsInt());
      TrainGraph g = tuner.graph();
      g.net.assign(g.session, TensorFile.read(backupDir.resolve("weights.bin")), true);
      g.slots(TensorFile.read(backupDir.resolve("slots.bin")));
      g.iterations(state.get("iterations").getAsLong());
      g.learningRate(state.get("learning_rate").getAsDouble());
      long drawn = state.get("dropout_drawn").getAsLong();
      Preconditions.requireState(drawn >= g.dropoutDrawn(), "the fine-tuner ran the head before fit; restore "
          + "the checkpoint %s into a fresh one", backupDir);
      g.skipDropout(drawn - g.dropoutDrawn());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + backupDir, e);
    }
    restorePosition(train, state.get("train_position"));
    if (validation != null) {
      restorePosition(validation, state.get("validation_position"));
    }
    JsonObject h = state.getAsJsonObject("history");
    List<Integer> epochs = new ArrayList<>();
    h.getAsJsonArray("epochs").forEach(e -> epochs.add(e.getAsInt()));
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (var e : h.getAsJsonObject("values").entrySet()) {
      List<Double> list = new ArrayList<>();
      e.getValue().getAsJsonArray().forEach(v -> list.add(v.getAsDouble()));
      values.put(e.getKey(), list);
    }
    history.restore(epochs, values);
    JsonArray bests = state.getAsJsonArray("checkpoint_best");
    List<ModelCheckpoint> checkpoints = checkpoints(callbacks);
    for (int i = 0; i < Math.min(bests.size(), checkpoints.size()); i++) {
      checkpoints.get(i).restoreBest(bests.get(i).getAsDouble());
    }
    if (state.has("callbacks")) { // version 2
      try {
        restoreCallbacks(state.getAsJsonArray("callbacks"), callbacks);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the checkpoint " + backupDir, e);
      }
    }
    return state.get("epoch").getAsInt();
  }

  /** Writes the state after {@code epochsDone} epochs, atomically replacing the previous checkpoint. */
  void save(FineTuner tuner, int epochsDone, Batches train, Batches validation, History history,
      List<Callback> callbacks) {
    TrainGraph g = tuner.graph();
    JsonObject state = new JsonObject();
    state.addProperty("format", FORMAT);
    state.addProperty("version", VERSION);
    state.addProperty("signature", tuner.signature());
    state.addProperty("epoch", epochsDone);
    state.addProperty("phase", tuner.phase());
    state.addProperty("iterations", g.iterations());
    state.addProperty("learning_rate", g.learningRate());
    state.addProperty("dropout_drawn", g.dropoutDrawn());
    state.add("train_position", position(train));
    state.add("validation_position", validation == null ? null : position(validation));
    JsonObject h = new JsonObject();
    JsonArray epochs = new JsonArray();
    history.epochs().forEach(epochs::add);
    h.add("epochs", epochs);
    JsonObject values = new JsonObject();
    history.history().forEach((k, v) -> {
      JsonArray list = new JsonArray();
      v.forEach(list::add);
      values.add(k, list);
    });
    h.add("values", values);
    state.add("history", h);
    JsonArray bests = new JsonArray();
    checkpoints(callbacks).forEach(c -> bests.add(c.best()));
    state.add("checkpoint_best", bests);
    Map<String, Map<String, Weight>> weightFiles = new LinkedHashMap<>();
    state.add("callbacks", callbackStates(callbacks, weightFiles));
    Path tmp = null;
    try {
      tmp = AtomicDirectory.temporarySibling(backupDir);
      TensorFile.write(tmp.resolve("weights.bin"), g.net.read(g.session));
      TensorFile.write(tmp.resolve("slots.bin"), g.slots());
      for (var e : weightFiles.entrySet()) {
        TensorFile.write(tmp.resolve(e.getKey()), e.getValue());
      }
      Files.writeString(tmp.resolve(STATE_FILE), GSON.toJson(state) + "\n", StandardCharsets.UTF_8);
      AtomicDirectory.replace(tmp, backupDir);
    } catch (IOException e) {
      if (tmp != null) {
        AtomicDirectory.deleteRecursively(tmp);
      }
      throw new UncheckedIOException("cannot write the checkpoint " + backupDir, e);
    }
  }

  /**
   * The callbacks that carry state between epochs, keyed by class name and their position among the callbacks of
   * that class ({@code EarlyStopping#0}, {@code EarlyStopping#1} …), in callback order.
   */
  private static Map<String, CallbackState> stateful(List<Callback> callbacks) {
    Map<String, CallbackState> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (Callback c : callbacks) {
      if (c instanceof CallbackState s) {
        String kind = c.getClass().getSimpleName();
        int n = seen.merge(kind, 1, Integer::sum) - 1;
        out.put(kind + "#" + n, s);
      }
    }
    return out;
  }

  /** The states of the stateful callbacks as JSON; the weights they hold go to {@code weightFiles} by file name. */
  private static JsonArray callbackStates(List<Callback> callbacks, Map<String, Map<String, Weight>> weightFiles) {
    JsonArray saved = new JsonArray();
    for (Map.Entry<String, CallbackState> e : stateful(callbacks).entrySet()) {
      CallbackState.Saved s = e.getValue().saveState();
      JsonObject o = new JsonObject();
      o.addProperty("callback", e.getKey());
      JsonObject values = new JsonObject();
      new java.util.TreeMap<>(s.values()).forEach(values::addProperty);
      o.add("values", values);
      if (!s.weights().isEmpty()) {
        String file = "callback-" + weightFiles.size() + ".bin";
        weightFiles.put(file, new java.util.TreeMap<>(s.weights()));
        o.addProperty("weights", file);
      }
      saved.add(o);
    }
    return saved;
  }

  /**
   * Restores each saved callback state into the callback of the same class and position; a callback without saved
   * state (one added on resuming) starts fresh, and saved state without its callback is not used.
   */
  private void restoreCallbacks(JsonArray saved, List<Callback> callbacks) throws IOException {
    Map<String, CallbackState> live = stateful(callbacks);
    for (JsonElement e : saved) {
      JsonObject o = e.getAsJsonObject();
      CallbackState target = live.get(o.get("callback").getAsString());
      if (target == null) {
        continue;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (var v : o.getAsJsonObject("values").entrySet()) {
        values.put(v.getKey(), v.getValue().getAsDouble());
      }
      Map<String, Weight> weights = o.has("weights")
          ? TensorFile.read(backupDir.resolve(o.get("weights").getAsString())) : Map.of();
      try {
        target.restoreState(new CallbackState.Saved(values, weights));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("the checkpoint " + backupDir + " holds a damaged state of "
            + o.get("callback").getAsString() + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static List<ModelCheckpoint> checkpoints(List<Callback> callbacks) {
    return callbacks.stream().filter(ModelCheckpoint.class::isInstance).map(ModelCheckpoint.class::cast).toList();
  }

  private static JsonElement position(Batches batches) {
    BatchIterator.Position p = batches.position();
    if (p == null) {
      return null;
    }
    JsonObject o = new JsonObject();
    o.addProperty("total_batches_seen", p.totalBatchesSeen());
    o.addProperty("batch_index", p.batchIndex());
    o.addProperty("epoch_ended", p.epochEnded());
    if (p.indexArray() != null) {
      JsonArray order = new JsonArray();
      for (int i : p.indexArray()) {
        order.add(i);
      }
      o.add("index_array", order);
    }
    return o;
  }

  private static void restorePosition(Batches batches, JsonElement saved) {
    if (saved == null || saved.isJsonNull()) {
      return;
    }
    JsonObject o = saved.getAsJsonObject();
    int[] order = null;
    if (o.has("index_array")) {
      JsonArray a = o.getAsJsonArray("index_array");
      order = new int[a.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = a.get(i).getAsInt();
      }
    }
    batches.restorePosition(new BatchIterator.Position(o.get("total_batches_seen").getAsLong(),
        o.get("batch_index").getAsInt(), order, o.get("epoch_ended").getAsBoolean()));
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Configures {@link BackupAndRestore}. */
  public static final class Builder {
    private final Path backupDir;
    private boolean deleteCheckpoint = true;
    private final dev.tuna.core.internal.BuilderOptions options = new dev.tuna.core.internal.BuilderOptions();

    private Builder(Path backupDir) {
      this.backupDir = backupDir;
    }

    /**
     * Keras' {@code delete_checkpoint}: delete the checkpoint when {@code fit} ends (default true). Keep it to
     * continue a finished run for more epochs later.
     *
     * @param on whether to delete it
     * @return this builder
     */
    public Builder deleteCheckpoint(boolean on) {
      this.deleteCheckpoint = options.set("deleteCheckpoint", on);
      return this;
    }

    /** {@return the callback} */
    public BackupAndRestore build() {
      return new BackupAndRestore(this);
    }
  }
}
