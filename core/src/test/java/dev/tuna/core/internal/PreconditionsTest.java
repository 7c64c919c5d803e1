package dev.tuna.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class PreconditionsTest {
  @Test
  void requireSeed_acceptsTheNumpyRange_andNamesTheOptionOtherwise() {
    assertThat(Preconditions.requireSeed("seed", 0)).isZero();
    assertThat(Preconditions.requireSeed("seed", 0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
    assertThatThrownBy(() -> Preconditions.requireSeed("--seed", -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--seed must be in [0, 2^32) but was -1");
    assertThatThrownBy(() -> Preconditions.requireSeed("seed", 1L << 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("seed must be in [0, 2^32) but was 4294967296");
  }
}
