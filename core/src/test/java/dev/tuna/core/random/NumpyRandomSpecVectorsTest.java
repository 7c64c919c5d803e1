package dev.tuna.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NumPy's published MT19937 vectors (np.random.seed(42) / seed(0)). */
final class NumpyRandomSpecVectorsTest {
  @Test
  void nextInt32_seed42() {
    NumpyRandom r = new NumpyRandom(42);
    assertThat(new long[] {r.nextInt32(), r.nextInt32(), r.nextInt32(), r.nextInt32(), r.nextInt32()})
        .containsExactly(1608637542L, 3421126067L, 4083286876L, 787846414L, 3143890026L);
  }

  @Test
  void randomSample_seed42_and_seed0() {
    NumpyRandom r = new NumpyRandom(42);
    assertThat(r.randomSample()).isEqualTo(0.3745401188473625);
    assertThat(r.randomSample()).isEqualTo(0.9507143064099162);
    assertThat(r.randomSample()).isEqualTo(0.7319939418114051);
    r.seed(0);
    assertThat(r.randomSample()).isEqualTo(0.5488135039273248);
    assertThat(r.randomSample()).isEqualTo(0.7151893663724195);
    assertThat(r.randomSample()).isEqualTo(0.6027633760716439);
  }

  @Test
  void permutation_seed42() {
    assertThat(new NumpyRandom(42).permutation(10)).containsExactly(8, 1, 5, 0, 7, 2, 9, 4, 3, 6);
  }

  @Test
  void copy_continuesIdentically() {
    NumpyRandom r = new NumpyRandom(7);
    r.randomSample();
    RandomSource c = r.copy();
    assertThat(c.randomSample()).isEqualTo(r.randomSample());
    r.seed(1);
    r.copyFrom(c);
    assertThat(r.nextInt32()).isEqualTo(c.nextInt32());
  }

  @Test
  void seed_outOfRange() {
    assertThatThrownBy(() -> new NumpyRandom(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seed must be between 0 and 2**32 - 1 but was -1");
    assertThatThrownBy(() -> new NumpyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4294967296");
  }

  @Test
  void randint_nonPositive() {
    assertThatThrownBy(() -> new NumpyRandom(1).randint(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("randint bound must be positive but was 0");
  }
}
