package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.augment.layers.AugmentationLayer;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.examples.internal.DemoResources;
import dev.tuna.examples.internal.Previews;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DemoCommandTest {
  @TempDir
  Path tmp;

  @Test
  void demo_shortRun_writesEveryArtefactAndSaysWhere() throws Exception {
    CliRun run = CliRun.of("demo", "--output", tmp.toString(), "--epochs", "2", "--contrast", "false");
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String slide : List.of("1-flips", "2-rotation", "3-zoom", "4-shift", "5-shear", "6-lecture",
        "7-fill-modes", "8-colour", "9-brightness-contrast", "10-cutout", "11-mixup")) {
      Path png = tmp.resolve("augmentation/" + slide + ".png");
      assertThat(png).isRegularFile();
      assertThat(run.out()).contains(png.toString());
    }
    for (String f : List.of("model/saved_model.pb", "history.json", "history.csv", "loss.png", "accuracy.png")) {
      assertThat(tmp.resolve("finetune/" + f)).isRegularFile();
    }
    assertThat(run.out()).contains("== (c) Classifying").contains("sandal_07.png: ").contains("wall time");
    JsonObject summary = JsonParser.parseString(Files.readString(tmp.resolve("demo-summary.json")))
        .getAsJsonObject();
    double accuracy = summary.getAsJsonObject("pretrained").get("best_val_accuracy").getAsDouble();
    assertThat(accuracy).isBetween(0.0, 1.0);
    assertThat(summary.has("random_backbone")).isFalse();
  }

  @Test
  void otherMethodSlides_areGridsOfChangedCopies_identicalForTheSameSeed() throws Exception {
    Path data = DemoResources.extractTo(tmp.resolve("embedded"));
    Image photo = ImageLoader.builder().colorMode(ColorMode.RGB).build().load(data.resolve("chelsea.png"));
    Map<String, Path> a = Previews.lectureSlides(photo, tmp.resolve("a"), 7);
    Map<String, Path> b = Previews.lectureSlides(photo, tmp.resolve("b"), 7);
    Map<String, Path> c = Previews.lectureSlides(photo, tmp.resolve("c"), 8);
    BufferedImage flips = ImageIO.read(a.get("flips").toFile());
    int number = 8;
    for (String slide : List.of("colour", "brightness-contrast", "cutout", "mixup")) {
      Path png = a.get(slide);
      assertThat(png).isRegularFile().hasFileName(number++ + "-" + slide + ".png");
      BufferedImage grid = ImageIO.read(png.toFile());
      assertThat(grid.getWidth()).as(slide).isEqualTo(flips.getWidth()).isGreaterThan(3 * photo.width());
      assertThat(grid.getHeight()).as(slide).isEqualTo(flips.getHeight()).isGreaterThan(3 * photo.height());
      assertThat(Files.readAllBytes(png)).as(slide + ", same seed").isEqualTo(Files.readAllBytes(b.get(slide)));
      assertThat(Files.readAllBytes(png)).as(slide + ", other seed").isNotEqualTo(Files.readAllBytes(c.get(slide)));
    }
    for (Map.Entry<String, Map.Entry<String, AugmentationLayer>> e : Previews.otherMethods(7).entrySet()) {
      List<Image> first = Previews.layerSamples(e.getValue().getValue(), photo, 8);
      List<Image> again = Previews.layerSamples(Previews.otherMethods(7).get(e.getKey()).getValue(), photo, 8);
      assertThat(first).hasSize(8);
      for (int i = 0; i < 8; i++) {
        assertThat(first.get(i).shape()).containsExactly(photo.shape());
        assertThat(meanAbsDiff(first.get(i), photo)).as("%s draw %d changes the photo", e.getKey(), i)
            .isGreaterThan(1);
        assertThat(first.get(i).data()).as("same seed").containsExactly(again.get(i).data());
      }
      assertThat(meanAbsDiff(first.get(0), first.get(1))).as("%s draws differ", e.getKey()).isGreaterThan(1);
    }
  }

  private static double meanAbsDiff(Image x, Image y) {
    double sum = 0;
    for (int i = 0; i < x.data().length; i++) {
      sum += Math.abs(x.data()[i] - y.data()[i]);
    }
    return sum / x.data().length;
  }

  @Test
  void demo_fileAsOutput_isRejected() throws Exception {
    Path file = Files.writeString(tmp.resolve("out.txt"), "x");
    CliRun run = CliRun.of("demo", "--output", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--output").contains("out.txt").contains("is not a directory");
  }

  @Test
  void demo_help_describesTheThreeParts() {
    CliRun run = CliRun.of("demo", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("(a) augmentation").contains("(b) fine-tuning").contains("(c) classification");
  }
}
