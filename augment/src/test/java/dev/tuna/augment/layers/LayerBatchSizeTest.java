package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Batches whose images change height and width, with and without masks. */
final class LayerBatchSizeTest {
  private static LayerBatch batch() {
    return LayerBatch.of(new float[2 * 5 * 7 * 3], 2, 5, 7, 3).withLabels(new float[] {1, 0, 0, 1}, 2)
        .withBoxes(BoundingBoxes.of(2, 1, new float[] {1, 1, 3, 3, 0, 0, 2, 2}, new int[] {4, 5}));
  }

  @Test
  void newImageSizeKeepsLabelsAndBoxes() {
    LayerBatch b = batch().withImages(new float[2 * 3 * 4 * 1], 3, 4, 1);
    assertThat(new int[] {b.size(), b.height(), b.width(), b.channels()}).containsExactly(2, 3, 4, 1);
    assertThat(b.labels()).containsExactly(1, 0, 0, 1);
    assertThat(b.boxes().labels()).containsExactly(4, 5);
    assertThat(b.withMasks(new float[2 * 3 * 4], 1).maskChannels()).isEqualTo(1);
  }

  @Test
  void masksChangeSizeWithTheImages() {
    LayerBatch withMasks = batch().withMasks(new float[2 * 5 * 7], 1);
    assertThatThrownBy(() -> withMasks.withImages(new float[2 * 3 * 4 * 3], 3, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withImagesAndMasks");
    assertThat(withMasks.withImages(new float[2 * 5 * 7], 5, 7, 1).masks()).hasSize(70);
    LayerBatch b = withMasks.withImagesAndMasks(new float[2 * 3 * 4 * 3], 3, 4, 3, new float[2 * 3 * 4 * 2], 2);
    assertThat(new int[] {b.height(), b.width(), b.maskChannels()}).containsExactly(3, 4, 2);
    assertThatThrownBy(() -> withMasks.withImagesAndMasks(new float[2 * 3 * 4 * 3], 3, 4, 3, new float[5], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masks must hold 24 values");
    assertThatThrownBy(() -> batch().withImages(new float[0], 0, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> batch().withImages(new float[7], 3, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images must hold 72 values");
  }

  @Test
  void channelsFirstBatchesTransposeWithTheNewSize() {
    float[] nchw = new float[1 * 2 * 2 * 3];
    for (int i = 0; i < nchw.length; i++) {
      nchw[i] = i;
    }
    LayerBatch b = LayerBatch.ofChannelsFirst(new float[1 * 2 * 4 * 5], 1, 2, 4, 5).withImages(nchw, 2, 3, 2);
    // (c, h, w) = (2, 2, 3) -> (h, w, c): pixel (0, 1) holds channel values 1 and 7
    assertThat(b.toChannelsLast().images()).startsWith(0f, 6f, 1f, 7f);
  }
}
