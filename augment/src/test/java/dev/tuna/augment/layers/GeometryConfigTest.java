package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.DataFormat;
import dev.tuna.augment.FillMode;
import org.junit.jupiter.api.Test;

/** Builder rules and Keras' config checks of the affine layers. */
final class GeometryConfigTest {
  @Test
  void rejectsWhatKerasRejectsWithKerasMessages() {
    assertThat(LayerFixtures.assertKerasErrors("geometry_errors.json", KerasLayers::of)).isEqualTo(8);
  }

  @Test
  void optionsCanBeSetOnlyOnce() {
    assertThatThrownBy(() -> RandomRotation.builder(0.1).fillMode(FillMode.WRAP).fillMode(FillMode.REFLECT))
        .isInstanceOf(IllegalStateException.class).hasMessage("fillMode was already set to WRAP");
    assertThatThrownBy(() -> RandomZoom.builder(0.1).interpolation(Interpolation.NEAREST)
        .interpolation(Interpolation.NEAREST)).isInstanceOf(IllegalStateException.class)
        .hasMessage("interpolation was already set to NEAREST");
    assertThatThrownBy(() -> RandomTranslation.builder(0.1, 0.1).fillValue(1).fillValue(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("fillValue was already set to 1.0");
    assertThatThrownBy(() -> RandomZoom.builder(0.1).widthFactor(0.2).widthFactor(0.3))
        .isInstanceOf(IllegalStateException.class).hasMessage("widthFactor was already set to [-0.2, 0.2]");
    assertThatThrownBy(() -> RandomShear.builder().xFactor(0.2).xFactor(0.1, 0.3))
        .isInstanceOf(IllegalStateException.class).hasMessage("xFactor was already set to [-0.2, 0.2]");
  }

  @Test
  void nullsAndBadValuesAreRejected() {
    assertThatThrownBy(() -> RandomRotation.builder(0.1).fillMode(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("fillMode must not be null");
    assertThatThrownBy(() -> RandomRotation.builder(0.1).interpolation(null))
        .isInstanceOf(NullPointerException.class).hasMessage("interpolation must not be null");
    assertThatThrownBy(() -> RandomRotation.builder(0.1).fillMode(FillMode.MIRROR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fillMode must be one of reflect, wrap, constant, nearest but was mirror");
    assertThatThrownBy(() -> RandomShear.builder().fillValue(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fillValue");
    assertThatThrownBy(() -> Interpolation.fromKeras("bicubic")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bicubic");
  }

  @Test
  void inferenceIsIdentityAndTheStreamContinues() {
    float[] x = new float[2 * 5 * 7 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 251;
    }
    LayerBatch batch = LayerBatch.of(x, 2, 5, 7, 3);
    RandomRotation layer = RandomRotation.builder(0.3).seed(4).build();
    assertThat(layer.apply(batch, false)).isSameAs(batch);
    LayerBatch cf = LayerBatch.ofChannelsFirst(x, 2, 3, 5, 7);
    assertThatThrownBy(() -> layer.apply(cf)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channels_last");
    RandomRotation cfLayer = RandomRotation.builder(0.3).seed(4).dataFormat(DataFormat.CHANNELS_FIRST).build();
    assertThat(cfLayer.apply(cf).images()).hasSize(x.length);
  }
}
