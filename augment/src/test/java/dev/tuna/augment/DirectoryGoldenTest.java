package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.data.ClassMode;
import dev.tuna.core.data.Subset;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.Interpolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded {@code flowFromDirectory} against Keras' DirectoryIterator on a tree of PNG, JPEG and BMP files in
 * RGB, grayscale, RGBA and palette modes: class discovery, file order, subsets, labels for every class mode, and
 * the batches of sequential and random access (fixture: gen_augment.py, directory/).
 */
final class DirectoryGoldenTest {
  static Stream<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json("directory/cases.json").getAsJsonArray("cases")) {
      out.add(e.getAsJsonObject());
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void flowFromDirectory_matchesKeras(JsonObject c) {
    String label = c.get("label").getAsString();
    ImageDataGenerator gen = KerasConfig.builder(c.getAsJsonObject("generator"), c.getAsJsonObject("python_types"))
        .build();
    JsonObject f = c.getAsJsonObject("flow_from_directory");
    Path tree = Fixtures.path("directory/" + c.get("directory").getAsString());
    DirectoryIterator.DirectoryFlow b = gen.flowFromDirectory(tree).workers(1);
    b.targetSize(f.getAsJsonArray("target_size").get(0).getAsInt(),
        f.getAsJsonArray("target_size").get(1).getAsInt());
    if (f.has("batch_size")) {
      b.batchSize(f.get("batch_size").getAsInt());
    }
    if (f.has("shuffle")) {
      b.shuffle(f.get("shuffle").getAsBoolean());
    }
    if (f.has("seed")) {
      b.seed(f.get("seed").getAsLong());
    }
    if (f.has("class_mode")) {
      b.classMode(f.get("class_mode").isJsonNull() ? ClassMode.NONE : ClassMode.parse(f.get("class_mode")
          .getAsString()));
    }
    if (f.has("color_mode")) {
      b.colorMode(ColorMode.parse(f.get("color_mode").getAsString()));
    }
    if (f.has("interpolation")) {
      b.interpolation(Interpolation.parse(f.get("interpolation").getAsString()));
    }
    if (f.has("keep_aspect_ratio")) {
      b.keepAspectRatio(f.get("keep_aspect_ratio").getAsBoolean());
    }
    if (f.has("subset")) {
      b.subset(Subset.parse(f.get("subset").getAsString()));
    }
    if (f.has("classes")) {
      b.classes(KerasConfig.strings(f.getAsJsonArray("classes")));
    }
    double tolerance = 1e-3 * (gen.rescale() != 0 ? gen.rescale() : 1);
    try (DirectoryIterator it = b.build()) {
      Map<String, Integer> indices = new LinkedHashMap<>();
      c.getAsJsonObject("class_indices").entrySet().forEach(e -> indices.put(e.getKey(), e.getValue().getAsInt()));
      assertThat(it.classIndices()).as(label).isEqualTo(indices);
      assertThat(it.classIndices().keySet()).as(label + " index order")
          .containsExactlyElementsOf(KerasConfig.strings(c.getAsJsonArray("class_names")));
      assertThat(it.filenames()).as(label).containsExactlyElementsOf(KerasConfig.strings(c.getAsJsonArray(
          "filenames")));
      assertThat(it.classes()).as(label).containsExactly(FlowGoldenTest.ints(c.get("classes")));
      assertThat(it.size()).as(label).isEqualTo(c.get("samples").getAsInt());
      assertThat(it.batchCount()).as(label).isEqualTo(c.get("len").getAsInt());
      int call = 0;
      for (JsonElement ce : c.getAsJsonArray("calls")) {
        JsonObject op = ce.getAsJsonObject();
        op.addProperty("dir", "directory/");
        String what = label + " call " + call++;
        switch (op.get("op").getAsString()) {
          case "on_epoch_end" -> it.onEpochEnd();
          case "next" -> FlowGoldenTest.check(what, it.nextBatch(), op, tolerance);
          case "getitem" -> FlowGoldenTest.check(what, it.get(op.get("idx").getAsInt()), op, tolerance);
          default -> throw new IllegalStateException(op.toString());
        }
      }
    }
  }
}
