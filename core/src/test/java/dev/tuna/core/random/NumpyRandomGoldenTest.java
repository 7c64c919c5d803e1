package dev.tuna.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bit-exactness against NumPy's legacy RandomState outputs (fixture from tools/keras-reference/gen_rng.py). */
final class NumpyRandomGoldenTest {
  static Stream<JsonObject> seeds() throws IOException {
    try (Reader r = new InputStreamReader(
        NumpyRandomGoldenTest.class.getResourceAsStream("/numpy/rng.json"), StandardCharsets.UTF_8)) {
      JsonArray seeds = JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("seeds");
      List<JsonObject> out = new ArrayList<>();
      seeds.forEach(e -> out.add(e.getAsJsonObject()));
      return out.stream();
    }
  }

  private static long seed(JsonObject c) {
    return c.get("seed").getAsLong();
  }

  private static long[] longs(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsLong();
    }
    return v;
  }

  private static double[] doubles(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsDouble();
    }
    return v;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void next32_matchesNumpy(JsonObject c) {
    NumpyRandom r = new NumpyRandom(seed(c));
    long[] want = longs(c.get("next32"));
    for (long w : want) {
      assertThat(r.nextInt32()).isEqualTo(w);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomSampleAndUniform_matchNumpy(JsonObject c) {
    NumpyRandom r = new NumpyRandom(seed(c));
    for (double w : doubles(c.get("random_sample"))) {
      assertThat(r.randomSample()).isEqualTo(w);
    }
    r.seed(seed(c));
    for (double w : doubles(c.get("uniform"))) {
      assertThat(r.uniform(-3.5, 7.25)).isEqualTo(w);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randintAndChoice_matchNumpy(JsonObject c) {
    NumpyRandom r = new NumpyRandom(seed(c));
    for (Map.Entry<String, JsonElement> e : c.getAsJsonObject("randint").entrySet()) {
      r.seed(seed(c));
      long n = Long.parseLong(e.getKey());
      for (long w : longs(e.getValue())) {
        assertThat(r.randint(n)).as("randint(%d)", n).isEqualTo(w);
      }
    }
    r.seed(seed(c));
    for (long w : longs(c.get("choice_int"))) {
      assertThat(r.randint(5)).isEqualTo(w);
    }
    double[] list = {0.1, 0.2, 0.3};
    r.seed(seed(c));
    for (double w : doubles(c.get("choice_list"))) {
      assertThat(list[(int) r.randint(3)]).isEqualTo(w);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void permutationAndShuffle_matchNumpy(JsonObject c) {
    NumpyRandom r = new NumpyRandom(seed(c));
    assertThat(r.permutation(10)).containsExactly(ints(c.get("permutation_10")));
    r.seed(seed(c));
    assertThat(r.permutation(1000)).containsExactly(ints(c.get("permutation_1000")));
    r.seed(seed(c));
    int[] a = {0, 1, 2, 3, 4, 5, 6};
    r.shuffle(a);
    assertThat(a).containsExactly(ints(c.get("shuffle_7")));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interleavedKerasDrawOrder_matchesNumpy(JsonObject c) {
    NumpyRandom r = new NumpyRandom(seed(c));
    double[] want = doubles(c.get("interleaved"));
    assertThat(r.uniform(-20, 20)).isEqualTo(want[0]);
    assertThat((double) r.randint(3)).isEqualTo(want[1]);
    assertThat((double) r.randint(2)).isEqualTo(want[2]);
    assertThat(r.uniform(-0.1, 0.1)).isEqualTo(want[3]);
    assertThat(r.randomSample()).isEqualTo(want[4]);
    assertThat(r.randomSample()).isEqualTo(want[5]);
  }

  private static int[] ints(JsonElement e) {
    long[] l = longs(e);
    int[] v = new int[l.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) l[i];
    }
    return v;
  }
}
