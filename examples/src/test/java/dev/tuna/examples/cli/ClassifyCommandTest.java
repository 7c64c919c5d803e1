package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.examples.TrainedDemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClassifyCommandTest {
  @TempDir
  Path tmp;

  @Test
  void classify_json_heldOutImagesAboveFloor() {
    List<Path> images = TrainedDemoModel.testImages();
    List<String> args = new ArrayList<>(List.of("classify", "--json", "--model",
        TrainedDemoModel.get().bestModel().toString()));
    images.forEach(p -> args.add(p.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonArray results = JsonParser.parseString(run.out()).getAsJsonArray();
    assertThat(results).hasSize(images.size());
    int correct = 0;
    for (JsonElement e : results) {
      JsonObject o = e.getAsJsonObject();
      JsonObject p = o.getAsJsonObject("probabilities");
      assertThat(p.keySet()).containsExactly("ankle_boot", "sandal");
      assertThat(p.get("ankle_boot").getAsDouble() + p.get("sandal").getAsDouble()).isCloseTo(1.0,
          org.assertj.core.data.Offset.offset(1e-5));
      String truth = Path.of(o.get("file").getAsString()).getParent().getFileName().toString();
      if (o.get("class").getAsString().equals(truth)) {
        correct++;
      }
    }
    assertThat(correct).as("correct of 40 (measured 37, chance 20)").isGreaterThanOrEqualTo(32);
  }

  @Test
  void classify_missingImage_namesIt() {
    CliRun run = CliRun.of("classify", "--model", TrainedDemoModel.get().bestModel().toString(),
        tmp.resolve("dog.jpg").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("image").contains("dog.jpg").contains("does not exist");
  }

  @Test
  void classify_backboneInsteadOfClassifier_isRejected() throws Exception {
    Path png = Files.copy(AugmentCommandTest.PHOTO, tmp.resolve("cat.png"));
    CliRun run = CliRun.of("classify", "--model", tmp.toString(), png.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no saved_model.pb in " + tmp);
  }

  @Test
  void classify_withoutImages_isAUsageError() {
    CliRun run = CliRun.of("classify", "--model", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("IMAGE");
  }
}
