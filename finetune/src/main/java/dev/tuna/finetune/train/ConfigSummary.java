package dev.tuna.finetune.train;

import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.graph.KerasSummary;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.ModelSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras' {@code summary()} of a model built from its config with the keras.io head: the base's top-level layers
 * (frozen before the phase's first trained layer, BatchNormalization as the phase trains it), then GlobalAveragePooling2D,
 * Dropout and Dense.
 */
final class ConfigSummary {
  private ConfigSummary() {}

  /**
   * The summary with the base trained from {@code unfreezeFrom} on (its BatchNormalization layers frozen for
   * {@link BatchNormTraining#FROZEN}), or wholly frozen when it is null.
   */
  static ModelSummary of(Path model, String unfreezeFrom, Head head, BatchNormTraining batchNorm) {
    KerasSummary base;
    try (KerasModel m = KerasModel.load(model)) {
      base = m.summary();
    }
    KerasSummary frozen = unfreezeFrom == null ? base.freezeAll() : base.unfreezeFrom(unfreezeFrom,
        batchNorm == BatchNormTraining.FROZEN);
    List<ModelSummary.Row> rows = new ArrayList<>();
    int i = 0;
    long channels = 0;
    for (KerasSummary.Row r : frozen.rows()) {
      long[] s = r.outputShape();
      int[] shape = new int[s.length];
      for (int d = 0; d < s.length; d++) {
        shape[d] = (int) s[d];
      }
      channels = s.length == 0 ? channels : s[s.length - 1];
      rows.add(new ModelSummary.Row(i++, r.name(), shape, r.params(), r.trainableParams() > 0));
    }
    rows.add(new ModelSummary.Row(i++, "global_average_pooling2d", new int[] {(int) channels}, 0, true));
    rows.add(new ModelSummary.Row(i++, "dropout", new int[] {(int) channels}, 0, true));
    rows.add(new ModelSummary.Row(i, "dense", new int[] {head.classes()}, channels * head.classes() + head.classes(),
        true));
    return ModelSummary.of(rows);
  }
}
