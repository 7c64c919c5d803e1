package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageFlip} against the flip written out per value ({@code out[y][x][ch] = in[h-1-y or y][w-1-x or x][ch]}),
 * in Java and in C: every value's bits (NaN payloads and signed zeros included) for 1 to 4 channels, widths below,
 * at and above the C code's sixteen-pixel blocks, both directions, images read and written at offsets inside larger
 * arrays whose other values stay as they were; shapes and offsets that do not fit are rejected before anything is
 * written.
 */
final class ImageFlipTest {
  private static final float SENTINEL = -4242.5f;

  private static float[] literal(float[] image, int h, int w, int c, boolean horizontal, boolean vertical) {
    float[] out = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          int sy = vertical ? h - 1 - y : y;
          int sx = horizontal ? w - 1 - x : x;
          out[(y * w + x) * c + ch] = image[(sy * w + sx) * c + ch];
        }
      }
    }
    return out;
  }

  @Test
  void javaAndCGiveEveryValueOfTheLiteralFlip() {
    SplittableRandom rng = new SplittableRandom(3);
    int checked = 0;
    for (int c = 1; c <= 4; c++) {
      for (int[] hw : new int[][] {{1, 1}, {3, 5}, {4, 16}, {7, 17}, {5, 33}, {9, 224}}) {
        int h = hw[0];
        int w = hw[1];
        int per = h * w * c;
        float[] image = new float[per];
        for (int i = 0; i < per; i++) {
          image[i] = i % 13 == 3 ? Float.intBitsToFloat(0x7fc00000 + i) : i % 11 == 4 ? -0f
              : (float) (rng.nextDouble() * 510 - 255);
        }
        for (int k = 0; k < 4; k++) {
          boolean horizontal = (k & 1) != 0;
          boolean vertical = (k & 2) != 0;
          float[] want = literal(image, h, w, c, horizontal, vertical);
          for (boolean inC : c == 3 && ProjectiveKernel.NATIVE.available() ? new boolean[] {false, true}
              : new boolean[] {false}) {
            for (int[] offsets : new int[][] {{0, 0}, {7, 5}, {per + 1, 2 * per + 3}}) {
              float[] src = new float[offsets[0] + per + 9];
              Arrays.fill(src, Float.NaN);
              System.arraycopy(image, 0, src, offsets[0], per);
              float[] dst = new float[offsets[1] + per + 4];
              Arrays.fill(dst, SENTINEL);
              ImageFlip.flip(src, offsets[0], dst, offsets[1], h, w, c, horizontal, vertical, inC);
              String what = (inC ? "C " : "Java ") + h + "x" + w + "x" + c + " h=" + horizontal + " v=" + vertical
                  + " at " + Arrays.toString(offsets);
              for (int i = 0; i < dst.length; i++) {
                boolean inside = i >= offsets[1] && i < offsets[1] + per;
                int expected = Float.floatToRawIntBits(inside ? want[i - offsets[1]] : SENTINEL);
                if (Float.floatToRawIntBits(dst[i]) != expected) {
                  assertThat(Integer.toHexString(Float.floatToRawIntBits(dst[i]))).as(what + " at " + i)
                      .isEqualTo(Integer.toHexString(expected));
                }
              }
              checked++;
            }
          }
        }
      }
    }
    boolean c = ProjectiveKernel.NATIVE.available();
    assertThat(checked).isEqualTo(4 * 6 * 4 * 3 + (c ? 6 * 4 * 3 : 0));
  }

  @Test
  void thePublicEntryFlipsAsTheLiteralFlip() {
    float[] image = new float[6 * 21 * 3];
    for (int i = 0; i < image.length; i++) {
      image[i] = i * 0.5f;
    }
    float[] dst = new float[image.length];
    ImageFlip.flip(image, 0, dst, 0, 6, 21, 3, true, false);
    assertThat(dst).containsExactly(literal(image, 6, 21, 3, true, false));
  }

  @Test
  void rejectsShapesAndOffsetsThatDoNotFit() {
    float[] src = new float[4 * 5 * 3];
    Arrays.fill(src, 1f);
    float[] dst = new float[4 * 5 * 3 + 2];
    Arrays.fill(dst, SENTINEL);
    for (boolean inC : ProjectiveKernel.NATIVE.available() ? new boolean[] {false, true} : new boolean[] {false}) {
      assertThatThrownBy(() -> ImageFlip.flip(src, 1, dst, 0, 4, 5, 3, true, false, inC))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("srcOffset must be between 0 and 0 (src holds 60 values, the image needs 60) but was 1");
      assertThatThrownBy(() -> ImageFlip.flip(src, 0, dst, 3, 4, 5, 3, true, true, inC))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("dstOffset must be between 0 and 2 (dst holds 62 values, the image needs 60) but was 3");
      assertThatThrownBy(() -> ImageFlip.flip(src, 0, dst, -1, 4, 5, 3, true, false, inC))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("dstOffset must be between 0 and 2 (dst holds 62 values, the image needs 60) but was -1");
      assertThatThrownBy(() -> ImageFlip.flip(src, 0, dst, 0, 0, 5, 3, true, false, inC))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the image shape must be positive but was 0x5x3");
      assertThatThrownBy(() -> ImageFlip.flip(src, 0, src, 0, 4, 5, 3, true, false, inC))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("dst must not be the input array");
    }
    assertThat(dst).as("nothing written").containsOnly(SENTINEL);
    // the native entry checks on its own, in Java and in C
    Class<? extends Throwable> failure = ProjectiveNative.available() ? IllegalArgumentException.class
        : UnsatisfiedLinkError.class;
    assertThatThrownBy(() -> ProjectiveNative.flip(src, 0, 4, 5, 3, false, dst, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out >= 3 + 60");
    assertThatThrownBy(() -> ProjectiveNative.flip(src, 0, 4, 5, 2, false, dst, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 channels");
    assertThatThrownBy(() -> ProjectiveNative.flip0(src, 0, 4, 5, 3, false, dst, 3)).isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.flip0(src, 1, 4, 5, 3, false, dst, 0)).isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.flip0(src, 0, 4, 5, 3, true, dst, -1)).isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.flip0(src, 0, 4, 5, 4, true, dst, 0)).isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.flip0(src, 0, 4, 5, 3, true, null, 0))
        .isInstanceOf(ProjectiveNative.available() ? NullPointerException.class : UnsatisfiedLinkError.class);
    assertThat(dst).as("nothing written").containsOnly(SENTINEL);
  }
}
