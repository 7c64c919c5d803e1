package dev.tuna.finetune.train;

import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.graph.KerasSummary;
import dev.tuna.finetune.graph.WeightSpec;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code summary()} of a model built from its config with its head: the base's top-level layers (frozen
 * before the phase's first trained layer, BatchNormalization as the phase trains it), then GlobalAveragePooling2D,
 * Dropout and Dense, or Flatten, Dense, Dropout and Dense.
 */
final class ConfigSummary {
  private ConfigSummary() {}

  /**
   * The summary with the base trained from {@code unfreezeFrom} on (its BatchNormalization layers frozen for
   * {@link BatchNormTraining#FROZEN}), or wholly frozen when it is null.
   */
  static ModelSummary of(Path model, String unfreezeFrom, Head head, BatchNormTraining batchNorm) {
    KerasSummary base;
    Map<String, Long> nestedBatchNorm = new HashMap<>();
    try (KerasModel m = KerasModel.load(model)) {
      base = m.summary();
      if (unfreezeFrom != null && batchNorm == BatchNormTraining.FROZEN) {
        nestedBatchNorm = nestedBatchNorm(model, m.weights());
      }
    }
    KerasSummary frozen = unfreezeFrom == null ? base.freezeAll() : base.unfreezeFrom(unfreezeFrom,
        batchNorm == BatchNormTraining.FROZEN);
    List<ModelSummary.Row> rows = new ArrayList<>();
    int i = 0;
    long channels = 0;
    long flat = 0;
    for (KerasSummary.Row r : frozen.rows()) {
      long[] s = r.outputShape();
      int[] shape = new int[s.length];
      for (int d = 0; d < s.length; d++) {
        shape[d] = (int) s[d];
      }
      if (s.length > 0) {
        channels = s[s.length - 1];
        flat = 1;
        for (long d : s) {
          flat *= d;
        }
      }
      long trainable = Math.max(0, r.trainableParams() - nestedBatchNorm.getOrDefault(r.name(), 0L));
      rows.add(new ModelSummary.Row(i++, r.name(), shape, r.params(), trainable > 0, trainable));
    }
    if (head.globalAveragePooling()) {
      rows.add(new ModelSummary.Row(i++, "global_average_pooling2d", new int[] {(int) channels}, 0, true));
      rows.add(new ModelSummary.Row(i++, "dropout", new int[] {(int) channels}, 0, true));
      rows.add(new ModelSummary.Row(i, "dense", new int[] {head.classes()},
          channels * head.classes() + head.classes(), true));
    } else {
      long units = head.units();
      rows.add(new ModelSummary.Row(i++, "flatten", new int[] {Math.toIntExact(flat)}, 0, true));
      rows.add(new ModelSummary.Row(i++, "dense", new int[] {head.units()}, flat * units + units, true));
      rows.add(new ModelSummary.Row(i++, "dropout", new int[] {head.units()}, 0, true));
      rows.add(new ModelSummary.Row(i, "dense_1", new int[] {head.classes()}, units * head.classes() + head.classes(),
          true));
    }
    return ModelSummary.of(rows);
  }

  /** The trainable BatchNormalization parameters inside each nested model, by its top-level layer name. */
  private static Map<String, Long> nestedBatchNorm(Path model, List<WeightSpec> weights) {
    Map<String, String> parent = new HashMap<>();
    try (ModelFiles.Loaded loaded = ModelFiles.read(model)) {
      for (ModelConfig.Layer l : ModelConfig.parse(loaded.config()).layers()) {
        if (l.nested() != null) {
          inner(l.nested(), l.name(), parent);
        }
      }
    }
    Map<String, Long> out = new HashMap<>();
    for (WeightSpec w : weights) {
      if (w.trainable() && w.layerClass().equals("BatchNormalization") && parent.containsKey(w.layer())) {
        out.merge(parent.get(w.layer()), w.size(), Long::sum);
      }
    }
    return out;
  }

  private static void inner(ModelConfig nested, String top, Map<String, String> parent) {
    for (ModelConfig.Layer l : nested.layers()) {
      parent.put(l.name(), top);
      if (l.nested() != null) {
        inner(l.nested(), top, parent);
      }
    }
  }
}
