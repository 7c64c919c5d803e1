package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builder rules and Keras' checks of Resizing, CenterCrop, RandomCrop and RandomPerspective. */
final class ResizeConfigTest {
  private static LayerBatch batch(int h, int w) {
    float[] x = new float[2 * h * w * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 251;
    }
    return LayerBatch.of(x, 2, h, w, 3);
  }

  @Test
  void rejectsWhatKerasRejectsWithKerasMessages() {
    assertThat(LayerFixtures.assertKerasErrors("resize_errors.json", KerasLayers::of)).isEqualTo(4);
  }

  @Test
  void optionsCanBeSetOnlyOnceAndNullIsRejected() {
    assertThatThrownBy(() -> Resizing.builder(4, 4).interpolation(ResizeInterpolation.NEAREST)
        .interpolation(ResizeInterpolation.BICUBIC)).isInstanceOf(IllegalStateException.class)
        .hasMessage("interpolation was already set to NEAREST");
    assertThatThrownBy(() -> Resizing.builder(4, 4).cropToAspectRatio(true).cropToAspectRatio(false))
        .isInstanceOf(IllegalStateException.class).hasMessage("cropToAspectRatio was already set to true");
    assertThatThrownBy(() -> Resizing.builder(4, 4).fillValue(1).fillValue(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("fillValue was already set to 1.0");
    assertThatThrownBy(() -> Resizing.builder(4, 4).antialias(true).antialias(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("antialias was already set to true");
    assertThatThrownBy(() -> Resizing.builder(4, 4).interpolation(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("interpolation must not be null");
    assertThatThrownBy(() -> RandomCrop.builder(4, 4).seed(1).seed(2)).isInstanceOf(IllegalStateException.class)
        .hasMessage("seed was already set to 1");
    assertThatThrownBy(() -> CenterCrop.builder(4, 4).boundingBoxFormat("xyxy").boundingBoxFormat("xywh"))
        .isInstanceOf(IllegalStateException.class).hasMessage("boundingBoxFormat was already set to xyxy");
    assertThatThrownBy(() -> RandomPerspective.builder().scale(0.5).scale(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("scale was already set to 0.5");
    assertThatThrownBy(() -> RandomPerspective.builder().factor(0.5).factor(0.1, 0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("factor was already set to [0.0, 0.5]");
    assertThatThrownBy(() -> RandomPerspective.builder().interpolation(null))
        .isInstanceOf(NullPointerException.class).hasMessage("interpolation must not be null");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> Resizing.builder(0, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("height must be positive but was 0");
    assertThatThrownBy(() -> CenterCrop.builder(3, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("width must be positive but was -1");
    assertThatThrownBy(() -> RandomCrop.builder(-2, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("height must be positive but was -2");
    assertThatThrownBy(() -> Resizing.builder(4, 4).cropToAspectRatio(true).padToAspectRatio(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.");
    assertThatThrownBy(() -> ResizeInterpolation.fromKeras("cubic")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interpolation must be one of bilinear, nearest, bicubic, area, lanczos3, lanczos5 but was cubic");
    for (ResizeInterpolation i : ResizeInterpolation.values()) {
      assertThat(ResizeInterpolation.fromKeras(i.kerasName())).isEqualTo(i);
    }
  }

  @Test
  void resizingAndCenterCropApplyInInferenceRandomLayersDoNot() {
    LayerBatch b = batch(7, 9);
    LayerBatch resized = Resizing.builder(4, 5).build().apply(b, false);
    assertThat(new int[] {resized.height(), resized.width()}).containsExactly(4, 5);
    assertThat(Resizing.builder(4, 5).build().apply(b, true).images()).containsExactly(resized.images());
    LayerBatch cropped = CenterCrop.builder(3, 3).build().apply(b, false);
    assertThat(new int[] {cropped.height(), cropped.width()}).containsExactly(3, 3);
    assertThat(RandomCrop.builder(3, 3).seed(1).build().apply(b, false)).isSameAs(b);
    assertThat(RandomPerspective.builder().seed(1).build().apply(b, false)).isSameAs(b);
    assertThat(Resizing.builder(4, 5).build().seed()).isZero();
  }

  @Test
  void randomCropInInferenceRejectsMasksKerasWouldCropAlone() {
    LayerBatch b = batch(7, 9).withMasks(new float[2 * 7 * 9], 1);
    RandomCrop layer = RandomCrop.builder(3, 4).seed(1).build();
    assertThatThrownBy(() -> layer.apply(b, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RandomCrop cannot take segmentation_masks in inference mode: Keras crops the masks to 3x4 but "
            + "returns the 7x9 images uncropped");
    assertThat(RandomCrop.builder(7, 9).seed(1).build().apply(b, false)).isSameAs(b);
    LayerBatch trained = layer.apply(b, true);
    assertThat(trained.masks()).hasSize(2 * 3 * 4);
  }
}
