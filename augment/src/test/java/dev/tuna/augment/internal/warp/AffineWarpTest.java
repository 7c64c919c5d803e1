package dev.tuna.augment.internal.warp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.internal.ops.Flip;
import dev.tuna.core.random.NumpyRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimised kernels (interior/border split, tap tables, channel-specialised scalar loops and the
 * channel-packed vector loop, fused flips, uint8 input) against the original per-pixel kernel {@link ReferenceWarp},
 * bit for bit, over random matrices in every fill mode, both
 * orders, 1–5 channels and degenerate sizes.
 */
final class AffineWarpTest {
  /** The kernels this JVM runs (which ones: {@link #kernels_availableAsBuilt()}). */
  private static final List<WarpKernel> KERNELS =
      Arrays.stream(WarpKernel.values()).filter(WarpKernel::available).toList();

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    // 129 and 130 columns: a row's last pixels fall one or two columns past the float32 kernel's 128-column chunk
    int[][] shapes = {{37, 29}, {1, 17}, {16, 1}, {2, 2}, {150, 150}, {24, 40}, {5, 129}, {4, 130}};
    for (FillMode mode : FillMode.values()) {
      for (int order = 0; order <= 1; order++) {
        for (int channels : new int[] {1, 2, 3, 4, 5}) {
          for (int[] s : shapes) {
            b.add(Arguments.of(mode, order, channels, s[0], s[1]));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} order {1} c={2} {3}x{4}")
  @MethodSource("cases")
  void warp_bitIdenticalToReference(FillMode mode, int order, int channels, int h, int w) {
    NumpyRandom rng = new NumpyRandom(h * 1000L + w * 10L + channels + order * 7L + mode.ordinal() * 131L);
    float[] src = new float[h * w * channels];
    byte[] bytes = new byte[src.length];
    for (int i = 0; i < src.length; i++) {
      int v = (int) (rng.randomSample() * 256);
      bytes[i] = (byte) v;
      src[i] = v;
    }
    float[] noise = src.clone();
    for (int i = 0; i < noise.length; i++) {
      noise[i] += (float) rng.randomSample();
    }
    for (int trial = 0; trial < 12; trial++) {
      AffineMatrix m = matrix(rng, trial, h, w);
      double cval = trial % 3 == 0 ? 0 : 17.5;
      boolean flipH = trial % 2 == 1;
      boolean flipV = trial % 4 >= 2;
      float[] want = new float[src.length];
      ReferenceWarp.warp(noise, want, h, w, channels, m, mode, cval, order);
      float[] got = new float[src.length];
      AffineWarp.warp(noise, got, h, w, channels, m, mode, cval, order);
      assertSame(got, want, "plain", m, trial);

      float[] wantFlipped = want.clone();
      if (flipH) {
        Flip.horizontal(wantFlipped, h, w, channels);
      }
      if (flipV) {
        Flip.vertical(wantFlipped, h, w, channels);
      }
      for (WarpKernel kernel : KERNELS) {
        // written at an offset into a larger array whose other values must stay untouched
        int offset = 1 + trial;
        float[] slot = new float[offset + src.length + 5];
        Arrays.fill(slot, -7.25f);
        AffineWarp.warp(noise, slot, offset, h, w, channels, m, mode, cval, order, flipH, flipV, kernel);
        String what = "flipped, " + kernel + " kernel";
        assertSame(Arrays.copyOfRange(slot, offset, offset + src.length), wantFlipped, what, m, trial);
        float[] outside = new float[offset + 5];
        System.arraycopy(slot, 0, outside, 0, offset);
        System.arraycopy(slot, offset + src.length, outside, offset, 5);
        float[] untouched = new float[offset + 5];
        Arrays.fill(untouched, -7.25f);
        assertSame(outside, untouched, what + ", values outside the slot", m, trial);
      }

      if (order == 1) {
        // the float32 blend: within 2e-4 of the exact result on the 0-255 scale, flips fused the same way, written
        // at an offset into a larger array whose other values must stay untouched
        int offset = 3 + trial;
        float[] slot = new float[offset + src.length + 5];
        Arrays.fill(slot, -7.25f);
        AffineWarp.warp(noise, slot, offset, h, w, channels, m, mode, cval, order, flipH, flipV, true);
        String what = "float32 (" + (AffineWarp.float32Native(channels) ? "native" : "exact") + " kernel)";
        assertWithin(Arrays.copyOfRange(slot, offset, offset + src.length), wantFlipped, 2e-4, what, m, trial);
        for (int i : new int[] {0, offset - 1, offset + src.length, slot.length - 1}) {
          assertThat(slot[i]).as("%s: value %d outside the slot", what, i).isEqualTo(-7.25f);
        }
      }

      float[] wantBytes = new float[src.length];
      ReferenceWarp.warp(src, wantBytes, h, w, channels, m, mode, cval, order);
      if (flipH) {
        Flip.horizontal(wantBytes, h, w, channels);
      }
      if (flipV) {
        Flip.vertical(wantBytes, h, w, channels);
      }
      for (WarpKernel kernel : KERNELS) {
        float[] gotBytes = new float[src.length];
        AffineWarp.warp(bytes, gotBytes, h, w, channels, m, mode, cval, order, flipH, flipV, kernel);
        assertSame(gotBytes, wantBytes, "uint8, " + kernel + " kernel", m, trial);
      }
    }
  }

  /**
   * Maps whose coordinates are NaN, infinite or beyond 2^30, and reflect/mirror taps many periods away: the float32
   * kernel leaves its vector paths for the exact per-pixel rules and stays within 2e-4 of the exact kernel.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void float32_extremeMaps_withinBoundOfExact(FillMode mode) {
    int h = 23;
    int w = 37;
    NumpyRandom rng = new NumpyRandom(5 + mode.ordinal());
    for (int channels = 1; channels <= 4; channels++) {
      float[] src = new float[h * w * channels];
      for (int i = 0; i < src.length; i++) {
        src[i] = (float) (rng.randomSample() * 255);
      }
      AffineMatrix[] maps = {AffineMatrix.ofPullMap(1, 0, Double.NaN, 0, 1, 0),
          AffineMatrix.ofPullMap(1, 0, 0, 0, 1, Double.POSITIVE_INFINITY),
          AffineMatrix.ofPullMap(1, 0, 3e9, 0, 1, -2e9), AffineMatrix.ofPullMap(1, 0, 0, 0, 1e8, 0),
          AffineMatrix.ofPullMap(3, 0.5, -5 * h, 0.25, 2, 7 * w), AffineMatrix.ofPullMap(1, 0, 0, 0, -1, 1.5 * w),
          AffineMatrix.ofPullMap(0.1, 0.3, 0.5, -0.2, 0.9, w - 1.0)};
      for (int k = 0; k < maps.length; k++) {
        float[] want = new float[src.length];
        AffineWarp.warp(src, want, 0, h, w, channels, maps[k], mode, 4.5, 1, k % 2 == 1, k % 3 == 1);
        float[] got = new float[src.length];
        AffineWarp.warp(src, got, 0, h, w, channels, maps[k], mode, 4.5, 1, k % 2 == 1, k % 3 == 1, true);
        assertWithin(got, want, 2e-4, "float32 c=" + channels, maps[k], k);
      }
    }
  }

  /**
   * Every width around the float32 kernel's 16-column blocks and 128-column chunks, 1-4 channels, both flips, written
   * at an offset between sentinels: within 2e-4 of the exact kernel, nothing written outside the slot.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void float32_everyWidthAroundBlocksAndChunks(FillMode mode) {
    NumpyRandom rng = new NumpyRandom(91 + mode.ordinal());
    int[] widths = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 35),
        java.util.stream.IntStream.rangeClosed(120, 140)).toArray();
    for (int cell = 0; cell < 4 * widths.length; cell++) {
      int w = widths[cell / 4];
      int channels = 1 + cell % 4;
      int h = 1 + (w % 5);
      float[] src = new float[h * w * channels];
      for (int i = 0; i < src.length; i++) {
        src[i] = (float) (rng.randomSample() * 255);
      }
      for (int k = 0; k < 4; k++) {
        AffineMatrix m = matrix(rng, 6 + k, h, w);
        boolean flipH = k % 2 == 1;
        boolean flipV = k >= 2;
        float[] want = new float[src.length];
        AffineWarp.warp(src, want, 0, h, w, channels, m, mode, 9.5, 1, flipH, flipV);
        int offset = 7;
        float[] slot = new float[offset + src.length + 7];
        Arrays.fill(slot, -7.25f);
        AffineWarp.warp(src, slot, offset, h, w, channels, m, mode, 9.5, 1, flipH, flipV, true);
        String what = "float32 " + h + "x" + w + "x" + channels;
        assertWithin(Arrays.copyOfRange(slot, offset, offset + src.length), want, 2e-4, what, m, k);
        for (int i = 0; i < offset; i++) {
          assertThat(slot[i]).as("%s: value %d before the slot", what, i).isEqualTo(-7.25f);
          assertThat(slot[offset + src.length + i]).as("%s: value %d after the slot", what, i).isEqualTo(-7.25f);
        }
      }
    }
  }

  /** Bit-for-bit equality (NaN-aware), reporting only the first mismatch (AssertJ's array diff is quadratic). */
  private static void assertSame(float[] got, float[] want, String what, AffineMatrix m, int trial) {
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
        throw new AssertionError(String.format(java.util.Locale.ROOT, "%s %s trial %d: index %d is %s, expected %s",
            what, m, trial, i, got[i], want[i]));
      }
    }
  }

  /** {@code |got − want| ≤ bound} everywhere (same NaN positions), reporting the first violation. */
  private static void assertWithin(float[] got, float[] want, double bound, String what, AffineMatrix m,
      int trial) {
    for (int i = 0; i < want.length; i++) {
      if (Float.isNaN(want[i]) ? !Float.isNaN(got[i]) : !(Math.abs(got[i] - want[i]) <= bound)) {
        throw new AssertionError(String.format(java.util.Locale.ROOT, "%s %s trial %d: index %d is %s, expected %s "
            + "within %s", what, m, trial, i, got[i], want[i], bound));
      }
    }
  }

  /** Keras-like random transforms plus pure shifts/zooms, exact-integer coordinates and extreme maps. */
  private static AffineMatrix matrix(NumpyRandom rng, int trial, int h, int w) {
    switch (trial) {
      case 0:
        return AffineMatrix.ofPullMap(1, 0, 0, 0, 1, 0); // identity: every coordinate an exact integer
      case 1:
        return AffineMatrix.ofPullMap(1, 0, 3, 0, 1, -2); // integer shift
      case 2:
        return AffineMatrix.ofPullMap(0, 1, 0, 1, 0, 0); // transpose-like, a00 = 0
      case 3:
        return AffineMatrix.ofPullMap(-1, 0, h - 1, 0, -1, w - 1); // 180°: coordinates hit the far edge exactly
      case 4:
        return AffineMatrix.ofPullMap(40, 3, -7, -2, 55, 1e3); // far outside, many periods
      case 5:
        return AffineMatrix.ofPullMap(0.5, 0, 0.25, 0, 0.5, 0.25); // zoom in, half-pixel coordinates
      default:
        return AffineMatrix.of(rng.uniform(-180, 180), rng.uniform(-0.3, 0.3) * h, rng.uniform(-0.3, 0.3) * w,
            rng.uniform(-30, 30), rng.uniform(0.6, 1.5), rng.uniform(0.6, 1.5), h, w, trial % 2 == 0);
    }
  }

  /**
   * The test JVM adds {@code jdk.incubator.vector}, so the vector kernel runs. The native kernel runs exactly when the
   * build compiled it into the classes (gcc on Linux x86-64; without gcc the build skips it) and the CPU has
   * AVX-512F. With two or more kernels available the default is measured among them.
   */
  @Test
  void kernels_availableAsBuilt() throws IOException {
    assertThat(WarpKernel.VECTOR.available()).isTrue();
    boolean built = NativeKernel.class.getResource("native/linux-x86_64/libtunawarp.so") != null;
    Path cpuinfo = Path.of("/proc/cpuinfo");
    boolean avx512 = System.getProperty("os.arch").equals("amd64") && Files.isReadable(cpuinfo)
        && Files.readString(cpuinfo).contains(" avx512f");
    String cpu = Files.isReadable(cpuinfo) ? Files.readString(cpuinfo) : "";
    avx512 &= cpu.contains(" avx512vl");
    assertThat(WarpKernel.NATIVE.available()).as(NativeKernel.unavailableReason() + "").isEqualTo(built && avx512);
    assertThat(WarpKernel.NATIVE_PACKED.available()).isEqualTo(built && avx512);
    assertThat(AffineWarp.float32Native(4)).isEqualTo(built && avx512);
    assertThat(AffineWarp.float32Native(5)).isFalse();
    assertThat(WarpKernel.select(null).measuring()).isTrue();
  }

  @Test
  void warp_slotBeyondDst_rejectedNamingOffset() {
    float[] src = new float[12];
    float[] dst = new float[20];
    assertThatThrownBy(() -> AffineWarp.warp(src, dst, 9, 2, 2, 3, AffineMatrix.ofPullMap(1, 0, 0, 0, 1, 0),
        FillMode.NEAREST, 0, 1, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dst must hold 12 values from dstOffset 9 but has 20");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void warp_sameArray_rejected(FillMode mode) {
    float[] a = new float[12];
    assertThatThrownBy(() -> AffineWarp.warp(a, a, 2, 2, 3, AffineMatrix.ofPullMap(1, 0, 0, 0, 1, 0), mode, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dst must not be the src array");
  }

  static Stream<FillMode> modes() {
    return Stream.of(FillMode.values());
  }
}
