package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading Keras' get_config() dicts and specs: keys, types, errors naming the layer and key. */
final class LayerSpecTest {
  private static final String DTYPE = "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
      + "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}";

  @Test
  void everyLayerOfThePackageIsSupported() {
    assertThat(LayerSpec.supportedClassNames()).contains("CutMix", "MixUp", "Pipeline", "RandomBrightness",
        "RandomColorJitter", "RandomContrast", "RandomErasing", "RandomFlip", "RandomGrayscale", "RandomHue",
        "RandomRotation", "RandomSaturation", "RandomShear", "RandomTranslation", "RandomZoom", "Rescaling")
        .doesNotContain("LayerSpec", "LayerBatch", "BaseLayer", "AffineLayer");
  }

  @Test
  void readsWhatKerasWrites() {
    // json.dumps of RandomRotation(0.1, seed=7).get_config() and RandomFlip(seed=None).get_config(), Keras 3.15.1
    LayerSpec spec = LayerSpec.parse("[{\"class_name\": \"RandomRotation\", \"config\": {\"name\": "
        + "\"random_rotation\", \"trainable\": true, \"dtype\": " + DTYPE + ", \"data_format\": \"channels_last\", "
        + "\"factor\": [-0.1, 0.1], \"fill_mode\": \"reflect\", \"fill_value\": 0.0, \"interpolation\": "
        + "\"bilinear\", \"seed\": 7}}, {\"class_name\": \"RandomFlip\", \"config\": {\"name\": \"random_flip_2\", "
        + "\"trainable\": true, \"dtype\": " + DTYPE + ", \"data_format\": \"channels_last\", \"seed\": null, "
        + "\"mode\": \"horizontal\"}}]");
    List<AugmentationLayer> layers = spec.pipeline().layers();
    assertThat(layers).extracting(AugmentationLayer::className).containsExactly("RandomRotation", "RandomFlip");
    assertThat(((RandomRotation) layers.get(0)).seed()).isEqualTo(7);
    assertThat(((RandomFlip) layers.get(1)).mode()).isEqualTo(RandomFlip.Mode.HORIZONTAL);
    assertThat(spec.drawnSeeds()).containsExactly("layer 2 (RandomFlip): seed " + ((RandomFlip) layers.get(1)).seed());
  }

  @Test
  void unknownClassesAreNamedWithTheSupportedOnes() {
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomBlur\", \"config\": {}}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("layer 1 (RandomBlur): Unknown layer class_name 'RandomBlur'; tuna supports ")
        .hasMessageContaining("RandomFlip, RandomGrayscale");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"LayerBatch\", \"config\": {}}]"))
        .hasMessageContaining("Unknown layer class_name 'LayerBatch'");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"internal.Philox\", \"config\": {}}]"))
        .hasMessageContaining("Unknown layer class_name 'internal.Philox'");
  }

  @Test
  void unknownKeysAreRejectedUnlessNullOrFalse() {
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"mood\": 3}}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("layer 1 (RandomFlip): Unrecognized keyword arguments passed to RandomFlip: {'mood': 3}")
        .hasMessageContaining("takes bounding_box_format, data_format, dtype, mode, name, seed, trainable");
    assertThat(LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"mood\": null, \"jit\": false, "
        + "\"seed\": 1}}]").pipeline().layers()).hasSize(1);
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"Rescaling\", \"config\": {\"scale\": 2, "
        + "\"data_format\": \"channels_last\"}}]")).hasMessageContaining("passed to Rescaling: {'data_format'");
  }

  @Test
  void badValuesNameTheLayerAndTheKey() {
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}, "
        + "{\"class_name\": \"RandomRotation\", \"config\": {\"factor\": \"big\"}}]"))
        .hasMessage("layer 2: RandomRotation config key 'factor' must be a number or a list of two numbers but "
            + "was 'big'");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomRotation\", \"config\": {}}]"))
        .hasMessage("layer 1: RandomRotation config key 'factor' is required but was missing");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1.5}}]"))
        .hasMessage("layer 1: RandomFlip config key 'seed' must be an integer but was 1.5");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"mode\": \"up\"}}]"))
        .hasMessageContaining("RandomFlip config key 'mode' must be one of");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomZoom\", \"config\": {\"height_factor\": "
        + "0.1, \"fill_mode\": \"mirror\"}}]"))
        .hasMessage("layer 1: RandomZoom config key 'fill_mode': Unknown `fill_mode` mirror. Expected of one "
            + "('reflect', 'wrap', 'constant', 'nearest').");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomContrast\", \"config\": {\"factor\": 1.5}}]"))
        .hasMessage("layer 1 (RandomContrast): The `factor` argument should be a number (or a list of two numbers) "
            + "in the range [0, 1]. Received: factor=1.5");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"dtype\": "
        + "\"mixed_float16\"}}]")).hasMessageContaining("'dtype' must be the float32 policy");
    assertThatThrownBy(() -> LayerSpec.parse("{\"layers\": 3}")).hasMessageContaining("class_name");
    assertThatThrownBy(() -> LayerSpec.parse("[1, 2")).hasMessageContaining("not valid JSON");
  }

  @Test
  void nestedPipelinesAsKerasSerializesThem() {
    LayerSpec spec = LayerSpec.parse("[{\"class_name\": \"Pipeline\", \"config\": {\"layers\": [{\"module\": "
        + "\"keras.layers\", \"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1, \"mode\": \"vertical\"}, "
        + "\"registered_name\": null}, {\"module\": \"keras.layers\", \"class_name\": \"RandomContrast\", "
        + "\"config\": {\"factor\": [0, 0.1], \"value_range\": [0, 255]}, \"registered_name\": null}], "
        + "\"name\": \"pipeline\"}}]");
    Pipeline nested = (Pipeline) spec.pipeline().layers().get(0);
    assertThat(nested.layers()).extracting(AugmentationLayer::className)
        .containsExactly("RandomFlip", "RandomContrast");
    assertThat(spec.drawnSeeds()).singleElement().asString()
        .startsWith("layer 1 (Pipeline) layer 2 (RandomContrast): seed ");
  }

  @Test
  void boxFormatIsTheDeclaredOneOrTheDefaultForLayersThatTakeBoxes() {
    String json = "[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}, {\"class_name\": \"Rescaling\", "
        + "\"config\": {\"scale\": 2}}, {\"class_name\": \"RandomRotation\", \"config\": {\"factor\": 0.1, "
        + "\"seed\": 2, \"bounding_box_format\": \"yxyx\"}}]";
    LayerSpec declared = LayerSpec.parse(json, "xyxy");
    assertThat(declared.boundingBoxFormat()).contains("yxyx");
    assertThat(((RandomFlip) declared.pipeline().layers().get(0)).boundingBoxFormat).isEqualTo("yxyx");
    LayerSpec none = LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}]", "xyxy");
    assertThat(none.boundingBoxFormat()).contains("xyxy");
    assertThat(((RandomFlip) none.pipeline().layers().get(0)).boundingBoxFormat).isEqualTo("xyxy");
    assertThat(LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1}}]")
        .boundingBoxFormat()).isEmpty();
    assertThat(LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"seed\": 1, \"data_format\": "
        + "\"channels_first\"}}]").dataFormat()).isEqualTo(dev.tuna.augment.DataFormat.CHANNELS_FIRST);
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomFlip\", \"config\": {\"data_format\": "
        + "\"channels_first\"}}, {\"class_name\": \"RandomHue\", \"config\": {\"factor\": 0.1, \"data_format\": \"channels_last\"}}]"))
        .hasMessage("the layers must agree on data_format but layer 1 (RandomFlip) says 'channels_first' and "
            + "layer 2 (RandomHue) says 'channels_last'");
  }

  @Test
  void configGettersAreTyped() {
    LayerConfig c = LayerConfig.of("X", Map.of("a", 1L, "b", List.of(1L, 2.5), "c", true, "s", "v"));
    assertThat(c.getInt("a", 0)).isEqualTo(1);
    assertThat(c.getDouble("missing", 4)).isEqualTo(4);
    assertThat(c.getFactor("b")).containsExactly(1, 2.5);
    assertThat(c.getFactor("a")).containsExactly(1);
    assertThat(c.getBoolean("c", false)).isTrue();
    assertThat(c.getString("s", null)).isEqualTo("v");
    assertThat(c.seed()).isEmpty();
    assertThatThrownBy(() -> c.getBoolean("a", false)).hasMessage("X config key 'a' must be a boolean but was 1");
    assertThatThrownBy(() -> c.getInt("b", 0)).hasMessage("X config key 'b' must be an integer but was [1, 2.5]");
    assertThatThrownBy(() -> c.asMap().put("z", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}
