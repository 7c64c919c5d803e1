package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.DataFormat;
import dev.tuna.core.io.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * Integer labels (class ids) as Keras 3.15.1 on TensorFlow treats them: passed through by the layers that do not mix
 * labels, rejected by MixUp and CutMix in training mode (TensorFlow's {@code Mul} message, recorded from Keras in
 * the examples' {@code layers/int_labels} fixture), passed through by them in inference mode.
 */
final class IntegerLabelsTest {
  private static LayerBatch batch(NpyArray.DType dtype) {
    float[] x = new float[3 * 4 * 5 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 251;
    }
    return LayerBatch.of(x, 3, 4, 5, 3).withIntegerLabels(new long[] {2, 0, 1}, 1, dtype);
  }

  @Test
  void integerLabelsKeepTheirTypeThroughOtherLayersAndChannelsFirst() {
    LayerBatch in = batch(NpyArray.DType.INT64);
    assertThat(in.integerLabelType()).isEqualTo(NpyArray.DType.INT64);
    assertThat(in.toString()).contains("labels 1 int64");
    LayerBatch out = Pipeline.of(RandomFlip.builder().seed(3).build(), RandomContrast.builder(0.3).seed(4).build())
        .apply(in);
    assertThat(out.integerLabelType()).isEqualTo(NpyArray.DType.INT64);
    assertThat(out.labels()).containsExactly(2, 0, 1);
    LayerBatch cf = LayerBatch.ofChannelsFirst(new float[3 * 3 * 4 * 5], 3, 3, 4, 5)
        .withIntegerLabels(new long[] {2, 0, 1}, 1, NpyArray.DType.UINT8);
    LayerBatch flipped = RandomFlip.builder().seed(3).dataFormat(DataFormat.CHANNELS_FIRST).build().apply(cf);
    assertThat(flipped.integerLabelType()).isEqualTo(NpyArray.DType.UINT8);
    assertThat(batch(NpyArray.DType.INT32).withLabels(new float[] {1, 2, 3}, 1).integerLabelType()).isNull();
  }

  @Test
  void mixUpAndCutMixRejectIntegerLabelsInTrainingWithKerasMessage() {
    for (AugmentationLayer layer : new AugmentationLayer[] {MixUp.builder().seed(1).build(),
        CutMix.builder().seed(7).build()}) {
      for (NpyArray.DType dtype : new NpyArray.DType[] {NpyArray.DType.INT32, NpyArray.DType.INT64,
          NpyArray.DType.UINT8}) {
        String name = dtype.name().toLowerCase(java.util.Locale.ROOT);
        assertThatThrownBy(() -> layer.apply(batch(dtype))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(layer.className() + " cannot take " + name + " labels: cannot compute Mul as "
                + "input #1(zero-based) was expected to be a float tensor but is a " + name + " tensor [Op:Mul]");
        LayerBatch inference = layer.apply(batch(dtype), false);
        assertThat(inference.labels()).containsExactly(2, 0, 1);
        assertThat(inference.integerLabelType()).isEqualTo(dtype);
      }
    }
  }

  @Test
  void integerLabelsNeedAnIntegerTypeAndTheBatchLength() {
    LayerBatch b = LayerBatch.of(new float[2 * 2 * 2 * 2], 2, 2, 2, 2);
    assertThatThrownBy(() -> b.withIntegerLabels(new long[] {1, 0}, 1, NpyArray.DType.FLOAT32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer dtype but was FLOAT32");
    assertThatThrownBy(() -> b.withIntegerLabels(new long[] {1, 0, 1}, 1, NpyArray.DType.INT32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must hold 2 values");
    assertThatThrownBy(() -> b.withIntegerLabels(new long[] {1, 0}, 1, null))
        .isInstanceOf(NullPointerException.class);
  }
}
