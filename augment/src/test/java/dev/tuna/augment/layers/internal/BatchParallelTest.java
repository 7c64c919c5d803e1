package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every index once, on any number of threads; failures reach the caller; the thread-count property. */
final class BatchParallelTest {
  @Test
  void everyIndexRunsOnceAndTheWritesAreVisibleToTheCaller() {
    for (int threads : new int[] {1, 2, 3, 8, 64}) {
      for (int n : new int[] {0, 1, 2, 5, 33}) {
        AtomicIntegerArray calls = new AtomicIntegerArray(Math.max(n, 1));
        int[] plain = new int[n];
        BatchParallel.forEach(n, threads, i -> {
          calls.incrementAndGet(i);
          plain[i] = i + 1;
        });
        for (int i = 0; i < n; i++) {
          assertThat(calls.get(i)).as("calls of %d with %d threads", i, threads).isEqualTo(1);
          assertThat(plain[i]).as("write of %d with %d threads", i, threads).isEqualTo(i + 1);
        }
      }
    }
  }

  @Test
  void noMoreThreadsThanAskedTakePart() {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    BatchParallel.forEach(16, 2, i -> {
      seen.add(Thread.currentThread());
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(seen).contains(Thread.currentThread()).hasSizeBetween(1, 2);
  }

  @Test
  void aFailureOnAnyThreadReachesTheCaller() {
    assertThatThrownBy(() -> BatchParallel.forEach(20, 3, i -> {
      if (i == 13) {
        throw new IllegalStateException("image 13");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("image 13");
    assertThatThrownBy(() -> BatchParallel.forEach(4, 0, i -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be at least 1 but was 0");
  }

  @Test
  void theThreadCountComesFromThePropertyOrTheProcessors() {
    String old = System.getProperty(BatchParallel.PROPERTY);
    try {
      System.clearProperty(BatchParallel.PROPERTY);
      assertThat(BatchParallel.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
      System.setProperty(BatchParallel.PROPERTY, "3");
      assertThat(BatchParallel.threads()).isEqualTo(3);
      System.setProperty(BatchParallel.PROPERTY, "zero");
      assertThatThrownBy(BatchParallel::threads).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tuna.layers.threads must be a positive integer but was zero");
    } finally {
      if (old == null) {
        System.clearProperty(BatchParallel.PROPERTY);
      } else {
        System.setProperty(BatchParallel.PROPERTY, old);
      }
    }
  }
}
