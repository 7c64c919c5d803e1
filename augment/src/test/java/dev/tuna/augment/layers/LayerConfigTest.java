package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builder rules and Keras' config and target checks. */
final class LayerConfigTest {
  private static LayerBatch batch(int n, int c) {
    return LayerBatch.of(new float[n * 5 * 7 * c], n, 5, 7, c);
  }

  @Test
  void rejectsWhatKerasRejectsWithKerasMessages() {
    assertThat(LayerFixtures.assertKerasErrors("errors.json", KerasLayers::of)).isGreaterThanOrEqualTo(13);
  }

  @Test
  void optionsCanBeSetOnlyOnce() {
    assertThatThrownBy(() -> RandomFlip.builder().seed(1).seed(2)).isInstanceOf(IllegalStateException.class)
        .hasMessage("seed was already set to 1");
    assertThatThrownBy(() -> RandomContrast.builder(0.2).valueRange(0, 1).valueRange(0, 255))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("valueRange was already set to");
    assertThatThrownBy(() -> RandomErasing.builder().fillValue(3).fillValue(4))
        .isInstanceOf(IllegalStateException.class).hasMessage("fillValue was already set to [3.0]");
    assertThatThrownBy(() -> RandomColorJitter.builder().hueFactor(0.1).hueFactor(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("hueFactor was already set to [0.1]");
  }

  @Test
  void nullsAndBadValuesAreRejected() {
    assertThatThrownBy(() -> RandomFlip.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("mode must not be null");
    assertThatThrownBy(() -> RandomFlip.builder().boundingBoxFormat("xyzw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boundingBoxFormat").hasMessageContaining("xyzw");
    assertThatThrownBy(() -> MixUp.builder(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alpha must be > 0 but was 0.0");
    assertThatThrownBy(() -> RandomErasing.builder().fillValue(1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fill_value");
    assertThatThrownBy(() -> Pipeline.of((AugmentationLayer) null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void targetsALayerCannotTakeAreRejectedNamingLayerAndTarget() {
    LayerBatch withLabels = batch(2, 3).withLabels(new float[] {1, 0, 0, 1}, 2);
    assertThatThrownBy(() -> RandomGrayscale.builder().seed(1).build().apply(withLabels))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("RandomGrayscale cannot take labels");
    LayerBatch withBoxes = batch(2, 3).withBoxes(BoundingBoxes.of(2, 1, new float[8], new int[] {1, 1}));
    assertThatThrownBy(() -> CutMix.builder().seed(1).boundingBoxFormat("xyxy").build().apply(withBoxes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CutMix cannot take bounding boxes");
    assertThatThrownBy(() -> RandomContrast.builder(0.2).seed(1).build().apply(withBoxes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("didn't specify a bounding box format")
        .hasMessageContaining("RandomContrast");
    assertThatThrownBy(() -> RandomHue.builder(0.2).seed(1).build().apply(batch(1, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RandomHue");
  }

  @Test
  void inferenceModeReturnsTheBatchUnchanged() {
    LayerBatch b = LayerBatch.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
    for (AugmentationLayer l : new AugmentationLayer[] {RandomFlip.builder().seed(1).build(),
        RandomBrightness.builder(0.5).seed(1).build(), RandomErasing.builder().seed(1).build(),
        MixUp.builder().seed(1).build(), RandomHue.builder(0.5).seed(1).build()}) {
      assertThat(l.apply(b, false)).as(l.className()).isSameAs(b);
    }
  }

  @Test
  void aLayerWithoutSeedDrawsOneAndReportsIt() {
    RandomFlip flip = RandomFlip.builder().build();
    assertThat(flip.seed()).isBetween(1L, 1_000_000_000L);
    assertThat(flip.className()).isEqualTo("RandomFlip");
  }

  @Test
  void builtLayersDoNotShareSeedStreams() {
    RandomBrightness.Builder builder = RandomBrightness.builder(0.5).seed(3);
    LayerBatch b = batch(2, 3);
    float[] first = builder.build().apply(b).images();
    assertThat(builder.build().apply(b).images()).containsExactly(first);
  }

  @Test
  void dataFormatsMustAgree() {
    LayerBatch nchw = LayerBatch.ofChannelsFirst(new float[2 * 3 * 5 * 7], 2, 3, 5, 7);
    assertThatThrownBy(() -> RandomFlip.builder().seed(1).build().apply(nchw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RandomFlip expects channels_last images but the batch is channels_first");
    assertThat(RandomFlip.builder().seed(1).dataFormat(dev.tuna.augment.DataFormat.CHANNELS_FIRST).build()
        .apply(nchw).dataFormat()).isEqualTo(dev.tuna.augment.DataFormat.CHANNELS_FIRST);
    assertThatThrownBy(() -> RandomColorJitter.builder().hueFactor(0.2)
        .dataFormat(dev.tuna.augment.DataFormat.CHANNELS_FIRST).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels_last");
  }

  @Test
  void batchShapesAreChecked() {
    assertThatThrownBy(() -> LayerBatch.of(new float[10], 1, 2, 2, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("images must hold 12 values");
    assertThatThrownBy(() -> batch(2, 3).withMasks(new float[5], 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("masks must hold 70 values");
    assertThatThrownBy(() -> batch(2, 3).withBoxes(BoundingBoxes.of(3, 1, new float[12], new int[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxes must be given for 2 images");
  }

  @Test
  void emptyBoxListsAndNanPixelsPassWithoutError() {
    LayerBatch b = batch(2, 3).withBoxes(BoundingBoxes.of(2, 0, new float[0], new int[0]));
    LayerBatch flipped = RandomFlip.builder().seed(3).boundingBoxFormat("xyxy").build().apply(b);
    assertThat(flipped.boxes().maxBoxes()).isZero();
    assertThat(MixUp.builder().seed(3).boundingBoxFormat("xyxy").build().apply(b).boxes().maxBoxes()).isZero();
    float[] nan = new float[2 * 5 * 7 * 3];
    nan[4] = Float.NaN;
    LayerBatch withNan = LayerBatch.of(nan, 2, 5, 7, 3);
    for (AugmentationLayer l : new AugmentationLayer[] {RandomContrast.builder(0.5).seed(1).build(),
        RandomHue.builder(0.5).seed(1).build(), RandomErasing.builder().seed(1).build()}) {
      assertThat(l.apply(withNan).images()).as(l.className()).hasSize(nan.length);
    }
  }
}
