package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builder rules and Keras' config checks of the policy and colour-operation layers. */
final class PolicyConfigTest {
  @Test
  void rejectsWhatKerasRejectsWithKerasMessages() {
    int checked = LayerFixtures.assertKerasErrors("policy_errors.json",
        (cls, config) -> PolicyLayers.of(cls, config, null));
    assertThat(checked).isEqualTo(15);
  }

  @Test
  void optionsCanBeSetOnlyOnce() {
    assertThatThrownBy(() -> Solarization.builder().additionFactor(0.1).additionFactor(0.2, 0.3))
        .isInstanceOf(IllegalStateException.class).hasMessage("additionFactor was already set to (0, 0.1)");
    assertThatThrownBy(() -> RandomGaussianBlur.builder().kernelSize(5).kernelSize(3, 7))
        .isInstanceOf(IllegalStateException.class).hasMessage("kernelSize was already set to (5, 5)");
    assertThatThrownBy(() -> Equalization.builder().bins(64).bins(32))
        .isInstanceOf(IllegalStateException.class).hasMessage("bins was already set to 64");
    assertThatThrownBy(() -> RandAugment.builder().numOps(3).numOps(1))
        .isInstanceOf(IllegalStateException.class).hasMessage("numOps was already set to 3");
    assertThatThrownBy(() -> AugMix.builder().choiceSeed(4).choiceSeed(5))
        .isInstanceOf(IllegalStateException.class).hasMessage("choiceSeed was already set to 4");
    assertThatThrownBy(() -> RandomInvert.builder().valueRange(0, 1).valueRange(0, 255))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("valueRange was already set to");
  }

  @Test
  void nullsAndBadValuesAreRejected() {
    assertThatThrownBy(() -> RandAugment.builder().interpolation(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("interpolation must not be null");
    assertThatThrownBy(() -> Equalization.builder().bins(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bins must be at least 1 but was 0");
    assertThatThrownBy(() -> AugMix.builder().alpha(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> AugMix.builder().numChains(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numChains must be at least 1 but was 0");
    assertThatThrownBy(() -> RandAugment.builder().valueRange(1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valueRange");
    assertThatThrownBy(() -> RandomSharpness.builder(0.5).valueRange(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valueRange");
  }

  @Test
  void nanPixelsGiveKerasBehaviourOrAClearError() {
    float[] x = {10, 20, 30, Float.NaN, 50, 60, 70, 80, 90, 100, 110, 120};
    LayerBatch b = LayerBatch.of(x, 1, 2, 2, 3);
    assertThatThrownBy(() -> Equalization.builder().build().apply(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Equalization cannot take NaN pixels");
    // AutoContrast keeps the input where the result is NaN; the NaN channel stays NaN, the others are stretched
    float[] out = AutoContrast.builder().build().apply(b).images();
    assertThat(out[3]).isNaN();
    assertThat(out[1]).isEqualTo(0f);
    for (AugmentationLayer l : new AugmentationLayer[] {RandomSharpness.builder(0.5).seed(1).build(),
        RandomGaussianBlur.builder().seed(1).build(), RandomPosterization.builder(4).seed(1).build(),
        RandAugment.builder().seed(1).build(), AugMix.builder().seed(1).build(),
        RandomElasticTransform.builder().seed(1).build()}) {
      assertThat(l.apply(b).images()).as(l.className()).hasSize(12);
    }
  }

  @Test
  void defaultSeedsAfterSetRandomSeedFollowKerasDraws() {
    // keras.utils.set_random_seed(123); [AutoContrast(), RandAugment(), RandomInvert(), AugMix(all_ops=False),
    // RandomInvert()]: the layers' generator seeds are None, 56224986, 40967190, 407081654, 55728979
    java.util.List<AugmentationLayer> layers = LayerSpec.parse("[{\"class_name\": \"AutoContrast\", \"config\": {}}, "
        + "{\"class_name\": \"RandAugment\", \"config\": {\"seed\": null}}, {\"class_name\": \"RandomInvert\", "
        + "\"config\": {}}, {\"class_name\": \"AugMix\", \"config\": {\"all_ops\": false}}, "
        + "{\"class_name\": \"RandomInvert\", \"config\": {}}]", null, 123L).pipeline().layers();
    assertThat(((RandAugment) layers.get(1)).seed()).isEqualTo(56224986L);
    assertThat(((RandomInvert) layers.get(2)).seed()).isEqualTo(40967190L);
    assertThat(((AugMix) layers.get(3)).seed()).isEqualTo(407081654L);
    assertThat(((RandomInvert) layers.get(4)).seed()).isEqualTo(55728979L);
  }

  @Test
  void elasticTransformRejectsBoxesAsKerasDoes() {
    LayerBatch withBoxes = LayerBatch.of(new float[2 * 5 * 7 * 3], 2, 5, 7, 3)
        .withBoxes(BoundingBoxes.of(2, 1, new float[8], new int[] {1, 1}));
    assertThatThrownBy(() -> RandomElasticTransform.builder().seed(1).boundingBoxFormat("xyxy").build()
        .apply(withBoxes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RandomElasticTransform cannot take bounding boxes");
  }

  @Test
  void inferenceModeReturnsTheBatchExceptForAutoContrast() {
    float[] x = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120};
    LayerBatch b = LayerBatch.of(x, 1, 2, 2, 3);
    for (AugmentationLayer l : new AugmentationLayer[] {Solarization.builder().seed(1).build(),
        RandomInvert.builder().seed(1).build(), RandomPosterization.builder(4).seed(1).build(),
        Equalization.builder().build(), RandomColorDegeneration.builder(0.5).seed(1).build(),
        RandomSharpness.builder(0.5).seed(1).build(), RandomGaussianBlur.builder().seed(1).build(),
        RandAugment.builder().seed(1).build(), AugMix.builder().seed(1).build()}) {
      assertThat(l.apply(b, false)).as(l.className()).isSameAs(b);
    }
    // Keras' AutoContrast ignores `training`: each channel stretched to 0..255
    LayerBatch out = AutoContrast.builder().build().apply(b, false);
    assertThat(out.images()).usingComparatorWithPrecision(1e-4f)
        .containsExactly(0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255);
  }
}
