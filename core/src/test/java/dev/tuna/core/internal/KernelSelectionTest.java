package dev.tuna.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class KernelSelectionTest {
  enum K { SLOW, FAST, ABSENT }

  private static KernelSelection<K> select(String requested) {
    return KernelSelection.of("test kernel", K.values(), k -> k != K.ABSENT, requested, K.SLOW);
  }

  @Test
  void of_requestedAvailableKernel_caseInsensitive_isForced() {
    KernelSelection<K> s = select(" fast ");
    assertThat(s.measuring()).isFalse();
    assertThat(s.choice()).isEqualTo(new KernelChoice<>("test kernel", K.FAST, "forced", Map.of()));
    assertThat(s.choice()).hasToString("test kernel FAST (forced)");
  }

  @Test
  void of_unavailableOrUnknownRequest_measures() {
    for (String requested : new String[] {null, "absent", "gpu"}) {
      KernelSelection<K> s = select(requested);
      assertThat(s.measuring()).isTrue();
      assertThat(s.current()).isEqualTo(K.SLOW);
      assertThat(s.choice().how()).isEqualTo("measuring");
    }
  }

  @Test
  void of_oneAvailableKernel_isTheOnlyChoice() {
    KernelSelection<K> s = KernelSelection.of("test kernel", K.values(), k -> k == K.FAST, null, K.SLOW);
    assertThat(s.choice()).isEqualTo(new KernelChoice<>("test kernel", K.FAST, "only", Map.of()));
  }

  @Test
  void measuring_takesKernelsInTurn_ignoresWarmup_andSettlesOnTheLowestMedian() {
    KernelSelection<K> s = select(null);
    int perKernel = KernelSelection.WARMUP + KernelSelection.TIMED;
    for (int i = 0; i < 2 * perKernel; i++) {
      assertThat(s.measuring()).isTrue();
      K k = s.next();
      assertThat(k).isEqualTo(i % 2 == 0 ? K.SLOW : K.FAST);
      // FAST is the slower one while warming up; only the timed calls count
      long nanos = i < 2 * KernelSelection.WARMUP ? (k == K.FAST ? 9_000_000 : 1_000) : (k == K.FAST ? 1_000 : 2_000);
      s.record(k, nanos, 100);
    }
    assertThat(s.measuring()).isFalse();
    assertThat(s.choice()).isEqualTo(new KernelChoice<>("test kernel", K.FAST, "measured",
        Map.of(K.SLOW, 20.0, K.FAST, 10.0)));
    assertThat(s.choice()).hasToString("test kernel FAST (measured, ns per pixel: SLOW 20.0, FAST 10.0)");
    assertThat(s.next()).isEqualTo(K.FAST);
  }

  @Test
  void settle_runsTrialsUntilChosen() {
    KernelSelection<K> s = select(null);
    int[] runs = new int[K.values().length];
    KernelChoice<K> c = s.settle(10, k -> runs[k.ordinal()]++);
    assertThat(runs).containsExactly(KernelSelection.WARMUP + KernelSelection.TIMED,
        KernelSelection.WARMUP + KernelSelection.TIMED, 0);
    assertThat(c.how()).isEqualTo("measured");
    assertThat(c.nanosPerPixel()).containsOnlyKeys(K.SLOW, K.FAST);
    assertThat(s.current()).isEqualTo(c.kernel());
  }

  @Test
  void choice_copiesItsTimes() {
    Map<K, Double> times = new EnumMap<>(K.class);
    times.put(K.SLOW, 5.0);
    KernelChoice<K> c = new KernelChoice<>("test kernel", K.SLOW, "measured", times);
    times.put(K.FAST, 1.0);
    assertThat(c.nanosPerPixel()).containsOnlyKeys(K.SLOW);
  }
}
