package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code applyTransform} and {@code randomTransform} into a caller's image give the allocating methods' pixels. */
final class ApplyTransformIntoTest {
  private static final Image X = image(12, 9, 3);

  private static Image image(int h, int w, int c) {
    Random r = new Random(5);
    Image x = Image.zeros(h, w, c);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = r.nextInt(256);
    }
    return x;
  }

  private static Image nanImage() {
    Image out = Image.zeros(X.height(), X.width(), X.channels());
    Arrays.fill(out.data(), Float.NaN);
    return out;
  }

  @Test
  void randomTransform_intoReusedImage_samePixelsForEveryCall() {
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2).zoomRange(0.2)
        .shearRange(20).horizontalFlip(true).verticalFlip(true).fillMode(FillMode.REFLECT).build();
    NumpyRandom a = new NumpyRandom(3);
    NumpyRandom b = new NumpyRandom(3);
    Image out = nanImage();
    for (int i = 0; i < 20; i++) {
      Image want = gen.randomTransform(X, a);
      assertThat(gen.randomTransform(X, b, out)).isSameAs(out);
      assertThat(out.data()).as("call %d", i).containsExactly(want.data());
    }
  }

  @Test
  void applyTransform_intoImage_coversPathsWithoutAWarpIntoTheOutput() {
    TransformParameters shifted = new TransformParameters(10, 1, -2, 0, 1, 1, true, false, 30.0, 1.2);
    TransformParameters flipOnly = new TransformParameters(0, 0, 0, 0, 1, 1, true, true, null, null);
    for (WarpBackend backend : WarpBackend.values()) {
      ImageDataGenerator gen = ImageDataGenerator.builder().warpBackend(backend).build();
      for (TransformParameters p : new TransformParameters[] {shifted, flipOnly, TransformParameters.IDENTITY}) {
        assertThat(gen.applyTransform(X, p, nanImage()).data()).as("%s %s", backend, p)
            .containsExactly(gen.applyTransform(X, p).data());
      }
    }
  }

  @Test
  void applyTransform_intoWrongShapeOrInput_rejectedNamingOut() {
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(10).build();
    TransformParameters p = new TransformParameters(10, 0, 0, 0, 1, 1, false, false, null, null);
    assertThatThrownBy(() -> gen.applyTransform(X, p, Image.zeros(9, 12, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out must be an image of shape");
    assertThatThrownBy(() -> gen.applyTransform(X, p, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
    assertThatThrownBy(() -> gen.applyTransform(X, p, X))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out must not share the array");
  }
}
