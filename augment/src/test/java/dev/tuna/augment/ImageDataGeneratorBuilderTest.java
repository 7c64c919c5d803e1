package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, validation messages, Keras' option overrides and variants of the builder. */
final class ImageDataGeneratorBuilderTest {
  @Test
  void defaults_areKeras() {
    ImageDataGenerator g = ImageDataGenerator.builder().build();
    assertThat(g.featurewiseCenter()).isFalse();
    assertThat(g.samplewiseCenter()).isFalse();
    assertThat(g.zcaEpsilon()).isEqualTo(1e-6).isEqualTo(ImageDataGenerator.DEFAULT_ZCA_EPSILON);
    assertThat(g.rotationRange()).isZero();
    assertThat(g.widthShiftRange().isNone()).isTrue();
    assertThat(g.heightShiftRange().isNone()).isTrue();
    assertThat(g.brightnessRange()).isNull();
    assertThat(g.zoomRange()).containsExactly(1, 1);
    assertThat(g.fillMode()).isEqualTo(FillMode.NEAREST).isEqualTo(ImageDataGenerator.DEFAULT_FILL_MODE);
    assertThat(g.cval()).isZero();
    assertThat(g.rescale()).isZero();
    assertThat(g.dataFormat()).isEqualTo(DataFormat.CHANNELS_LAST);
    assertThat(g.validationSplit()).isZero();
    assertThat(g.interpolationOrder()).isEqualTo(1);
    assertThat(g.fixKnownBugs()).isFalse();
    assertThat(g.augments()).isFalse();
  }

  @Test
  void validationSplit_outOfRange() {
    for (double v : new double[] {1, 1.5, -0.1}) {
      assertThatThrownBy(() -> ImageDataGenerator.builder().validationSplit(v))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("validationSplit must be strictly between 0 and 1 but was " + v);
    }
  }

  @Test
  void zoomRange_wrongLength() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().zoomRange(List.of(0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zoomRange should be a float or a tuple or list of two floats but was [0.5]");
  }

  @Test
  void zoomRange_scalarGivesOneMinusToOnePlus() {
    assertThat(ImageDataGenerator.builder().zoomRange(2).build().zoomRange()).containsExactly(-1, 3);
  }

  @Test
  void brightnessRange_wrongLength() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().brightnessRange(List.of(0.5, 1.0, 1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brightnessRange should be a tuple or list of two floats but was [0.5, 1.0, 1.5]");
  }

  @Test
  void nonFiniteNumbers_areRejectedWithTheOptionName() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().rotationRange(Double.NaN))
        .hasMessage("rotationRange must be a finite number but was NaN");
    assertThatThrownBy(() -> ImageDataGenerator.builder().shearRange(Double.POSITIVE_INFINITY))
        .hasMessage("shearRange must be a finite number but was Infinity");
    assertThatThrownBy(() -> ImageDataGenerator.builder().widthShiftRange(Double.NaN))
        .hasMessage("shift range must be a finite number but was NaN");
    assertThatThrownBy(() -> ImageDataGenerator.builder().cval(Double.NaN))
        .hasMessage("cval must be a finite number but was NaN");
    assertThatThrownBy(() -> ImageDataGenerator.builder().zcaEpsilon(-1))
        .hasMessage("zcaEpsilon must be finite and >= 0 but was -1.0");
  }

  @Test
  void interpolationOrder_splineOrdersAreRejected() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().interpolationOrder(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interpolationOrder must be 0 or 1 (tuna does not implement spline orders 2-5) but was 3");
  }

  @Test
  void dtype_onlyFloat32() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().dtype("float64"))
        .hasMessage("dtype must be float32 but was float64");
  }

  @Test
  void fillModeAndDataFormat_unknownNames() {
    assertThatThrownBy(() -> FillMode.fromKeras("grid-wrap"))
        .hasMessage("fillMode must be one of constant, nearest, reflect, wrap, mirror but was grid-wrap");
    assertThatThrownBy(() -> DataFormat.fromKeras("nhwc")).hasMessageContaining("but was nhwc");
  }

  @Test
  void channelsFirstWithBrightness_failsLikeKerasUnlessFixed() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().dataFormat(DataFormat.CHANNELS_FIRST)
        .brightnessRange(0.8, 1.2).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("brightnessRange with dataFormat channels_first");
    assertThat(ImageDataGenerator.builder().dataFormat(DataFormat.CHANNELS_FIRST).brightnessRange(0.8, 1.2)
        .fixKnownBugs(true).build().brightnessRange()).containsExactly(0.8, 1.2);
  }

  @Test
  void zcaWhitening_overridesLikeKeras() {
    ImageDataGenerator g = ImageDataGenerator.builder().zcaWhitening(true).featurewiseStdNormalization(true).build();
    assertThat(g.featurewiseCenter()).isTrue();
    assertThat(g.featurewiseStdNormalization()).isFalse();
    ImageDataGenerator s = ImageDataGenerator.builder().samplewiseStdNormalization(true).build();
    assertThat(s.samplewiseCenter()).isTrue();
  }

  @Test
  void newBuilder_clearAugmentations_keepsNormalisation() {
    ImageDataGenerator train = ImageDataGenerator.builder().rotationRange(30).zoomRange(0.2).horizontalFlip(true)
        .rescale(1 / 255.0).build();
    ImageDataGenerator validation = train.newBuilder().clearAugmentations().build();
    assertThat(train.augments()).isTrue();
    assertThat(validation.augments()).isFalse();
    assertThat(validation.rescale()).isEqualTo(1 / 255.0);
    assertThat(train.rotationRange()).isEqualTo(30);
  }

  @Test
  void fit_returnsANewGenerator_andRejectsWrongRank() {
    ImageDataGenerator g = ImageDataGenerator.builder().featurewiseCenter(true).build();
    ImageDataGenerator fitted = g.fit(new float[] {1, 2, 3, 4}, new int[] {4, 1, 1, 1});
    assertThat(g.statistics()).isNull();
    assertThat(fitted.statistics().mean()).containsExactly(2.5f);
    assertThatThrownBy(() -> g.fit(new float[4], new int[] {4, 1, 1}))
        .hasMessage("Input to `.fit()` should have rank 4. Got array with shape: [4, 1, 1]");
  }

  @Test
  void preprocessingFunction_mustKeepTheShape() {
    ImageDataGenerator g = ImageDataGenerator.builder().preprocessingFunction(x -> Image.zeros(1, 1, 1)).build();
    assertThatThrownBy(() -> g.standardize(Image.zeros(2, 2, 3)))
        .hasMessageContaining("preprocessingFunction must return an image of the same shape");
  }

  @Test
  void fixKnownBugs_widthShiftMovesContentHorizontally() {
    Image x = Image.zeros(8, 8, 1);
    x.set(4, 4, 0, 100);
    ImageDataGenerator fixed = ImageDataGenerator.builder().widthShiftRange(List.of(2)).fixKnownBugs(true)
        .fillMode(FillMode.CONSTANT).build();
    ImageDataGenerator keras = fixed.newBuilder().fixKnownBugs(false).build();
    TransformParameters pf = fixed.getRandomTransform(x, new NumpyRandom(0));
    TransformParameters pk = keras.getRandomTransform(x, new NumpyRandom(0));
    Image f = fixed.applyTransform(x, pf);
    Image k = keras.applyTransform(x, pk);
    int sign = (int) Math.signum(pk.ty());
    // Keras moves the dot vertically, the fix horizontally, by the same two pixels
    assertThat(k.get(4 - 2 * sign, 4, 0)).isEqualTo(100);
    assertThat(f.get(4, 4 - 2 * sign, 0)).isEqualTo(100);
  }

  /** Spec 3.6 (verified with Keras): a blob at the true centre of a 41 × 61 image. */
  @Test
  void nonSquareCentre_isTransposedInKeras_andTrueWithTheFix() {
    Image x = Image.zeros(41, 61, 1);
    x.set(20, 30, 0, 100);
    TransformParameters rot90 = new TransformParameters(90, 0, 0, 0, 1, 1, false, false, null, null);
    TransformParameters zoomIn = new TransformParameters(0, 0, 0, 0, 0.5, 0.5, false, false, null, null);
    ImageDataGenerator keras = ImageDataGenerator.builder().fillMode(FillMode.CONSTANT)
        .interpolationOrder(0).build();
    ImageDataGenerator fixed = keras.newBuilder().fixKnownBugs(true).build();
    // Keras 3.15: [[20, 10]] and [[9, 39], [9, 40], [10, 39], [10, 40]]
    assertThat(blob(keras.applyTransform(x, rot90))).containsExactly("20,10");
    assertThat(blob(keras.applyTransform(x, zoomIn))).containsExactly("9,39", "9,40", "10,39", "10,40");
    assertThat(blob(fixed.applyTransform(x, rot90))).containsExactly("20,30");
    assertThat(blob(fixed.applyTransform(x, zoomIn))).containsExactly("19,29", "19,30", "20,29", "20,30");
  }

  private static java.util.List<String> blob(Image img) {
    java.util.List<String> at = new java.util.ArrayList<>();
    for (int i = 0; i < img.data().length; i++) {
      if (img.data()[i] == 100) {
        at.add(i / img.width() + "," + i % img.width());
      }
    }
    return at;
  }

  @Test
  void sameSeed_sameOutput_andFlipTwiceIsIdentity() {
    Image x = Image.zeros(6, 5, 3);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = i;
    }
    ImageDataGenerator g = ImageDataGenerator.builder().rotationRange(40).zoomRange(0.3).horizontalFlip(true)
        .build();
    assertThat(g.randomTransform(x, 5)).isEqualTo(g.randomTransform(x, 5));
    TransformParameters flip = new TransformParameters(0, 0, 0, 0, 1, 1, true, true, null, null);
    assertThat(g.applyTransform(g.applyTransform(x, flip), flip)).isEqualTo(x);
  }
}
