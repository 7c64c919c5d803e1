package dev.tuna.augment.internal.warp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The native warp's entry point and its Java wrapper reject arrays and tables that do not fit the image. */
final class NativeKernelTest {
  private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0};
  private static final int NEAREST = 1;

  /** Calls the C entry point for a 2x2x1 image; every argument can be broken by the caller. */
  private static void warp0(float[] src, float[] dst, int offset, double[] matrix, int[] spans, int[] rowTaps,
      int[] colTaps) {
    NativeKernel.warp0(src, dst, offset, 2, 2, 1, matrix, NEAREST, 0f, false, false, spans, rowTaps, 0, colTaps, 0);
  }

  @Test
  void wrapper_rejectsShortArrays_withOrWithoutTheLibrary() {
    assertThatThrownBy(() -> NativeKernel.warp(NativeKernel.GATHER,
        new float[3], new float[4], 0, 2, 2, 1, IDENTITY, NEAREST, 0f, false,
        false, new int[4], new int[] {0, 2}, 0, new int[] {0, 1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warp of 2x2x1 needs src >= 4, dst >= offset 0 + 4, matrix >= 6, spans >= 4 and non-empty tap "
            + "tables but got 3, 4, 6, 4, 2 and 2");
    assertThatThrownBy(() -> NativeKernel.warp(NativeKernel.GATHER,
        new float[4], new float[5], 2, 2, 2, 1, IDENTITY, NEAREST, 0f, false,
        false, new int[4], new int[] {0, 2}, 0, new int[] {0, 1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dst >= offset 2 + 4");
    assertThatThrownBy(() -> NativeKernel.warp(NativeKernel.GATHER,
        new float[4], new float[4], 0, 2, 2, 1, new double[5], NEAREST, 0f,
        false, false, new int[3], new int[] {0, 2}, 0, new int[] {0, 1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but got 4, 4, 5, 3, 2 and 2");
  }

  @Test
  void warp0_checksLengthsInC() {
    float[] dst = new float[4];
    if (!NativeKernel.loaded()) {
      assertThatThrownBy(() -> warp0(new float[3], dst, 0, IDENTITY, new int[4], new int[] {0, 2}, new int[] {0, 1}))
          .isInstanceOf(UnsatisfiedLinkError.class);
      return;
    }
    assertThatThrownBy(() -> warp0(new float[3], dst, 0, IDENTITY, new int[4], new int[] {0, 2}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warp of 2x2x1 needs src >= 4, dst >= offset 0 + 4, matrix >= 6, spans >= 4 and non-empty tap "
            + "tables but got 3, 4, 6, 4, 2 and 2");
    assertThatThrownBy(() -> warp0(new float[4], dst, 1, IDENTITY, new int[4], new int[] {0, 2}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dst >= offset 1 + 4");
    assertThatThrownBy(() -> warp0(new float[4], dst, 0, new double[5], new int[4], new int[] {0, 2},
        new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4, 4, 5, 4, 2");
    assertThatThrownBy(() -> warp0(new float[4], dst, 0, IDENTITY, new int[3], new int[] {0, 2}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4, 4, 6, 3, 2 and 2");
    assertThatThrownBy(() -> warp0(new float[4], dst, 0, IDENTITY, new int[4], new int[0], new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4, 4, 6, 4, 0 and 2");
  }

  @Test
  void warp0_checksSpansAndTapsAgainstTheImageInC() {
    float[] src = {1, 2, 3, 4};
    float[] dst = new float[4];
    if (!NativeKernel.loaded()) {
      assertThatThrownBy(() -> warp0(src, dst, 0, IDENTITY, new int[4], new int[] {0, 2}, new int[] {0, 1}))
          .isInstanceOf(UnsatisfiedLinkError.class);
      return;
    }
    Arrays.fill(dst, Float.NaN);
    // a row tap beyond the last row (offset 4 in a 2-row image of stride 2)
    assertThatThrownBy(() -> warp0(src, dst, 0, IDENTITY, new int[4], new int[] {0, 4}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row tap 1 is not a row offset inside the image");
    assertThatThrownBy(() -> warp0(src, dst, 0, IDENTITY, new int[4], new int[] {0, 2}, new int[] {-1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column tap 0 is not a column offset inside the image");
    // an interior span whose last column would read the pixel right of the image
    assertThatThrownBy(() -> warp0(src, dst, 0, IDENTITY, new int[] {0, 2, 0, 0}, new int[] {0, 2},
        new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the interior span of row 0 reaches outside the image");
    assertThatThrownBy(() -> warp0(src, dst, 0, IDENTITY, new int[] {0, 0, 0, 3}, new int[] {0, 2},
        new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the interior span of row 1 reaches outside the image");
    assertThat(dst).as("nothing written when the call is rejected").containsOnly(Float.NaN);
  }

  @Test
  void warp_identityThroughTheChecks_copiesTheImage() {
    float[] src = {1, 2, 3, 4};
    float[] dst = new float[4];
    // AffineWarp's float path with the native kernel when the CPU runs it, else the Java kernels
    AffineWarp.warp(src, dst, 0, 2, 2, 1, AffineMatrix.ofPullMap(1, 0, 0, 0, 1, 0), dev.tuna.augment.FillMode.NEAREST, 0, 1, false,
        false, WarpKernel.NATIVE.available() ? WarpKernel.NATIVE : WarpKernel.SCALAR);
    assertThat(dst).containsExactly(1, 2, 3, 4);
  }

  @Test
  void packedKernels_takeAtMostFourChannels_inJavaAndInC() {
    float[] src = new float[2 * 2 * 5];
    float[] dst = new float[src.length];
    assertThatThrownBy(() -> NativeKernel.warp(NativeKernel.PACKED, src, dst, 0, 2, 2, 5, IDENTITY, NEAREST, 0f,
        false, false, new int[4], new int[] {0, 10}, 0, new int[] {0, 5}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the packed native kernels take at most 4 channels but got 5");
    assertThatThrownBy(() -> NativeKernel.float32(src, dst, 0, 2, 2, 5, IDENTITY, NEAREST, 0f, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the float32 warp needs a positive shape of at most 2^31 - 1 values and 1 to 4 channels but got "
            + "2x2x5");
    if (!NativeKernel.loaded()) {
      return;
    }
    assertThatThrownBy(() -> NativeKernel.packed0(src, dst, 0, 2, 2, 5, IDENTITY, NEAREST, 0f, false, false,
        new int[4], new int[] {0, 10}, 0, new int[] {0, 5}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4 channels for the packed");
    assertThatThrownBy(() -> NativeKernel.float0(src, dst, 0, 2, 2, 5, IDENTITY, NEAREST, 0f, false, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4 channels");
  }

  @Test
  void float32_checksLengthsInJavaAndInC() {
    float[] dst = new float[4];
    assertThatThrownBy(() -> NativeKernel.float32(new float[3], dst, 0, 2, 2, 1, IDENTITY, NEAREST, 0f, false,
        false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the float32 warp of 2x2x1 needs src >= 4, dst >= offset 0 + 4 and matrix >= 6 but got 3, 4 and 6");
    if (!NativeKernel.loaded()) {
      return;
    }
    Arrays.fill(dst, Float.NaN);
    assertThatThrownBy(() -> NativeKernel.float0(new float[3], dst, 0, 2, 2, 1, IDENTITY, NEAREST, 0f, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the float32 warp of 2x2x1 needs src >= 4, dst >= offset 0 + 4 and matrix >= 6 but got 3 and 4");
    assertThatThrownBy(() -> NativeKernel.float0(new float[4], dst, 1, 2, 2, 1, IDENTITY, NEAREST, 0f, false, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dst >= offset 1 + 4");
    assertThatThrownBy(() -> NativeKernel.float0(new float[4], dst, 0, 2, 2, 1, new double[5], NEAREST, 0f, false,
        false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix >= 6");
    assertThatThrownBy(() -> NativeKernel.float0(new float[4], dst, 0, 2, 2, 1, IDENTITY, 5, 0f, false, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode 5");
    assertThat(dst).as("nothing written when the call is rejected").containsOnly(Float.NaN);
  }
}
