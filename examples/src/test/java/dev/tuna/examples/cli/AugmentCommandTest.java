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
  void augment_precision_exactAndFloat32_differAtMostByRounding_badValueNamed() throws Exception {
    String[] common = {"augment", "--input", PHOTO.toString(), "--count", "2", "--seed", "3", "--rotation-range",
        "30", "--zoom-range", "0.2"};
    CliRun exact = CliRun.of(concat(common, "--output", tmp.resolve("exact").toString(), "--precision", "exact"));
    CliRun f32 = CliRun.of(concat(common, "--output", tmp.resolve("f32").toString(), "--precision", "FLOAT32"));
    assertThat(exact.exitCode()).as(exact.err()).isZero();
    assertThat(f32.exitCode()).as(f32.err()).isZero();
    for (int i = 0; i < 2; i++) {
      String name = String.format("augmented_%03d.png", i);
      BufferedImage a = ImageIO.read(tmp.resolve("exact").resolve(name).toFile());
      BufferedImage b = ImageIO.read(tmp.resolve("f32").resolve(name).toFile());
      // 8-bit files: a value within 2e-4 of the exact one rounds to the same grey level or its neighbour
      for (int y = 0; y < a.getHeight(); y++) {
        for (int x = 0; x < a.getWidth(); x++) {
          for (int shift = 0; shift < 24; shift += 8) {
            int d = Math.abs(((a.getRGB(x, y) >> shift) & 0xFF) - ((b.getRGB(x, y) >> shift) & 0xFF));
            assertThat(d).as("%s pixel (%d, %d)", name, x, y).isLessThanOrEqualTo(1);
          }
        }
      }
    }
    CliRun bad = CliRun.of(concat(common, "--output", tmp.resolve("bad").toString(), "--precision", "half"));
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("--precision must be float32 or exact but was half");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
