package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The C pick of the JPEG fast path gives the Java pick's floats, pixel for pixel. */
class NativePickTest {

  /**
   * Available exactly when the build compiled the library into the classes (gcc on Linux x86-64; without gcc the
   * build skips it) and the JVM runs on Linux x86-64.
   */
  @Test
  void available_whenBuiltAndOnLinuxX8664() {
    boolean built = NativePick.class.getResource("native/linux-x86_64/libtunacodec.so") != null;
    boolean linuxX8664 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
        && System.getProperty("os.arch").equals("amd64");
    assertThat(NativePick.available()).as(NativePick.unavailableReason() + "").isEqualTo(built && linuxX8664);
  }

  static Stream<Arguments> sizes() {
    return Stream.of(
        Arguments.of(240, 180, 150, 150, false), // downscale, PIL maps
        Arguments.of(160, 320, 150, 150, false),
        Arguments.of(100, 90, 150, 150, false), // upscale: repeated rows and columns
        Arguments.of(37, 23, 33, 17, false), // widths off the 16-pixel blocks
        Arguments.of(16, 2, 16, 2, false), // one block, the last row included
        Arguments.of(1, 1, 5, 3, false),
        Arguments.of(240, 180, 150, 150, true), // -1 entries: zero pixels
        Arguments.of(50, 40, 47, 31, true));
  }

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}, holes {4}")
  @MethodSource("sizes")
  void pick_sameFloatsAsJava(int srcW, int srcH, int outW, int outH, boolean holes) {
    assumeTrue(NativePick.available(), NativePick::unavailableReason); // other platforms: Java pick only
    Random rnd = new Random(srcW * 31L + srcH + outW + (holes ? 7 : 0));
    byte[] bgr = new byte[srcW * srcH * 3];
    rnd.nextBytes(bgr);
    int[] xs = PilResample.accumulated((double) srcW / outW, 0, outW, srcW);
    int[] ys = PilResample.accumulated((double) srcH / outH, 0, outH, srcH);
    ys[ys.length - 1] = srcH - 1; // the source's last row always takes part
    if (holes) {
      for (int i = 0; i < xs.length; i += 5) {
        xs[i] = -1;
      }
      for (int i = 1; i < ys.length; i += 4) {
        ys[i] = -1;
      }
    }
    float[] expected = new float[outW * outH * 3];
    OpenCvCodec.pickNearest(bgr, srcW, xs, ys, outW, outH, expected);
    float[] actual = new float[expected.length];
    Arrays.fill(actual, Float.NaN); // every value must be written
    try (BytePointer p = new BytePointer(bgr)) {
      NativePick.pick(p.address(), srcW, srcH, xs, ys, outW, outH, actual);
      // both kernels into a slot of a larger array (a batch), stale content around and in it
      for (PickKernel k : PickKernel.values()) {
        float[] batch = new float[expected.length + 11];
        Arrays.fill(batch, Float.NaN);
        OpenCvCodec.pick(k, p, bgr.length, srcW, srcH, xs, ys, outW, outH, batch, 5);
        assertThat(Arrays.copyOfRange(batch, 5, 5 + expected.length)).as("%s into a slot", k)
            .containsExactly(expected);
        assertThat(Arrays.copyOfRange(batch, 0, 5)).containsOnly(Float.NaN);
        assertThat(Arrays.copyOfRange(batch, 5 + expected.length, batch.length)).containsOnly(Float.NaN);
      }
    }
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void pick_shortArrays_rejectedByTheJavaWrapper() {
    // checked before the native call, so this holds with and without the library
    assertThatThrownBy(() -> NativePick.pick(1, 4, 4, new int[3], new int[4], 4, 4, new float[48]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pick of 4x4 pixels needs xs >= 4, ys >= 4 and out >= 48 values but got 3, 4 and 48");
    assertThatThrownBy(() -> NativePick.pick(1, 4, 4, new int[4], new int[4], 4, 4, new float[47]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out >= 48 values but got 4, 4 and 47");
  }

  @Test
  void pick0_checksLengthsAndIndicesInC() {
    byte[] bgr = new byte[4 * 4 * 3];
    float[] out = new float[48];
    Arrays.fill(out, Float.NaN);
    try (BytePointer p = new BytePointer(bgr)) {
      long address = p.address();
      if (!NativePick.available()) {
        assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[4], new int[4], 4, 4, out, 0))
            .isInstanceOf(UnsatisfiedLinkError.class);
        return;
      }
      assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[3], new int[4], 4, 4, out, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pick of 4x4 pixels needs xs >= 4, ys >= 4 and out >= 48 values but got 3, 4 and 48");
      assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[4], new int[2], 4, 4, out, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4, 2 and 48");
      assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[4], new int[4], 4, 4, new float[47], 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4, 4 and 47");
      assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[] {0, 1, 4, 2}, new int[4], 4, 4, out, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pick column xs[2] = 4 must be below the source width 4");
      assertThatThrownBy(() -> NativePick.pick0(address, 4, 4, new int[4], new int[] {0, 9, 0, 0}, 4, 4, out, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pick row ys[1] = 9 must be below the source height 4");
      assertThat(out).as("nothing written when the call is rejected").containsOnly(Float.NaN);
    }
  }

  @Test
  void decodeRgb8_indexBeyondTheImage_throwsInsteadOfReturningNull() throws Exception {
    byte[] jpeg = java.nio.file.Files.readAllBytes(dev.tuna.core.Fixtures.pil("decode", "odd420.jpg"));
    Raster r = OpenCvCodec.decode(jpeg);
    int[] xs = new int[r.width];
    int[] ys = new int[r.height];
    xs[0] = r.width + 5;
    // the native pick rejects the index (IllegalArgumentException), the Java pick overruns (an index exception):
    // either way the bug surfaces instead of passing for an undecodable file
    assertThatThrownBy(() -> OpenCvCodec.decodeRgb8(jpeg, r.width, r.height, xs, ys, r.width, r.height))
        .isInstanceOf(NativePick.available() ? IllegalArgumentException.class
            : ArrayIndexOutOfBoundsException.class);
  }
}
