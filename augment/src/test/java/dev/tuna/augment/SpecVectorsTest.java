package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tuna.core.image.Image;
import dev.tuna.core.image.ImageBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The worked examples that were computed with real Keras / SciPy / NumPy and published in the behavioural spec of
 * Keras' generator (shared docs, sections 2.3, 3.5, 3.8, 3.9, 3.11, 3.12 and 5.1).
 */
final class SpecVectorsTest {
  private static final double EPS = 1e-4;

  @Test
  void getRandomTransform_workedExample_2_3() {
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(20).widthShiftRange(0.1)
        .heightShiftRange(List.of(-8, 0, 8)).shearRange(10).zoomRange(0.2).channelShiftRange(15)
        .horizontalFlip(true).brightnessRange(0.8, 1.2).build();
    TransformParameters p = gen.getRandomTransform(Image.zeros(150, 200, 3), 7);
    assertThat(p.theta()).isEqualTo(-16.947668425041712);
    assertThat(p.tx()).isEqualTo(0.0);
    assertThat(p.ty()).isCloseTo(-2.463630742364259, within(1e-12));
    assertThat(p.shear()).isCloseTo(4.469303556618824, within(1e-12));
    assertThat(p.zx()).isCloseTo(1.191195804798641, within(1e-12));
    assertThat(p.zy()).isCloseTo(1.0153983481641735, within(1e-12));
    assertThat(p.flipHorizontal()).isFalse();
    assertThat(p.flipVertical()).isFalse();
    assertThat(p.channelShiftIntensity()).isCloseTo(-6.946830596943865, within(1e-12));
    assertThat(p.brightness()).isCloseTo(0.9999530003302239, within(1e-12));
  }

  private static Image ramp() {
    Image img = Image.zeros(150, 150, 1);
    for (int r = 0; r < 150; r++) {
      for (int c = 0; c < 150; c++) {
        img.set(r, c, 0, 2 * r + 3 * c + 1);
      }
    }
    return img;
  }

  @ParameterizedTest
  @CsvSource({
      // theta, tx, ty, shear, zx, zy, r, c, expected
      "30, 0, 0, 0, 1, 1, 74, 74, 371.5849",
      "30, 0, 0, 0, 1, 1, 100, 30, 219.3029",
      "30, 0, 0, 0, 1, 1, 0, 0, 142.6933",
      "0, 15, -10, 0, 1, 1, 74, 74, 396",
      "0, 15, -10, 0, 1, 1, 100, 30, 316",
      "0, 0, 0, 20, 1, 1, 0, 0, 86.4273",
      "0, 0, 0, 20, 1, 1, 100, 30, 261.7598",
      "0, 0, 0, 0, 0.8, 1.25, 74, 74, 371.05",
      "0, 0, 0, 0, 0.8, 1.25, 100, 30, 330.45",
      "30, 15, -10, 20, 0.8, 1.25, 74, 74, 424.3442",
      "30, 15, -10, 20, 0.8, 1.25, 100, 30, 264.7838",
      "30, 15, -10, 20, 0.8, 1.25, 10, 140, 543.4300",
  })
  void applyTransform_rampGeometry_3_5(double theta, double tx, double ty, double shear, double zx, double zy,
      int r, int c, double expected) {
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    Image out = gen.applyTransform(ramp(),
        new TransformParameters(theta, tx, ty, shear, zx, zy, false, false, null, null));
    assertThat((double) out.get(r, c, 0)).isCloseTo(expected, within(2e-3));
  }

  @ParameterizedTest
  @CsvSource({
      "CONSTANT, 2, 30 40 -1 -1", "CONSTANT, -2, -1 -1 10 20", "CONSTANT, 0.5, 15 25 35 -1",
      "NEAREST, 2, 30 40 40 40", "NEAREST, -2, 10 10 10 20", "NEAREST, 0.5, 15 25 35 40",
      "REFLECT, 2, 30 40 40 30", "REFLECT, -2, 20 10 10 20", "REFLECT, 0.5, 15 25 35 40",
      "WRAP, 2, 30 40 20 30", "WRAP, -2, 20 30 10 20", "WRAP, 0.5, 15 25 35 15",
      "MIRROR, 2, 30 40 30 20", "MIRROR, -2, 30 20 10 20", "MIRROR, 0.5, 15 25 35 35",
  })
  void fillModes_oneDimensionalVectors_3_8(FillMode mode, double tx, String expected) {
    Image row = Image.wrap(1, 4, 1, new float[] {10, 20, 30, 40});
    ImageDataGenerator gen = ImageDataGenerator.builder().fillMode(mode).cval(-1).build();
    Image out = gen.applyTransform(row, new TransformParameters(0, tx, 0, 0, 1, 1, false, false, null, null));
    float[] want = new float[4];
    String[] parts = expected.split(" ");
    for (int i = 0; i < 4; i++) {
      want[i] = Float.parseFloat(parts[i]);
    }
    assertThat(out.data()).containsExactly(want, within(1e-4f));
  }

  @Test
  void channelShift_3_9() {
    Image x = Image.wrap(2, 1, 3, new float[] {10, 100, 250, 0, 128, 200});
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    TransformParameters up = new TransformParameters(0, 0, 0, 0, 1, 1, false, false, 30.0, null);
    TransformParameters down = new TransformParameters(0, 0, 0, 0, 1, 1, false, false, -30.0, null);
    assertThat(gen.applyTransform(x, up).data()).containsExactly(40, 130, 250, 30, 158, 230);
    assertThat(gen.applyTransform(x, down).data()).containsExactly(0, 70, 220, 0, 98, 170);
  }

  @ParameterizedTest
  @CsvSource({"0.5, 5 50 125 0 64 127", "1.5, 15 150 255 0 192 255", "0.3333, 3 33 83 0 42 84"})
  void brightness_3_11(double factor, String expected) {
    Image x = Image.wrap(2, 1, 3, new float[] {10, 100, 250, 0, 128, 255});
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    Image out = gen.applyTransform(x, new TransformParameters(0, 0, 0, 0, 1, 1, false, false, null, factor));
    float[] want = new float[6];
    String[] parts = expected.split(" ");
    for (int i = 0; i < 6; i++) {
      want[i] = Float.parseFloat(parts[i]);
    }
    assertThat(out.data()).containsExactly(want);
  }

  @Test
  void randomTransform_endToEnd_3_12_nonSquare() {
    Image x = Image.zeros(5, 7, 1);
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 7; c++) {
        x.set(r, c, 0, 10 * r + c);
      }
    }
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(30).zoomRange(0.2).build();
    TransformParameters p = gen.getRandomTransform(x, 1);
    assertThat(p.theta()).isCloseTo(-4.9786797178, within(1e-9));
    assertThat(p.zx()).isCloseTo(1.0881297974, within(1e-9));
    assertThat(p.zy()).isCloseTo(0.8000457499, within(1e-9));
    double[][] want = {
        {7.9779, 7.7412, 7.8809, 8.0206, 8.1603, 8.3, 8.3118},
        {15.9481, 15.7809, 15.9206, 16.0603, 16.2, 16.3397, 16.2821},
        {23.9184, 23.8206, 23.9603, 24.1, 24.2397, 24.3794, 24.2524},
        {31.8887, 31.8603, 32., 32.1397, 32.2794, 32.4191, 32.2227},
        {39.8589, 39.9, 40.0397, 40.1794, 40.3191, 40.4588, 40.1929}};
    Image out = gen.applyTransform(x, p);
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 7; c++) {
        assertThat((double) out.get(r, c, 0)).as("(%d,%d)", r, c).isCloseTo(want[r][c], within(EPS * 10));
      }
    }
  }

  @Test
  void randomTransform_endToEnd_3_12_allOps() {
    Image x = Image.zeros(5, 7, 3);
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 7; c++) {
        int v = 10 * r + c;
        x.set(r, c, 0, 3 * v);
        x.set(r, c, 1, 2 * v + 50);
        x.set(r, c, 2, 200 - v);
      }
    }
    ImageDataGenerator gen = ImageDataGenerator.builder().widthShiftRange(0.2).heightShiftRange(0.2)
        .shearRange(15).horizontalFlip(true).verticalFlip(true).channelShiftRange(20).brightnessRange(0.7, 1.3)
        .fillMode(FillMode.CONSTANT).cval(0).build();
    TransformParameters p = gen.getRandomTransform(x, 123);
    assertThat(p.tx()).isCloseTo(0.3929383712, within(1e-9));
    assertThat(p.ty()).isCloseTo(-0.5988098621, within(1e-9));
    assertThat(p.shear()).isCloseTo(-8.1944563931, within(1e-9));
    assertThat(p.channelShiftIntensity()).isCloseTo(-3.075741595, within(1e-9));
    assertThat(p.brightness()).isCloseTo(1.288458519, within(1e-9));
    Image out = gen.applyTransform(x, p);
    int[][] ch0 = {{0, 0, 0, 0, 0, 0, 0}, {11, 15, 19, 23, 27, 30, 0}, {51, 55, 59, 63, 66, 70, 0},
        {90, 94, 97, 101, 105, 109, 0}, {128, 132, 136, 140, 144, 148, 0}};
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 7; c++) {
        assertThat(out.get(r, c, 0)).as("(%d,%d)", r, c).isEqualTo((float) ch0[r][c]);
      }
    }
    int[] ch1row1 = {70, 73, 76, 78, 81, 83, 0};
    int[] ch2row1 = {247, 246, 244, 243, 242, 240, 0};
    for (int c = 0; c < 7; c++) {
      assertThat(out.get(1, c, 1)).isEqualTo((float) ch1row1[c]);
      assertThat(out.get(1, c, 2)).isEqualTo((float) ch2row1[c]);
    }
  }

  @Test
  void standardize_samplewiseExample_4_1() {
    ImageDataGenerator gen = ImageDataGenerator.builder().rescale(1 / 255.0).samplewiseCenter(true)
        .samplewiseStdNormalization(true).preprocessingFunction(img -> {
          float[] d = img.data();
          for (int i = 0; i < d.length; i++) {
            d[i] += 10;
          }
          return img;
        }).build();
    Image out = gen.standardize(Image.wrap(1, 4, 1, new float[] {0, 255, 100, 155}));
    assertThat(out.data()).containsExactly(new float[] {-1.382419f, 1.382420f, -0.298169f, 0.298169f},
        within(2e-5f));
  }

  @Test
  void fit_meanAndStd_4_2() {
    float[] x = new float[24];
    for (int i = 0; i < 24; i++) {
      x[i] = i;
    }
    ImageDataGenerator gen = ImageDataGenerator.builder().featurewiseCenter(true)
        .featurewiseStdNormalization(true).build().fit(x, new int[] {2, 2, 2, 3});
    assertThat(gen.statistics().mean()).containsExactly(10.5f, 11.5f, 12.5f);
    assertThat(gen.statistics().std()).containsExactly(new float[] {6.873864f, 6.873864f, 6.873864f},
        within(1e-5f));
  }

  @Test
  void flow_seededOrder_5_1() {
    float[] x = new float[10 * 2 * 2];
    float[] y = new float[10];
    for (int i = 0; i < 10; i++) {
      y[i] = i;
    }
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    try (ArrayIterator it = gen.flow(x, 10, 2, 2, 1).y(y, 10).batchSize(4).shuffle(true).seed(42).build()) {
      List<String> seq = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        seq.add(labels(it.nextBatch()));
      }
      assertThat(seq).containsExactly("[8, 1, 5, 0]", "[7, 2, 9, 4]", "[3, 6]", "[2, 4, 1, 8]", "[9, 6, 5, 7]",
          "[0, 3]");
    }
    try (ArrayIterator it = gen.flow(x, 10, 2, 2, 1).y(y, 10).batchSize(4).shuffle(true).seed(42).build()) {
      List<String> seq = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        seq.add(labels(it.get(i)));
      }
      it.onEpochEnd();
      for (int i = 0; i < 3; i++) {
        seq.add(labels(it.get(i)));
      }
      assertThat(seq).containsExactly("[8, 1, 5, 0]", "[7, 2, 9, 4]", "[3, 6]", "[0, 5, 2, 4]", "[9, 1, 6, 7]",
          "[8, 3]");
    }
  }

  private static String labels(ImageBatch b) {
    int[] v = new int[b.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) b.labels()[i];
    }
    return Arrays.toString(v);
  }
}
