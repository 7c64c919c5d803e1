package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.internal.KernelChoice;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The JPEG pick kernel is measured among the available ones (see KernelSelectionTest for the rules). */
final class PickKernelTest {
  @Test
  void settle_timesEveryAvailableKernel_andTakesTheFastest() {
    PickKernel[] available = Arrays.stream(PickKernel.values()).filter(PickKernel::available)
        .toArray(PickKernel[]::new);
    KernelChoice<PickKernel> c = PickKernel.settle();
    assertThat(PickKernel.current()).isEqualTo(c.kernel());
    if (available.length == 1) {
      assertThat(c.how()).isEqualTo("only");
      assertThat(c.kernel()).isEqualTo(PickKernel.JAVA);
    } else {
      assertThat(c.how()).isEqualTo("measured");
      assertThat(c.nanosPerPixel()).containsOnlyKeys(available);
      assertThat(c.nanosPerPixel().get(c.kernel())).isEqualTo(Collections.min(c.nanosPerPixel().values()));
    }
    assertThat(PickKernel.choice()).isSameAs(c);
  }
}
