package dev.tuna.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AugmentationPreviewTest {
  @TempDir
  Path tmp;

  @Test
  void runExample_drawsEightDistinctAugmentations_reproducibly() throws Exception {
    AugmentationPreview.Result a = AugmentationPreview.runExample(tmp.resolve("a").toString());
    AugmentationPreview.Result b = AugmentationPreview.runExample(tmp.resolve("b").toString());

    assertThat(a.samples()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      Image s = a.samples().get(i).image();
      assertThat(s.shape()).containsExactly(a.original().shape());
      assertThat(meanAbsDiff(s, a.original())).as("sample %d changes the pixels", i).isGreaterThan(5);
      assertThat(s.data()).as("same seed, same pixels").containsExactly(b.samples().get(i).image().data());
      assertThat(Math.abs(a.samples().get(i).params().theta())).isLessThanOrEqualTo(30);
    }
    assertThat(meanAbsDiff(a.samples().get(0).image(), a.samples().get(1).image())).isGreaterThan(5);
    BufferedImage grid = ImageIO.read(a.grid().toFile());
    assertThat(grid.getWidth()).isGreaterThan(3 * a.original().width());
    assertThat(grid.getHeight()).isGreaterThan(3 * a.original().height());
  }

  private static double meanAbsDiff(Image x, Image y) {
    double sum = 0;
    for (int i = 0; i < x.data().length; i++) {
      sum += Math.abs(x.data()[i] - y.data()[i]);
    }
    return sum / x.data().length;
  }
}
