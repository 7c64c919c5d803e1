package dev.tuna.augment.internal.warp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@code -Dtuna.warp.kernel} picks a kernel (the test JVM has every kernel, see AffineWarpTest). */
final class WarpKernelTest {
  private static final WarpKernel BEST = WarpKernel.NATIVE.available() ? WarpKernel.NATIVE : WarpKernel.VECTOR;

  @Test
  void choose_namedKernel_caseInsensitive() {
    assertThat(WarpKernel.choose("scalar")).isEqualTo(WarpKernel.SCALAR);
    assertThat(WarpKernel.choose(" Vector ")).isEqualTo(WarpKernel.VECTOR);
  }

  @Test
  void choose_unsetOrUnknown_fastestAvailable() {
    assertThat(WarpKernel.choose(null)).isEqualTo(BEST);
    assertThat(WarpKernel.choose("gpu")).isEqualTo(BEST);
    assertThat(WarpKernel.current()).isEqualTo(BEST);
  }

  @Test
  void scalar_alwaysAvailable() {
    assertThat(WarpKernel.SCALAR.available()).isTrue();
  }
}
