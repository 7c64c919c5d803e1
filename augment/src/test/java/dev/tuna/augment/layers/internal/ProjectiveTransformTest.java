package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimised kernel against TF's per-pixel formula written out literally ({@link #reference}: TF's
 * {@code ProjectiveGenerator} expression by expression, every tap read with the fill value), bit for bit, on random
 * affine and projective transforms, integer and half-pixel shifts, flips, signed zeros and NaN, every fill mode,
 * both interpolations, 1–4 channels, odd and non-square sizes and output sizes that differ from the input; and the
 * same output on 1 and several threads, with each available kernel ({@link ProjectiveKernel}: where the native
 * library or the Vector API is missing, the kernels that remain). {@code ProjectiveTransformGoldenTest} and
 * {@link ProjectiveKernelGoldenTest} pin the kernels against TensorFlow.
 */
final class ProjectiveTransformTest {
  @Test
  void bitIdenticalToTheLiteralPerPixelFormula() {
    SplittableRandom rng = new SplittableRandom(11);
    int cases = 0;
    long values = 0;
    for (float[] t : transforms(rng)) {
      for (int[] shape : new int[][] {{2, 9, 13, 3}, {1, 16, 16, 1}, {3, 7, 5, 4}, {1, 1, 6, 2}, {2, 11, 2, 3}}) {
        int n = shape[0];
        int h = shape[1];
        int w = shape[2];
        int c = shape[3];
        float[] images = images(shape, i -> (float) (rng.nextDouble() * 255));
        images[0] = -0f;
        for (FillMode mode : FillMode.values()) {
          for (Interpolation interp : Interpolation.values()) {
            int outH = cases % 3 == 0 ? h + 3 : h;
            int outW = cases % 4 == 1 ? Math.max(1, w - 2) : w;
            float fill = cases % 2 == 0 ? 0f : 7.5f;
            float[] perImage = new float[8 * n];
            for (int b = 0; b < n; b++) {
              System.arraycopy(t, 0, perImage, 8 * b, 8);
              perImage[8 * b + 2] += b;
            }
            for (float[] tr : List.of(t, perImage)) {
              float[] want = reference(images, n, h, w, c, tr, outH, outW, interp, mode, fill);
              float[] got = ProjectiveTransform.apply(images, n, h, w, c, tr, outH, outW, interp, mode, fill, 1);
              assertBits(got, want, mode + " " + interp + " " + n + "x" + h + "x" + w + "x" + c);
              for (ProjectiveKernel k : available()) {
                assertBits(ProjectiveTransform.run(images, n, h, w, c, tr, outH, outW,
                    interp == Interpolation.BILINEAR, mode, fill, 2, k), want, k + " " + mode + " " + interp);
              }
              float[] threaded = ProjectiveTransform.apply(images, n, h, w, c, tr, outH, outW, interp, mode, fill, 3);
              assertBits(threaded, got, "3 threads " + mode + " " + interp);
              values += got.length;
              cases++;
            }
          }
        }
      }
    }
    assertThat(cases).isGreaterThan(1000);
    assertThat(values).isGreaterThan(100_000);
  }

  @Test
  void theBatchSizedCaseIsTheSameOnEveryNumberOfThreads() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 7;
    int h = 40;
    int w = 33;
    float[] images = new float[n * h * w * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) (rng.nextDouble() * 255);
    }
    float[] t = new float[8 * n];
    for (int b = 0; b < n; b++) {
      float[] one = affine(rng, h, w);
      System.arraycopy(one, 0, t, 8 * b, 8);
    }
    float[] one = ProjectiveTransform.apply(images, n, h, w, 3, t, h, w, Interpolation.BILINEAR, FillMode.REFLECT, 0f,
        1);
    assertBits(one, reference(images, n, h, w, 3, t, h, w, Interpolation.BILINEAR, FillMode.REFLECT, 0f), "ref");
    for (int threads : new int[] {2, 3, 7, 16}) {
      assertBits(ProjectiveTransform.apply(images, n, h, w, 3, t, h, w, Interpolation.BILINEAR, FillMode.REFLECT, 0f,
          threads), one, threads + " threads");
      for (ProjectiveKernel k : available()) {
        assertBits(ProjectiveTransform.run(images, n, h, w, 3, t, h, w, true, FillMode.REFLECT, 0f, threads, k), one,
            k + " on " + threads + " threads");
      }
    }
  }

  /**
   * Images wider than the native kernel's sixteen-pixel blocks (full blocks, a partial last one, rows mixing interior
   * and border pixels, taps up to the end of the batch array), 1 to 4 channels, NaN and signed-zero pixels, every
   * fill mode, against the literal formula.
   */
  @Test
  void everyKernelMatchesTheFormulaOnWideImagesWithNanPixels() {
    SplittableRandom rng = new SplittableRandom(23);
    int cases = 0;
    for (int[] shape : new int[][] {{2, 29, 37, 3}, {1, 18, 47, 4}, {1, 33, 16, 3}, {2, 5, 64, 4}, {1, 20, 40, 1},
        {2, 9, 35, 2}}) {
      int n = shape[0];
      int h = shape[1];
      int w = shape[2];
      int c = shape[3];
      float[] images = images(shape,
          i -> i % 97 == 5 ? Float.NaN : i % 89 == 7 ? -0f : (float) (rng.nextDouble() * 510 - 255));
      List<float[]> maps = new ArrayList<>(List.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0},
          new float[] {0.8f, 0, 3.25f, 0, 1.2f, -2.5f, 0, 0}, new float[] {-1, 0, w - 1, 0, 1, 0, 0, 0}));
      for (int i = 0; i < 4; i++) {
        maps.add(affine(rng, h, w));
      }
      float[] projective = affine(rng, h, w);
      projective[6] = 0.011f;
      projective[7] = -0.007f;
      maps.add(projective);
      for (float[] t : maps) {
        for (FillMode mode : FillMode.values()) {
          int outH = cases % 2 == 0 ? h : h + 5;
          int outW = cases % 3 == 0 ? w : w + 19;
          float[] want = reference(images, n, h, w, c, t, outH, outW, Interpolation.BILINEAR, mode, 3.5f);
          for (ProjectiveKernel k : available()) {
            assertBits(ProjectiveTransform.run(images, n, h, w, c, t, outH, outW, true, mode, 3.5f, 2, k), want,
                k + " " + mode + " " + n + "x" + h + "x" + w + "x" + c + " to " + outH + "x" + outW);
          }
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(6 * 8 * 4);
  }

  @Test
  void theKernelsRunInThisJvmAndOneIsChosen() {
    assertThat(ProjectiveKernel.VECTOR.available()).as("tests run with jdk.incubator.vector").isTrue();
    assertThat(ProjectiveKernel.NATIVE.available()).as("the native kernel shares the warp's library")
        .isEqualTo(WarpKernel.NATIVE.available());
    assertThat(ProjectiveKernel.NATIVE.unavailableReason() == null).isEqualTo(ProjectiveKernel.NATIVE.available());
    assertThat(ProjectiveKernel.SCALAR.unavailableReason()).isNull();
    assertThat(ProjectiveKernel.choice().how()).as("chosen on trial images before any batch").isIn("measured",
        "forced");
    assertThat(ProjectiveKernel.settle()).isEqualTo(ProjectiveKernel.choice());
    assertThat(ProjectiveKernel.current()).isEqualTo(ProjectiveKernel.choice().kernel());
    assertThat(ProjectiveKernel.current().available()).isTrue();
  }

  /** Shapes and offsets that do not fit the arrays are rejected before any pixel is read, in Java and in C. */
  @Test
  void theNativeKernelRejectsShapesThatDoNotFitItsArrays() {
    float[] images = new float[2 * 4 * 5 * 3];
    float[] t = {1, 0, 0, 0, 1, 0, 0, 0};
    float[] out = new float[4 * 5 * 3];
    assertThatThrownBy(() -> ProjectiveNative.image(images, 80, 4, 5, 3, t, 0, out, 0, 4, 5, FillMode.REFLECT, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs images >= 80 + 60");
    assertThatThrownBy(() -> ProjectiveNative.image(images, 0, 4, 5, 3, t, 1, out, 0, 4, 5, FillMode.REFLECT, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transforms >= 1 + 8");
    assertThatThrownBy(() -> ProjectiveNative.image(images, 0, 4, 5, 3, t, 0, out, 1, 4, 5, FillMode.REFLECT, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out >= 1 + 60");
    assertThatThrownBy(() -> ProjectiveNative.image(images, 0, 4, 5, 5, t, 0, out, 0, 4, 5, FillMode.REFLECT, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4 channels");
    // the C entry point checks the same on its own (where the library is missing, the call cannot link)
    Class<? extends Throwable> nativeFailure = ProjectiveNative.available() ? IllegalArgumentException.class
        : UnsatisfiedLinkError.class;
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 80, 4, 5, 3, t, 0, out, 0, 4, 5, 0, 0f))
        .isInstanceOf(nativeFailure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 1, out, 0, 4, 5, 0, 0f))
        .isInstanceOf(nativeFailure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, -1, 4, 5, 0, 0f))
        .isInstanceOf(nativeFailure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 4, 5, 3, t, 0, out, 0, 4, 5, 4, 0f))
        .isInstanceOf(nativeFailure);
    assertThatThrownBy(() -> ProjectiveNative.image0(images, 0, 0, 5, 3, t, 0, out, 0, 4, 5, 0, 0f))
        .isInstanceOf(nativeFailure);
    assertThat(out).as("nothing written").containsOnly(0f);
  }

  /** The kernels that can run in this JVM. */
  static List<ProjectiveKernel> available() {
    List<ProjectiveKernel> out = new ArrayList<>();
    for (ProjectiveKernel k : ProjectiveKernel.values()) {
      if (k.available()) {
        out.add(k);
      }
    }
    assertThat(out).contains(ProjectiveKernel.SCALAR);
    return out;
  }

  private static void assertBits(float[] got, float[] want, String what) {
    assertThat(got).as(what).hasSameSizeAs(want);
    for (int i = 0; i < got.length; i++) {
      if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
        assertThat(got[i]).as(what + " at " + i + " (bits)").isEqualTo(want[i]);
        assertThat(Float.floatToRawIntBits(got[i])).as(what + " at " + i + " (sign of zero)")
            .isEqualTo(Float.floatToRawIntBits(want[i]));
      }
    }
  }

  private static List<float[]> transforms(SplittableRandom rng) {
    List<float[]> t = new ArrayList<>();
    t.add(new float[] {1, 0, 0, 0, 1, 0, 0, 0}); // identity
    t.add(new float[] {1, 0, 3, 0, 1, -2, 0, 0}); // integer shift
    t.add(new float[] {1, 0, 0.5f, 0, 1, -0.5f, 0, 0}); // half-pixel shift
    t.add(new float[] {-1, 0, 8, 0, 1, 0, 0, 0}); // horizontal flip
    t.add(new float[] {1, -0f, -0f, -0f, 1, -0f, -0f, -0f}); // signed zeros: the point (-0, -0) at the origin
    t.add(new float[] {-0f, -0f, -0f, -0f, -0f, -0f, 0, 0}); // every point at (-0, -0)
    t.add(new float[] {-0f, -0f, -0f, -0.5f, -0f, -0f, 0, 0}); // not axis-aligned, the origin at (-0, -0)
    t.add(new float[] {1, 0, Float.NaN, 0, 1, 0, 0, 0}); // NaN coordinates
    t.add(new float[] {3, 0, -30, 0, 3, -25, 0, 0}); // far outside: the fill modes' folding
    t.add(new float[] {1, 0, 0, 0, 1, 0, -0.25f, 0}); // the projection is 0 at column 4
    for (int i = 0; i < 8; i++) {
      t.add(affine(rng, 12, 12));
    }
    for (int i = 0; i < 4; i++) {
      float[] p = affine(rng, 12, 12);
      p[6] = (float) (rng.nextDouble() * 0.04 - 0.02);
      p[7] = (float) (rng.nextDouble() * 0.04 - 0.02);
      t.add(p);
    }
    return t;
  }

  /** A rotation about the centre with zoom and shift, in float32 like Keras' affine layers. */
  private static float[] affine(SplittableRandom rng, int h, int w) {
    float angle = (float) (rng.nextDouble() * 2 - 1);
    float s = (float) (0.7 + rng.nextDouble() * 0.6);
    float cos = (float) Math.cos(angle);
    float sin = (float) Math.sin(angle);
    float cx = 0.5f * (w - 1f);
    float cy = 0.5f * (h - 1f);
    float a0 = s * cos;
    float a1 = -s * sin;
    float b0 = s * sin;
    float b1 = s * cos;
    float tx = (float) (rng.nextDouble() * 6 - 3);
    float ty = (float) (rng.nextDouble() * 6 - 3);
    return new float[] {a0, a1, tx + cx - cx * a0 - cy * a1, b0, b1, ty + cy - cx * b0 - cy * b1, 0, 0};
  }

  /** TF's kernel per output value, literally: the projection, the mapped point, the sampling with fill reads. */
  static float[] reference(float[] images, int n, int h, int w, int c, float[] transforms, int outH, int outW,
      Interpolation interpolation, FillMode fillMode, float fillValue) {
    float[] out = new float[n * outH * outW * c];
    for (int b = 0; b < n; b++) {
      int t = transforms.length == 8 ? 0 : 8 * b;
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          for (int ch = 0; ch < c; ch++) {
            float fx = ox;
            float fy = oy;
            int o = ((b * outH + oy) * outW + ox) * c + ch;
            float projection = transforms[t + 6] * fx + transforms[t + 7] * fy + 1f;
            if (projection == 0) {
              out[o] = fillValue;
              continue;
            }
            float x = ProjectiveTransform.map(
                (transforms[t] * fx + transforms[t + 1] * fy + transforms[t + 2]) / projection, w, fillMode);
            float y = ProjectiveTransform.map(
                (transforms[t + 3] * fx + transforms[t + 4] * fy + transforms[t + 5]) / projection, h, fillMode);
            if (interpolation == Interpolation.NEAREST) {
              out[o] = read(images, b, h, w, c, (int) Math.round((double) y), (int) Math.round((double) x), ch,
                  fillValue, y, x);
              continue;
            }
            float yFloor = (float) Math.floor(y);
            float xFloor = (float) Math.floor(x);
            float yCeil = yFloor + 1;
            float xCeil = xFloor + 1;
            float top = (xCeil - x) * read(images, b, h, w, c, (int) yFloor, (int) xFloor, ch, fillValue)
                + (x - xFloor) * read(images, b, h, w, c, (int) yFloor, (int) xCeil, ch, fillValue);
            float bottom = (xCeil - x) * read(images, b, h, w, c, (int) yCeil, (int) xFloor, ch, fillValue)
                + (x - xFloor) * read(images, b, h, w, c, (int) yCeil, (int) xCeil, ch, fillValue);
            out[o] = (yCeil - y) * top + (y - yFloor) * bottom;
          }
        }
      }
    }
    return out;
  }

  /** Nearest: {@code std::round} rounds halves away from zero; Math.round rounds them up, so negatives differ. */
  private static float read(float[] images, int b, int h, int w, int c, int roundY, int roundX, int ch, float fill,
      float y, float x) {
    int iy = y < 0 ? -(int) Math.round(-(double) y) : roundY;
    int ix = x < 0 ? -(int) Math.round(-(double) x) : roundX;
    return read(images, b, h, w, c, iy, ix, ch, fill);
  }

  private static float read(float[] images, int b, int h, int w, int c, int y, int x, int ch, float fill) {
    return 0 <= y && y < h && 0 <= x && x < w ? images[((b * h + y) * w + x) * c + ch] : fill;
  }

  /** NHWC images of {@code shape} ({@code n, h, w, c}) whose value {@code i} is {@code value.applyAsDouble(i)}. */
  static float[] images(int[] shape, java.util.function.IntToDoubleFunction value) {
    float[] images = new float[shape[0] * shape[1] * shape[2] * shape[3]];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) value.applyAsDouble(i);
    }
    return images;
  }
}
