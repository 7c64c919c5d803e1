package dev.tuna.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PythonRandom} against CPython 3.11's {@code random.seed(s)}, {@code random.choice} and {@code random.shuffle}. */
final class PythonRandomTest {
  private static int[] choices(PythonRandom r, int n, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = r.randbelow(n);
    }
    return out;
  }

  @Test
  void choicesEqualCPythons() {
    // python3 -c "import random; random.seed(s); print([random.choice(range(12)) for _ in range(12)],
    //     [random.choice(range(8)) for _ in range(4)])"
    PythonRandom r42 = new PythonRandom(42);
    assertThat(choices(r42, 12, 12)).containsExactly(10, 1, 0, 11, 4, 3, 3, 2, 11, 1, 10, 11);
    assertThat(choices(r42, 8, 4)).containsExactly(1, 6, 0, 0);
    PythonRandom big = new PythonRandom((1L << 40) + 3); // a two-word key
    assertThat(choices(big, 12, 12)).containsExactly(3, 0, 8, 1, 9, 4, 11, 6, 3, 7, 8, 8);
    assertThat(choices(big, 8, 4)).containsExactly(5, 4, 4, 4);
    PythonRandom zero = new PythonRandom(0);
    assertThat(choices(zero, 12, 12)).containsExactly(6, 6, 0, 4, 8, 7, 6, 4, 7, 5, 9, 3);
    assertThat(choices(zero, 8, 4)).containsExactly(2, 4, 2, 1);
  }

  @Test
  void shufflesEqualCPythons() {
    // python3 -c "import random; random.seed(42); l = list(range(10)); random.shuffle(l); print(l)" (then 40)
    PythonRandom r42 = new PythonRandom(42);
    int[] ten = java.util.stream.IntStream.range(0, 10).toArray();
    r42.shuffle(ten);
    assertThat(ten).containsExactly(7, 3, 2, 8, 5, 6, 9, 4, 0, 1);
    int[] forty = java.util.stream.IntStream.range(0, 40).toArray();
    r42.shuffle(forty);
    assertThat(forty).containsExactly(25, 23, 19, 11, 4, 15, 26, 9, 29, 16, 31, 21, 12, 3, 39, 38, 10, 24, 35, 0, 8,
        18, 33, 7, 34, 30, 28, 20, 22, 6, 17, 36, 32, 14, 13, 5, 1, 2, 27, 37);
    int[] seven = java.util.stream.IntStream.range(0, 7).toArray();
    new PythonRandom((1L << 40) + 3).shuffle(seven);
    assertThat(seven).containsExactly(3, 6, 2, 5, 4, 0, 1);
    int[] one = {5};
    new PythonRandom(1).shuffle(one);
    assertThat(one).containsExactly(5);
  }
}
