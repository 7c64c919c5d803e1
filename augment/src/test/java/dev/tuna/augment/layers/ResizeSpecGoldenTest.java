package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.io.NpyArray;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Resizing, CenterCrop, RandomCrop and RandomPerspective read from the specs Keras writes give Keras' outputs
 * (fixture: layers/resize_specs.json and resize.json, gen_layers_resize.py).
 */
final class ResizeSpecGoldenTest {
  private static final System.Logger LOG = System.getLogger(ResizeSpecGoldenTest.class.getName());

  @Test
  void specsGiveKerasOutputs() {
    JsonObject specs = LayerFixtures.json("resize_specs.json").getAsJsonObject("specs");
    double maxDiff = 0;
    int checked = 0;
    Set<String> classes = new TreeSet<>();
    for (JsonElement e : LayerFixtures.json("resize.json").getAsJsonArray("cases")) {
      JsonObject kase = e.getAsJsonObject();
      String id = kase.get("id").getAsString();
      Pipeline pipeline = LayerSpec.parse(specs.get(id).toString()).pipeline();
      pipeline.layers().forEach(l -> classes.add(l.className()));
      LayerBatch batch = LayerGoldenTest.input(kase);
      float scale = kase.get("scale").getAsFloat();
      for (JsonElement ce : kase.getAsJsonArray("calls")) {
        JsonObject call = ce.getAsJsonObject();
        LayerBatch out = pipeline.apply(batch, call.get("training").getAsBoolean());
        NpyArray want = LayerFixtures.npy(call.get("images").getAsString());
        assertThat(out.images()).as(id + " image size").hasSize(want.size());
        double d = LayerGoldenTest.maxAbsDiff(out.images(), want.floats()) / scale;
        if (call.has("masks")) {
          d = Math.max(d, LayerGoldenTest.maxAbsDiff(out.masks(),
              LayerFixtures.npy(call.get("masks").getAsString()).floats()));
        }
        if (call.has("boxes")) {
          assertThat(out.boxes().labels()).as(id + " box labels")
              .containsExactly(LayerFixtures.ints(call.getAsJsonArray("box_labels")));
          d = Math.max(d, LayerGoldenTest.maxAbsDiff(out.boxes().boxes(),
              LayerFixtures.floats(call.getAsJsonArray("boxes"))));
        }
        assertThat(d).as(id + " max |diff| (0-255 scale)").isLessThanOrEqualTo(LayerGoldenTest.TOLERANCE_255);
        maxDiff = Math.max(maxDiff, d);
      }
      checked++;
    }
    assertThat(classes).contains("Resizing", "CenterCrop", "RandomCrop", "RandomPerspective");
    assertThat(checked).isEqualTo(46);
    LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
        "resize specs: %d specs (%s), max |diff| %.3g on the 0-255 scale", checked, classes, maxDiff));
  }

  @Test
  void unseededLayersDrawTheSeedsKerasDrawsAfterSetRandomSeed() {
    // keras.utils.set_random_seed(5); [Resizing(3, 3), RandomCrop(2, 2), CenterCrop(2, 2), RandomPerspective()]:
    // the generators' states in Keras 3.15.1 are [274281999, 0] and [796487719, 0] (RandomCrop draws twice and
    // seeds its stream with the second draw; Resizing and CenterCrop draw nothing)
    LayerSpec spec = LayerSpec.parse("[{\"class_name\": \"Resizing\", \"config\": {\"height\": 3, \"width\": 3}}, "
        + "{\"class_name\": \"RandomCrop\", \"config\": {\"height\": 2, \"width\": 2, \"seed\": null}}, "
        + "{\"class_name\": \"CenterCrop\", \"config\": {\"height\": 2, \"width\": 2}}, "
        + "{\"class_name\": \"RandomPerspective\", \"config\": {\"seed\": null}}]", null, 5L);
    java.util.List<AugmentationLayer> layers = spec.pipeline().layers();
    assertThat(((RandomCrop) layers.get(1)).seed()).isEqualTo(274281999L);
    assertThat(((RandomPerspective) layers.get(3)).seed()).isEqualTo(796487719L);
    assertThat(((Resizing) layers.get(0)).seed()).isZero();
  }

  @Test
  void badConfigsAreRejectedNamingTheKey() {
    assertThat(LayerSpec.supportedClassNames()).contains("Resizing", "CenterCrop", "RandomCrop",
        "RandomPerspective");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"Resizing\", \"config\": {\"height\": 4, "
        + "\"width\": 5, \"interpolation\": \"gaussian\"}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resizing config key 'interpolation': interpolation must be one of");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"Resizing\", \"config\": {\"height\": 4, "
        + "\"width\": 5, \"antialias\": 1}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resizing config key 'antialias'");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"Resizing\", \"config\": {\"height\": 4, "
        + "\"width\": 5, \"fill_mode\": \"reflect\"}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resizing config key 'fill_mode'");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"CenterCrop\", \"config\": {\"height\": 4}}]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'width' is required");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomCrop\", \"config\": {\"height\": 0, "
        + "\"width\": 3, \"seed\": 1}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RandomCrop config key 'height' must be a positive integer but was 0");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"CenterCrop\", \"config\": {\"height\": 4, "
        + "\"width\": 3, \"seed\": 1}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unrecognized keyword arguments passed to CenterCrop: {'seed': 1}");
    assertThatThrownBy(() -> LayerSpec.parse("[{\"class_name\": \"RandomPerspective\", \"config\": "
        + "{\"interpolation\": \"bicubic\", \"seed\": 1}}]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown `interpolation` bicubic");
  }
}
