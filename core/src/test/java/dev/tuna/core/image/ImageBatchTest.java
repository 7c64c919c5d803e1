package dev.tuna.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ImageBatchTest {
  /** One 2x3 sample with 2 channels; value = 10 * channel + pixel. */
  private static final float[] HWC = {0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15};
  private static final float[] CHW = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};

  @Test
  void of_withoutLayout_isNhwc() {
    ImageBatch b = ImageBatch.of(2, 3, 2, HWC, null, null, null, new int[] {7});
    assertThat(b.layout()).isEqualTo(ImageLayout.NHWC);
    assertThat(b.shape()).containsExactly(1, 2, 3, 2);
    assertThat(b.image(0).data()).containsExactly(HWC);
  }

  @Test
  void nchw_reportsItsShape_andImageIsHwc() {
    ImageBatch b = ImageBatch.of(ImageLayout.NCHW, 2, 3, 2, CHW, null, null, null, new int[] {7});
    assertThat(b.layout()).isEqualTo(ImageLayout.NCHW);
    assertThat(b.shape()).containsExactly(1, 2, 2, 3);
    assertThat(b.images()).containsExactly(CHW);
    assertThat(b.image(0).data()).containsExactly(HWC);
    assertThat(b.toString()).startsWith("ImageBatch[NCHW 1x2x2x3");
  }

  @Test
  void nullLayout_rejected() {
    assertThatThrownBy(() -> ImageBatch.of(null, 2, 3, 2, CHW, null, null, null, new int[] {7}))
        .isInstanceOf(NullPointerException.class).hasMessage("layout must not be null");
  }

  @Test
  void labelsWeightsAndIndices_copiedInAndOut() {
    float[] labels = {1, 0};
    float[] weights = {0.5f};
    int[] indices = {7};
    ImageBatch b = ImageBatch.of(2, 3, 2, HWC, labels, new int[] {1, 2}, weights, indices);
    labels[0] = 9;
    weights[0] = 9;
    indices[0] = 9;
    b.labels()[1] = 9;
    b.sampleWeights()[0] = 9;
    b.indices()[0] = 9;
    assertThat(b.labels()).containsExactly(1, 0);
    assertThat(b.sampleWeights()).containsExactly(0.5f);
    assertThat(b.indices()).containsExactly(7);
  }
}
