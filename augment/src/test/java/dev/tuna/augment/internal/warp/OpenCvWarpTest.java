package dev.tuna.augment.internal.warp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.WarpBackend;
import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The opt-in OpenCV backend and its documented differences from the Keras-exact kernel, on a smooth 64×64×3
 * image with a sharp-edged square: close in the interior for every mode, but not equal (1/32-pixel coordinate
 * rounding); constant and wrap differ at the borders (blended edge, period n instead of n−1).
 */
final class OpenCvWarpTest {
  private static final int H = 64;
  private static final int W = 64;

  private static float[] image() {
    float[] d = new float[H * W * 3];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int c = 0; c < 3; c++) {
          double v = 128 + 60 * Math.sin(0.11 * x + 0.07 * y + c) + 40 * Math.cos(0.05 * x - 0.13 * y);
          if (y >= 20 && y < 36 && x >= 24 && x < 40) {
            v = 40 * c;
          }
          d[(y * W + x) * 3 + c] = (float) Math.rint(v);
        }
      }
    }
    return d;
  }

  private static double[] diff(FillMode mode, int order, boolean interiorOnly) {
    float[] src = image();
    AffineMatrix m = AffineMatrix.of(20, 4, -3, 8, 1.1, 0.9, H, W, false);
    float[] exact = new float[src.length];
    float[] cv = new float[src.length];
    AffineWarp.warp(src, exact, H, W, 3, m, mode, 0, order);
    OpenCvWarp.warp(src, cv, H, W, 3, m, mode, 0, order);
    double max = 0;
    double sum = 0;
    int n = 0;
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        double y = m.rowIn(r, c);
        double x = m.colIn(r, c);
        if (interiorOnly && !(y >= 1 && y <= H - 2 && x >= 1 && x <= W - 2)) {
          continue;
        }
        for (int ch = 0; ch < 3; ch++) {
          int i = (r * W + c) * 3 + ch;
          double d = Math.abs(exact[i] - cv[i]);
          max = Math.max(max, d);
          sum += d;
          n++;
        }
      }
    }
    return new double[] {max, sum / n};
  }

  @ParameterizedTest
  @EnumSource(FillMode.class)
  void interior_closeButNotExact(FillMode mode) {
    double[] d = diff(mode, 1, true);
    assertThat(d[0]).as("max |diff| inside, %s", mode).isGreaterThan(0).isLessThan(6);
    assertThat(d[1]).as("mean |diff| inside, %s", mode).isLessThan(0.2);
  }

  @Test
  void nearest_wholeImageClose() {
    double[] d = diff(FillMode.NEAREST, 1, false);
    assertThat(d[0]).isLessThan(6);
    assertThat(d[1]).isLessThan(0.2);
  }

  @Test
  void constantAndWrap_differAtBorders() {
    assertThat(diff(FillMode.CONSTANT, 1, false)[0]).as("constant: blended vs hard edge").isGreaterThan(20);
    assertThat(diff(FillMode.WRAP, 1, false)[0]).as("wrap: period n vs n-1").isGreaterThan(20);
  }

  @Test
  void order0_mostlyEqual() {
    double[] d = diff(FillMode.NEAREST, 0, true);
    assertThat(d[1]).isLessThan(1);
  }

  @Test
  void generator_opencvBackend_isOptInAndApproximate() {
    assertThat(ImageDataGenerator.builder().build().warpBackend()).isEqualTo(WarpBackend.KERAS_EXACT)
        .isEqualTo(ImageDataGenerator.DEFAULT_WARP_BACKEND);
    ImageDataGenerator exact = ImageDataGenerator.builder().rotationRange(30).zoomRange(0.2).horizontalFlip(true)
        .build();
    ImageDataGenerator cv = exact.newBuilder().warpBackend(WarpBackend.OPENCV).build();
    assertThat(cv.warpBackend()).isEqualTo(WarpBackend.OPENCV);
    Image x = Image.wrap(H, W, 3, image());
    Image a = exact.randomTransform(x, new NumpyRandom(3));
    Image b = cv.randomTransform(x, new NumpyRandom(3));
    double mean = 0;
    for (int i = 0; i < a.data().length; i++) {
      mean += Math.abs(a.data()[i] - b.data()[i]);
    }
    assertThat(mean / a.data().length).isGreaterThan(0).isLessThan(0.5);
  }

  @Test
  void warpBackend_null_rejected() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().warpBackend(null))
        .isInstanceOf(NullPointerException.class).hasMessage("warpBackend must not be null");
  }

  @Test
  void inverseMap_isOpenCvOrder() {
    AffineMatrix m = AffineMatrix.ofPullMap(1, 2, 3, 4, 5, 6);
    assertThat(OpenCvWarp.inverseMap(m)).containsExactly(5, 4, 6, 2, 1, 3);
  }
}
