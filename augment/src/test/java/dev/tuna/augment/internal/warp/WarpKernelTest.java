package dev.tuna.augment.internal.warp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.FillMode;
import dev.tuna.core.internal.KernelChoice;
import dev.tuna.core.internal.KernelSelection;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** How the warp kernel is chosen (the test JVM has the vector module; see KernelSelectionTest for the rules). */
final class WarpKernelTest {
  private static final WarpKernel[] AVAILABLE =
      Arrays.stream(WarpKernel.values()).filter(WarpKernel::available).toArray(WarpKernel[]::new);

  @Test
  void select_namedKernel_isForced() {
    assertThat(WarpKernel.select("scalar").choice().toString()).isEqualTo("warp kernel SCALAR (forced)");
  }

  @Test
  void settle_timesEveryAvailableKernelOnRealWarps_andTakesTheFastest() {
    KernelSelection<WarpKernel> s = WarpKernel.select(null);
    assertThat(s.measuring()).isTrue();
    KernelChoice<WarpKernel> c = WarpKernel.settle(s);
    assertThat(c.nanosPerPixel()).containsOnlyKeys(AVAILABLE);
    assertThat(c.nanosPerPixel().get(c.kernel())).isEqualTo(Collections.min(c.nanosPerPixel().values()));
    assertThat(c.toString()).startsWith("warp kernel " + c.kernel() + " (measured, ns per pixel: ");
  }

  @Test
  void publicWarp_whileMeasuring_givesTheSamePixelsWhicheverKernelRuns() {
    float[] src = new float[31 * 23 * 3];
    for (int i = 0; i < src.length; i++) {
      src[i] = (i * 13 % 97) * 1.5f;
    }
    AffineMatrix m = AffineMatrix.of(25, 1.5, -3, 8, 0.8, 1.2, 31, 23, false);
    float[] expected = new float[src.length];
    AffineWarp.warp(src, expected, 0, 31, 23, 3, m, FillMode.WRAP, 0, 1, true, false, WarpKernel.SCALAR);
    for (int i = 0; i < 3 * AVAILABLE.length; i++) {
      float[] out = new float[src.length];
      AffineWarp.warp(src, out, 31, 23, 3, m, FillMode.WRAP, 0, 1, true, false);
      assertThat(out).containsExactly(expected);
    }
  }

  @Test
  void current_isTheProcessWideSelection() {
    assertThat(WarpKernel.current()).isSameAs(WarpKernel.selection().current());
    assertThat(WarpKernel.settle().kernel()).isSameAs(WarpKernel.current());
  }

  @Test
  void scalar_alwaysAvailable() {
    assertThat(WarpKernel.SCALAR.available()).isTrue();
  }
}
