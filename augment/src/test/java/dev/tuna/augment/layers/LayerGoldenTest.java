package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.io.NpyArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every layer against real Keras 3.15.1 (TF backend) over several seeds, batch sizes, non-square sizes, value
 * ranges, targets and consecutive calls of the same layer object (fixture: layers/layers.json, gen_layers.py).
 */
final class LayerGoldenTest {
  private static final System.Logger LOG = System.getLogger(LayerGoldenTest.class.getName());
  /** The goal: max |diff| on the 0-255 scale. */
  static final double TOLERANCE_255 = 1e-3;

  @ParameterizedTest
  @ValueSource(strings = {"RandomFlip", "RandomBrightness", "RandomContrast", "RandomGrayscale", "RandomErasing",
      "MixUp", "CutMix", "RandomHue", "RandomSaturation",
      "RandomColorJitter", "Pipeline"})
  void matchesKeras(String className) {
    check(className, "layers.json");
  }

  /** The geometric layers (fixture: layers/geometry.json, gen_layers_geometry.py). */
  @ParameterizedTest
  @ValueSource(strings = {"RandomRotation", "RandomTranslation", "RandomZoom", "RandomShear", "Rescaling"})
  void geometricLayersMatchKeras(String className) {
    check(className, "geometry.json");
  }

  /** The size-changing layers and RandomPerspective (fixture: layers/resize.json, gen_layers_resize.py). */
  @ParameterizedTest
  @ValueSource(strings = {"Resizing", "CenterCrop", "RandomCrop", "RandomPerspective", "Pipeline"})
  void sizeChangingLayersMatchKeras(String className) {
    check(className, "resize.json");
  }

  private static void check(String className, String file) {
    JsonObject fixture = LayerFixtures.json(file);
    double maxDiff = 0;
    int cases = 0;
    int calls = 0;
    for (JsonElement e : fixture.getAsJsonArray("cases")) {
      JsonObject kase = e.getAsJsonObject();
      if (!kase.get("class").getAsString().equals(className)) {
        continue;
      }
      cases++;
      String id = kase.get("id").getAsString();
      AugmentationLayer layer = KerasLayers.of(className, kase.getAsJsonObject("config"));
      LayerBatch batch = input(kase);
      float scale = kase.get("scale").getAsFloat();
      for (JsonElement ce : kase.getAsJsonArray("calls")) {
        JsonObject call = ce.getAsJsonObject();
        calls++;
        LayerBatch out = layer.apply(batch, call.get("training").getAsBoolean());
        NpyArray want = LayerFixtures.npy(call.get("images").getAsString());
        assertThat(out.images()).as(id + " image size").hasSize(want.size());
        maxDiff = Math.max(maxDiff, maxAbsDiff(out.images(), want.floats()) / scale);
        if (call.has("labels")) {
          maxDiff = Math.max(maxDiff, 255 * maxAbsDiff(out.labels(),
              LayerFixtures.npy(call.get("labels").getAsString()).floats()));
        }
        if (call.has("masks")) {
          NpyArray m = LayerFixtures.npy(call.get("masks").getAsString());
          assertThat(out.masks()).as(id + " mask size").hasSize(m.size());
          maxDiff = Math.max(maxDiff, maxAbsDiff(out.masks(), m.floats()));
        }
        if (call.has("boxes")) {
          assertThat(out.boxes().labels()).as(id + " box labels")
              .containsExactly(LayerFixtures.ints(call.getAsJsonArray("box_labels")));
          maxDiff = Math.max(maxDiff, maxAbsDiff(out.boxes().boxes(),
              LayerFixtures.floats(call.getAsJsonArray("boxes"))));
        }
        assertThat(maxDiff).as(id + " call " + calls + " max |diff| (0-255 scale)").isLessThanOrEqualTo(TOLERANCE_255);
      }
    }
    assertThat(cases).as("fixture cases for " + className).isGreaterThan(0);
    LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
        "%s: %d cases, %d calls, max |diff| %.3g on the 0-255 scale", className, cases, calls, maxDiff));
  }

  static LayerBatch input(JsonObject kase) {
    String name = kase.get("input").getAsString();
    NpyArray x = LayerFixtures.npy("inputs/" + name + ".npy");
    int[] s = x.shape();
    float scale = kase.get("scale").getAsFloat();
    float[] images = x.floats();
    for (int i = 0; i < images.length; i++) {
      images[i] *= scale;
    }
    JsonObject config = kase.getAsJsonObject("config");
    boolean cf = config.has("data_format") && config.get("data_format").getAsString().equals("channels_first");
    LayerBatch b = cf ? LayerBatch.ofChannelsFirst(LayerBatch.transpose(images, s[1] * s[2], s[3]), s[0], s[3], s[1],
        s[2]) : LayerBatch.of(images, s[0], s[1], s[2], s[3]);
    List<String> targets = new ArrayList<>();
    kase.getAsJsonArray("targets").forEach(t -> targets.add(t.getAsString()));
    if (targets.contains("labels")) {
      float[] labels = new float[s[0] * (s[0] >= 3 ? 3 : s[0])]; // np.eye(N, 3), or eye(2) for N = 2
      int k = s[0] >= 3 ? 3 : s[0];
      for (int i = 0; i < s[0]; i++) {
        if (i < k) {
          labels[i * k + i] = 1;
        }
      }
      b = b.withLabels(labels, k);
    }
    if (targets.contains("masks")) {
      float[] masks = LayerFixtures.npy("inputs/" + name + "_masks.npy").floats();
      b = b.withMasks(cf ? LayerBatch.transpose(masks, s[1] * s[2], 1) : masks, 1);
    }
    if (targets.contains("boxes")) {
      float[] boxes = LayerFixtures.floats(kase.getAsJsonArray("boxes_in"));
      int[] labels = LayerFixtures.ints(kase.getAsJsonArray("box_labels_in"));
      b = b.withBoxes(BoundingBoxes.of(s[0], labels.length / s[0], boxes, labels));
    }
    return b;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      if (Double.isNaN(d)) {
        d = Float.isNaN(a[i]) && Float.isNaN(b[i]) ? 0 : Double.POSITIVE_INFINITY;
      }
      m = Math.max(m, d);
    }
    return m;
  }
}
