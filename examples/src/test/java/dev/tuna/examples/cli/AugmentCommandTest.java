package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AugmentCommandTest {
  static final Path PHOTO = Path.of("src/main/resources/dev/tuna/examples/demo/chelsea.png");

  @TempDir
  Path tmp;

  @Test
  void augment_writesCopiesAndPreview_reproducibly() throws Exception {
    CliRun a = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.resolve("a").toString(),
        "--count", "4", "--seed", "7", "--rotation-range", "30", "--zoom-range", "0.2", "--horizontal-flip");
    CliRun b = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.resolve("b").toString(),
        "--count", "4", "--seed", "7", "--rotation-range", "30", "--zoom-range", "0.2", "--horizontal-flip");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(a.out()).contains("Wrote 4 augmented images").contains("preview.png");
    BufferedImage original = ImageIO.read(PHOTO.toFile());
    for (int i = 0; i < 4; i++) {
      Path file = tmp.resolve("a").resolve(String.format("augmented_%03d.png", i));
      BufferedImage img = ImageIO.read(file.toFile());
      assertThat(img.getWidth()).isEqualTo(original.getWidth());
      assertThat(img.getHeight()).isEqualTo(original.getHeight());
      assertThat(Files.readAllBytes(file)).as("same seed, same file")
          .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(file.getFileName())));
      assertThat(differingPixels(img, original)).as("copy %d is transformed", i).isGreaterThan(1000);
    }
    assertThat(ImageIO.read(tmp.resolve("a/preview.png").toFile()).getWidth()).isGreaterThan(2 * original.getWidth());
  }

  @Test
  void augment_noOptions_copiesUnchanged() throws Exception {
    CliRun run = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.toString(), "--count", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(differingPixels(ImageIO.read(tmp.resolve("augmented_000.png").toFile()), ImageIO.read(PHOTO.toFile())))
        .isZero();
  }

  @Test
  void augment_missingInput_namesTheFile() {
    CliRun run = CliRun.of("augment", "--input", tmp.resolve("nope.jpg").toString(), "--output", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--input").contains("nope.jpg");
  }

  @Test
  void augment_badCount_namesOption() {
    CliRun run = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.toString(), "--count", "0");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--count must be in [1, 1000] but was 0");
  }

  @Test
  void augment_badZoom_namesOption() {
    CliRun run = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.toString(), "--zoom-range",
        "lots");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--zoom-range must be a number but was lots");
  }

  @Test
  void augment_unknownOption_isAUsageError() {
    CliRun run = CliRun.of("augment", "--input", PHOTO.toString(), "--output", tmp.toString(), "--rotate", "3");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option");
  }

  @Test
  void augment_help_listsGeneratorOptions() {
    CliRun run = CliRun.of("augment", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--rotation-range").contains("--fill-mode").contains("--count").contains("--seed");
  }

  static int differingPixels(BufferedImage x, BufferedImage y) {
    int n = 0;
    for (int r = 0; r < x.getHeight(); r++) {
      for (int c = 0; c < x.getWidth(); c++) {
        if (x.getRGB(c, r) != y.getRGB(c, r)) {
          n++;
        }
      }
    }
    return n;
  }
}
