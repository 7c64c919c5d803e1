package dev.tuna.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.layers.Interpolation;
import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SegmentationAugmentationTest {
  @TempDir
  Path tmp;

  @Test
  void nearestImage_maskEqualsTheThresholdedAugmentedImage_everywhere() throws Exception {
    Image photo = SegmentationAugmentation.runExample(tmp.resolve("photo").toString()).image();
    Image mask = SegmentationAugmentation.threshold(photo);
    SegmentationAugmentation.Result r =
        SegmentationAugmentation.run(photo, mask, 42, Interpolation.NEAREST, tmp.resolve("nearest.png"));

    assertThat(r.images()).hasSize(SegmentationAugmentation.DRAWS);
    int moved = 0;
    for (int i = 0; i < SegmentationAugmentation.DRAWS; i++) {
      Image expected = SegmentationAugmentation.threshold(r.images().get(i));
      assertThat(r.masks().get(i).data()).as("draw %d: the mask moved with the image", i)
          .containsExactly(expected.data());
      if (fractionDifferent(r.masks().get(i), mask) > 0.05) {
        moved++;
      }
    }
    assertThat(moved).as("draws that move the mask").isGreaterThanOrEqualTo(SegmentationAugmentation.DRAWS - 1);
  }

  @Test
  void runExample_writesImageAndMaskSideBySide_reproducibly() throws Exception {
    SegmentationAugmentation.Result a = SegmentationAugmentation.runExample(tmp.resolve("a").toString());
    SegmentationAugmentation.Result b = SegmentationAugmentation.runExample(tmp.resolve("b").toString());
    for (int i = 0; i < SegmentationAugmentation.DRAWS; i++) {
      assertThat(a.images().get(i).data()).containsExactly(b.images().get(i).data());
      assertThat(a.masks().get(i).data()).containsExactly(b.masks().get(i).data());
      for (float v : a.masks().get(i).data()) {
        assertThat(v).isIn(0f, 1f);
      }
    }
    BufferedImage png = ImageIO.read(a.png().toFile());
    assertThat(png.getWidth()).isGreaterThan(2 * a.image().width()).isLessThan(3 * a.image().width());
    assertThat(png.getHeight()).isGreaterThan(SegmentationAugmentation.DRAWS * a.image().height());
  }

  private static double fractionDifferent(Image x, Image y) {
    int n = 0;
    for (int i = 0; i < x.data().length; i++) {
      if (x.data()[i] != y.data()[i]) {
        n++;
      }
    }
    return (double) n / x.data().length;
  }
}
