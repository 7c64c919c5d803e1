package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowFromDataframe} over a CSV that lists the directory fixture's files in Keras' directory order. Keras'
 * DataFrameIterator and DirectoryIterator share their batch code, so with the same files, order, classes and seed
 * Keras yields the batches recorded for {@code flow_from_directory} (fixture: gen_augment.py, directory/).
 */
final class DataframeGoldenTest {
  @TempDir
  Path tmp;

  private Path csv(JsonObject c) throws IOException {
    StringBuilder sb = new StringBuilder("filename,class\n");
    List<String> files = KerasConfig.strings(c.getAsJsonArray("filenames"));
    for (String f : files) {
      sb.append('"').append(f).append("\",").append(f.substring(0, f.indexOf('/'))).append('\n');
    }
    Path p = tmp.resolve("df.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  @Test
  void flowFromDataframe_lectureAugmentation_matchesKerasBatches() throws IOException {
    JsonObject c = Fixtures.json("directory/cases.json").getAsJsonArray("cases").get(1).getAsJsonObject();
    ImageDataGenerator gen = KerasConfig.builder(c.getAsJsonObject("generator"), c.getAsJsonObject("python_types"))
        .build();
    try (DirectoryIterator it = gen.flowFromDataframe(csv(c)).directory(Fixtures.path("directory/tree"))
        .targetSize(20, 24).batchSize(4).seed(3).build()) {
      assertThat(it.filenames()).containsExactlyElementsOf(KerasConfig.strings(c.getAsJsonArray("filenames")));
      int call = 0;
      for (JsonElement e : c.getAsJsonArray("calls")) {
        JsonObject op = e.getAsJsonObject();
        op.addProperty("dir", "directory/");
        FlowGoldenTest.check("call " + call++, it.nextBatch(), op, 1e-3 / 255);
      }
    }
  }

  @Test
  void flowFromDataframe_missingColumn_namesIt() throws IOException {
    Path p = tmp.resolve("bad.csv");
    Files.writeString(p, "file,label\na.png,x\n");
    assertThatThrownBy(() -> ImageDataGenerator.builder().build().flowFromDataframe(p).build())
        .hasMessageContaining("filename");
  }
}
