package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
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
    }
    assertThat(actual).containsExactly(expected);
  }
}
