package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ProjectiveTransform#applyImageInto} and every {@link ProjectiveKernel} on one image at an offset: an input
 * image read from inside a larger array whose other values are NaN and an output image written at offset 0, at odd
 * offsets and at the very end of a larger array give, bit for bit, the values of the same image transformed alone,
 * and no value of the output array outside the image changes; offsets and shapes that do not fit are rejected with
 * the option, the value and the bounds in the message, before anything is written (in Java and in C).
 */
final class ProjectiveTransformImageTest {
  private static final float SENTINEL = -12345.5f;

  @Test
  void everyKernelReadsAndWritesOneImageAtAnOffset() {
    SplittableRandom rng = new SplittableRandom(31);
    int checked = 0;
    for (int[] shape : new int[][] {{13, 21, 3}, {9, 37, 4}, {11, 18, 1}, {17, 16, 3}}) {
      int h = shape[0];
      int w = shape[1];
      int c = shape[2];
      int per = h * w * c;
      float[] image = new float[per];
      for (int i = 0; i < per; i++) {
        image[i] = (float) (rng.nextDouble() * 255);
      }
      List<float[]> transforms = List.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0},
          new float[] {0.94f, -0.34f, 4.5f, 0.34f, 0.94f, -3.25f, 0f, 0f},
          new float[] {0.8f, 0, 3.25f, 0, 1.2f, -2.5f, 0, 0},
          new float[] {1.1f, 0.1f, -2f, -0.05f, 0.9f, 1.5f, 0.01f, -0.02f});
      for (float[] t : transforms) {
        // the image's transform between two others in a batch's array
        float[] three = new float[24];
        Arrays.fill(three, Float.NaN);
        System.arraycopy(t, 0, three, 8, 8);
        for (FillMode mode : FillMode.values()) {
          for (Interpolation interp : Interpolation.values()) {
            boolean bilinear = interp == Interpolation.BILINEAR;
            int outH = checked % 2 == 0 ? h : h + 3;
            int outW = checked % 3 == 0 ? w : w - 2;
            int outPer = outH * outW * c;
            float[] want = ProjectiveTransform.run(image, 1, h, w, c, t, outH, outW, bilinear, mode, 7f, 1,
                ProjectiveKernel.SCALAR);
            for (ProjectiveKernel k : ProjectiveTransformTest.available()) {
              for (int inOffset : new int[] {0, 5, per + 3}) {
                float[] in = new float[inOffset + per + 2 * per];
                Arrays.fill(in, Float.NaN);
                System.arraycopy(image, 0, in, inOffset, per);
                for (int outOffset : new int[] {0, 7, 2 * outPer + 1}) {
                  float[] out = new float[outOffset + outPer + (outOffset == 7 ? outPer + 5 : 0)];
                  Arrays.fill(out, SENTINEL);
                  String what = k + " " + mode + " " + interp + " " + h + "x" + w + "x" + c + " to " + outH + "x"
                      + outW + " " + Arrays.toString(t) + " from " + inOffset + " into " + outOffset;
                  float[] got = ProjectiveTransform.runImage(in, inOffset, h, w, c, three, 8, outH, outW, bilinear,
                      mode, 7f, k, out, outOffset);
                  assertThat(got).isSameAs(out);
                  assertThat(Arrays.copyOfRange(out, outOffset, outOffset + outPer)).as(what).containsExactly(want);
                  assertThat(Arrays.copyOfRange(out, 0, outOffset)).as(what + ": before the image")
                      .containsExactly(sentinels(outOffset));
                  assertThat(Arrays.copyOfRange(out, outOffset + outPer, out.length)).as(what + ": after the image")
                      .containsExactly(sentinels(out.length - outOffset - outPer));
                }
              }
            }
            // the public entry point, with the kernel in use
            float[] out = new float[outPer + 4];
            Arrays.fill(out, SENTINEL);
            ProjectiveTransform.applyImageInto(image, 0, h, w, c, t, 0, outH, outW, interp, mode, 7f, out, 4);
            assertThat(Arrays.copyOfRange(out, 4, out.length)).containsExactly(want);
            assertThat(Arrays.copyOfRange(out, 0, 4)).containsExactly(sentinels(4));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(4 * 4 * 4 * 2);
  }

  /**
   * Axis-aligned maps (translations, zooms in and out, flips, far shifts), the separable path of the native kernel:
   * every kernel gives the literal formula's bits on images of 1 to 4 channels with NaN and signed-zero pixels, for
   * every fill mode, with output sizes that leave a partial last row chunk, for images at an offset in the batch.
   */
  @Test
  void everyKernelMatchesTheFormulaOnAxisAlignedMaps() {
    SplittableRandom rng = new SplittableRandom(77);
    int cases = 0;
    for (int[] shape : new int[][] {{3, 23, 41, 3}, {2, 17, 29, 4}, {2, 31, 50, 1}, {2, 12, 33, 2}, {2, 40, 40, 3}}) {
      int n = shape[0];
      int h = shape[1];
      int w = shape[2];
      int c = shape[3];
      float[] images = ProjectiveTransformTest.images(shape,
          i -> i % 83 == 5 ? Float.NaN : i % 71 == 7 ? -0f : (float) (rng.nextDouble() * 510 - 255));
      for (int m = 0; m < 12; m++) {
        float sx = m == 0 ? 1f : m == 1 ? -1f : m == 2 ? 2.75f : m == 3 ? 0.3f : (float) (0.6 + rng.nextDouble() * 0.9);
        float sy = m == 2 ? 0.45f : m == 3 ? 3.1f : (float) (0.6 + rng.nextDouble() * 0.9);
        float tx = m == 1 ? w - 1 : (float) (rng.nextDouble() * 2 * w - w) * (m % 4 == 0 ? 2 : 0.3f);
        float ty = (float) (rng.nextDouble() * 2 * h - h) * (m % 5 == 0 ? 2 : 0.3f);
        float[] t = {sx, m % 3 == 0 ? -0f : 0f, tx, 0f, sy, ty, 0f, 0f};
        for (FillMode mode : FillMode.values()) {
          int outH = cases % 2 == 0 ? h : h + 7;
          int outW = cases % 3 == 0 ? w : w + 13;
          float[] want = ProjectiveTransformTest.reference(images, n, h, w, c, t, outH, outW, Interpolation.BILINEAR,
              mode, 2.5f);
          for (ProjectiveKernel k : ProjectiveTransformTest.available()) {
            float[] got = ProjectiveTransform.run(images, n, h, w, c, t, outH, outW, true, mode, 2.5f, 2, k);
            for (int i = 0; i < got.length; i++) {
              if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
                assertThat(got[i]).as("%s %s %s %dx%dx%dx%d to %dx%d at %d", k, mode, Arrays.toString(t), n, h, w,
                    c, outH, outW, i).isEqualTo(want[i]);
              }
            }
          }
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(5 * 12 * 4);
  }

  /** Image {@code k} of a batch at {@code k * h * w * c}, written in place, is image {@code k} of the batch's call. */
  @Test
  void theImagesOfABatchInPlaceGiveTheBatchResult() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 4;
    int h = 15;
    int w = 19;
    int c = 3;
    int per = h * w * c;
    float[] images = new float[n * per];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) (rng.nextDouble() * 255);
    }
    float[] transforms = new float[8 * n];
    for (int b = 0; b < n; b++) {
      float a = (float) (rng.nextDouble() - 0.5);
      float[] t = {(float) Math.cos(a), (float) -Math.sin(a), 2.5f * b, (float) Math.sin(a), (float) Math.cos(a),
          -1.25f * b, 0, 0};
      System.arraycopy(t, 0, transforms, 8 * b, 8);
    }
    for (ProjectiveKernel k : ProjectiveTransformTest.available()) {
      float[] want = ProjectiveTransform.run(images, n, h, w, c, transforms, h, w, true, FillMode.REFLECT, 0f, 2, k);
      float[] out = new float[n * per];
      for (int b = n - 1; b >= 0; b--) { // last to first: a value written past an image would spoil the next one
        ProjectiveTransform.runImage(images, b * per, h, w, c, transforms, 8 * b, h, w, true, FillMode.REFLECT, 0f,
            k, out, b * per);
      }
      assertThat(out).as(k.name()).containsExactly(want);
    }
  }

  @Test
  void rejectsOffsetsAndShapesThatDoNotFit() {
    float[] images = new float[2 * 4 * 5 * 3];
    Arrays.fill(images, 1f);
    float[] t = {1f, 0f, 0.5f, 0f, 1f, 0f, 0f, 0f};
    float[] out = new float[4 * 5 * 3 + 2];
    Arrays.fill(out, SENTINEL);
    Interpolation bi = Interpolation.BILINEAR;
    FillMode reflect = FillMode.REFLECT;
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, -1, 4, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        out, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("imageOffset must be between 0 and 60 (images holds 120 values, the image needs 60) but was -1");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 61, 4, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        out, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("imageOffset must be between 0 and 60 (images holds 120 values, the image needs 60) but was 61");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 4, 5, 3, t, 1, 4, 5, bi, reflect, 0f,
        out, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transformOffset must be between 0 and 0 (transforms holds 8 values, the image needs 8) but was 1");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 4, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        out, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outOffset must be between 0 and 2 (out holds 62 values, the image needs 60) but was 3");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 4, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        out, Integer.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outOffset must be between 0 and 2 (out holds 62 values, the image needs 60) but was "
            + Integer.MIN_VALUE);
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 4, 5, 3, t, 0, 5, 5, bi, reflect, 0f,
        out, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out holds 62 values but the image needs 75 (outOffset 0)");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 4, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        images, 60)).isInstanceOf(IllegalArgumentException.class).hasMessage("out must not be the input array");
    assertThatThrownBy(() -> ProjectiveTransform.applyImageInto(images, 0, 0, 5, 3, t, 0, 4, 5, bi, reflect, 0f,
        out, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the image shape must be positive but was 0x5x3 to 4x5");
    for (ProjectiveKernel k : ProjectiveTransformTest.available()) {
      assertThatThrownBy(() -> ProjectiveTransform.runImage(images, 0, 4, 5, 3, t, 0, 4, 5, true, reflect, 0f, k,
          out, 3)).as(k.name()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outOffset");
    }
    assertThat(out).as("nothing written").containsOnly(SENTINEL);
  }

  /** The C entry point checks an output offset past the end on its own, before anything is written. */
  @Test
  void theNativeEntryRejectsAnOutputOffsetPastTheEnd() {
    float[] images = new float[4 * 5 * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = i + 0.5f;
    }
    float[] t = {1, 0, 0, 0, 1, 0, 0, 0};
    float[] out = new float[4 * 5 * 3 + 2];
    Arrays.fill(out, SENTINEL);
    Class<? extends Throwable> failure = ProjectiveNative.available() ? IllegalArgumentException.class
        : UnsatisfiedLinkError.class;
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, 3, 4, 5, 0, 0f))
        .isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, Integer.MAX_VALUE, 4, 5, 0, 0f))
        .isInstanceOf(failure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 1, 4, 5, 3, t, 0, out, 0, 4, 5, 0, 0f))
        .isInstanceOf(failure);
    if (ProjectiveNative.available()) {
      assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, 3, 4, 5, 0, 0f))
          .hasMessageContaining("out >= 3 + 60").hasMessageContaining("62");
      ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, 2, 4, 5, 0, 0f);
      assertThat(Arrays.copyOfRange(out, 2, out.length)).containsExactly(images);
    }
    assertThat(Arrays.copyOfRange(out, 0, 2)).containsExactly(sentinels(2));
  }

  private static float[] sentinels(int length) {
    float[] a = new float[length];
    Arrays.fill(a, SENTINEL);
    return a;
  }
}
