package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.internal.PythonRandom;
import dev.tuna.core.io.NpyArray;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pipelines read from the specs real Keras writes ({@code json.dump([{"class_name", "config": get_config()}])},
 * fixture layers/specs.json, gen_layer_specs.py) give Keras' outputs for those specs: every case of layers.json and
 * geometry.json, whose stored outputs the generator checked against Keras rebuilt from the spec.
 */
final class LayerSpecGoldenTest {
  private static final System.Logger LOG = System.getLogger(LayerSpecGoldenTest.class.getName());

  @ParameterizedTest
  @ValueSource(strings = {"layers.json", "geometry.json"})
  void specsGiveKerasOutputs(String fixture) {
    JsonObject specs = LayerFixtures.json("specs.json").getAsJsonObject("specs");
    double maxDiff = 0;
    int checked = 0;
    int calls = 0;
    java.util.Set<String> classes = new java.util.TreeSet<>();
    for (JsonElement e : LayerFixtures.json(fixture).getAsJsonArray("cases")) {
      JsonObject kase = e.getAsJsonObject();
      String id = kase.get("id").getAsString();
      for (String sid : new String[] {id, id + "_nested"}) {
        if (!specs.has(sid)) {
          assertThat(sid).as("every case has a spec").endsWith("_nested");
          continue;
        }
        Pipeline pipeline = LayerSpec.parse(specs.get(sid).toString()).pipeline();
        pipeline.layers().forEach(l -> classes.add(l.className()));
        LayerBatch batch = LayerGoldenTest.input(kase);
        float scale = kase.get("scale").getAsFloat();
        for (JsonElement ce : kase.getAsJsonArray("calls")) {
          JsonObject call = ce.getAsJsonObject();
          calls++;
          LayerBatch out = pipeline.apply(batch, call.get("training").getAsBoolean());
          NpyArray want = LayerFixtures.npy(call.get("images").getAsString());
          double d = LayerGoldenTest.maxAbsDiff(out.images(), want.floats()) / scale;
          if (call.has("labels")) {
            d = Math.max(d, 255 * LayerGoldenTest.maxAbsDiff(out.labels(),
                LayerFixtures.npy(call.get("labels").getAsString()).floats()));
          }
          if (call.has("masks")) {
            d = Math.max(d, LayerGoldenTest.maxAbsDiff(out.masks(),
                LayerFixtures.npy(call.get("masks").getAsString()).floats()));
          }
          if (call.has("boxes")) {
            assertThat(out.boxes().labels()).as(sid + " box labels")
                .containsExactly(LayerFixtures.ints(call.getAsJsonArray("box_labels")));
            d = Math.max(d, LayerGoldenTest.maxAbsDiff(out.boxes().boxes(),
                LayerFixtures.floats(call.getAsJsonArray("boxes"))));
          }
          assertThat(d).as(sid + " max |diff| (0-255 scale)").isLessThanOrEqualTo(LayerGoldenTest.TOLERANCE_255);
          maxDiff = Math.max(maxDiff, d);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(25);
    LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
        "%s: %d specs (%s), %d calls, max |diff| %.3g on the 0-255 scale", fixture, checked, classes, calls,
        maxDiff));
  }

  @Test
  void everyLayerHasASpecFromKeras() {
    java.util.Set<String> classes = new java.util.TreeSet<>();
    for (Map.Entry<String, JsonElement> e : LayerFixtures.json("specs.json").getAsJsonObject("specs").entrySet()) {
      for (JsonElement layer : e.getValue().getAsJsonArray()) {
        classes.add(layer.getAsJsonObject().get("class_name").getAsString());
      }
    }
    assertThat(classes).containsExactlyInAnyOrder("CutMix", "MixUp", "Pipeline", "RandomBrightness",
        "RandomColorJitter", "RandomContrast", "RandomErasing", "RandomFlip", "RandomGrayscale", "RandomHue",
        "RandomRotation", "RandomSaturation", "RandomShear", "RandomTranslation", "RandomZoom", "Rescaling");
  }

  /** Layers without a seed after keras.utils.set_random_seed(S) get the seeds Keras draws for them. */
  @Test
  void globalSeedGivesKerasDefaultSeeds() {
    int cases = 0;
    for (JsonElement e : LayerFixtures.json("specs.json").getAsJsonArray("global_seed")) {
      JsonObject c = e.getAsJsonObject();
      long seed = c.get("global_seed").getAsLong();
      PythonRandom random = new PythonRandom(seed);
      for (JsonElement v : c.getAsJsonArray("randint")) {
        assertThat(random.kerasDefaultSeed()).as("randint after random.seed(%d)", seed).isEqualTo(v.getAsLong());
      }
      LayerSpec spec = LayerSpec.parse(c.get("spec").toString(), null, seed);
      java.util.List<Long> seeds = new java.util.ArrayList<>();
      collectSeeds(spec.pipeline(), seeds);
      java.util.List<Long> want = new java.util.ArrayList<>();
      c.getAsJsonArray("layer_seeds").forEach(v -> want.add(v.getAsLong()));
      assertThat(seeds).as("layer seeds after set_random_seed(%d)", seed).isEqualTo(want);
      assertThat(spec.drawnSeeds()).isEmpty();
      cases++;
    }
    assertThat(cases).isEqualTo(5);
    assertThatThrownBy(() -> LayerSpec.parse("[]", null, 1L << 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Seed must be between 0 and 2**32 - 1");
  }

  private static void collectSeeds(Pipeline p, java.util.List<Long> out) {
    for (AugmentationLayer l : p.layers()) {
      if (l instanceof Pipeline nested) {
        collectSeeds(nested, out);
      } else if (l instanceof BaseLayer<?> b) {
        out.add(b.seed());
      }
    }
  }

  @Test
  void configsKerasRejectsAreRejectedWithKerasMessage() {
    JsonObject rejected = LayerFixtures.json("specs.json").getAsJsonObject("rejected");
    assertThat(rejected.size()).isGreaterThan(0);
    for (Map.Entry<String, JsonElement> e : rejected.entrySet()) {
      JsonObject r = e.getValue().getAsJsonObject();
      assertThatThrownBy(() -> LayerSpec.parse(r.get("spec").toString())).as(e.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith(r.get("message").getAsString());
    }
  }
}
