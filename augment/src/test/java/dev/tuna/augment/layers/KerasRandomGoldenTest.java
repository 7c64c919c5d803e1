package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** keras.random on the TF backend against real Keras 3.15.1 / TF 2.21 draws (fixture: layers/random.json). */
final class KerasRandomGoldenTest {
  private static final System.Logger LOG = System.getLogger(KerasRandomGoldenTest.class.getName());

  @Test
  void everyDrawMatchesKerasBitForBit() {
    JsonObject fixture = LayerFixtures.json("random.json");
    Map<String, long[]> stats = new TreeMap<>(); // op -> {values, differing values, max ulps}
    for (JsonElement c : fixture.getAsJsonArray("cases")) {
      JsonObject kase = c.getAsJsonObject();
      int n = kase.get("n").getAsInt();
      SeedGenerator gen = SeedGenerator.of(kase.get("seed").getAsLong());
      for (JsonElement d : kase.getAsJsonArray("draws")) {
        JsonObject draw = d.getAsJsonObject();
        String op = draw.get("op").getAsString();
        JsonObject args = draw.getAsJsonObject("args");
        JsonArray expected = draw.getAsJsonArray("values");
        String where = "seed " + kase.get("seed") + " n " + n + " " + op + " " + args;
        long[] s = stats.computeIfAbsent(op, k -> new long[3]);
        switch (op) {
          case "randint" -> assertThat(KerasRandom.randint(n, args.get("minval").getAsInt(),
              args.get("maxval").getAsInt(), gen)).as(where).containsExactly(LayerFixtures.ints(expected));
          case "randint64", "randint_uint8" -> {
            long[] got = KerasRandom.randintLong(n, args.get("minval").getAsLong(), args.get("maxval").getAsLong(),
                gen);
            for (int i = 0; i < n; i++) {
              assertThat(got[i]).as(where + " [" + i + "]").isEqualTo(expected.get(i).getAsLong());
            }
          }
          case "shuffle" -> assertThat(KerasRandom.shuffle(n, gen)).as(where)
              .containsExactly(LayerFixtures.ints(expected));
          default -> {
            float[] actual = switch (op) {
              case "uniform" -> KerasRandom.uniform(n, args.get("minval").getAsFloat(),
                  args.get("maxval").getAsFloat(), gen);
              case "normal" -> KerasRandom.normal(n, args.get("mean").getAsFloat(),
                  args.get("stddev").getAsFloat(), gen);
              case "gamma" -> KerasRandom.gamma(n, args.get("alpha").getAsFloat(), gen);
              case "beta" -> KerasRandom.beta(n, args.get("alpha").getAsFloat(),
                  args.get("beta").getAsFloat(), gen);
              default -> throw new AssertionError(op);
            };
            assertThat(actual).as(where).hasSize(expected.size());
            for (int i = 0; i < n; i++) {
              int want = (int) expected.get(i).getAsLong();
              int got = Float.floatToRawIntBits(actual[i]);
              long ulps = Math.abs((long) want - got);
              s[0]++;
              if (ulps != 0) {
                s[1]++;
              }
              s[2] = Math.max(s[2], ulps);
            }
          }
        }
      }
    }
    stats.forEach((op, s) -> LOG.log(System.Logger.Level.INFO,
        "keras.random.{0}: {1} float values, {2} differ, max {3} ulp", op, s[0], s[1], s[2]));
    assertThat(stats.get("uniform")[1]).as("uniform values differing from TF").isZero();
    assertThat(stats.get("gamma")[1]).as("gamma values differing from TF").isZero();
    assertThat(stats.get("beta")[1]).as("beta values differing from TF").isZero();
    assertThat(stats.get("normal")[1]).as("normal values differing from TF").isZero();
  }

  @Test
  void eightThousandNormalsMatchKerasBitForBit() {
    float[] want = LayerFixtures.npy("normal_8192_seed1234.npy").floats();
    float[] got = KerasRandom.normal(8192, 0f, 1f, SeedGenerator.of(1234));
    int differing = 0;
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
        differing++;
      }
    }
    assertThat(differing).as("normals differing from TF of " + want.length).isZero();
  }
}
