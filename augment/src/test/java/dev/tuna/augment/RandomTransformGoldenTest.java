package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded {@code getRandomTransform} / {@code randomTransform} against Keras for every option type (float, int,
 * list and tuple shift ranges, zoom forms, flips, channel shift, brightness), including the number of random words
 * consumed (fixture: gen_augment.py, random_transform/).
 */
final class RandomTransformGoldenTest {
  static Stream<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json("random_transform/cases.json").getAsJsonArray("cases")) {
      out.add(e.getAsJsonObject());
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void randomTransform_matchesKeras(JsonObject c) {
    ImageDataGenerator gen = KerasConfig.builder(c.getAsJsonObject("generator"),
        c.getAsJsonObject("python_types")).build();
    int h = c.getAsJsonArray("shape").get(0).getAsInt();
    int w = c.getAsJsonArray("shape").get(1).getAsInt();
    CountingRandom rng = new CountingRandom(c.get("seed").getAsLong());
    TransformParameters got = gen.getRandomTransform(h, w, rng);
    TransformParameters k = TransformParameters.fromMap(Fixtures.params(c.getAsJsonObject("params")));
    // -0.0 (a float choice times -1) and 0.0 are the same shift
    TransformParameters want = new TransformParameters(k.theta(), k.tx() + 0.0, k.ty() + 0.0, k.shear(), k.zx(),
        k.zy(), k.flipHorizontal(), k.flipVertical(), k.channelShiftIntensity(), k.brightness());
    String label = c.get("label").getAsString();
    assertThat(got).as(label).isEqualTo(want);
    assertThat(rng.words).as(label + ": 32-bit words consumed").isEqualTo(c.get("words_consumed").getAsInt());
    if (!c.get("image").isJsonNull()) {
      Image x = Fixtures.image("images/" + c.get("image").getAsString());
      Image expected = Fixtures.image("random_transform/" + c.get("output").getAsString());
      Image out = gen.randomTransform(x, c.get("seed").getAsLong());
      double max = 0;
      for (int i = 0; i < out.data().length; i++) {
        max = Math.max(max, Math.abs(out.data()[i] - expected.data()[i]));
      }
      assertThat(max).as(label + ": max |diff|").isLessThanOrEqualTo(1e-3);
    }
  }

  /** Counts the 32-bit words drawn, like NumPy's state position. */
  static final class CountingRandom implements dev.tuna.core.random.RandomSource {
    private final NumpyRandom delegate;
    int words;

    CountingRandom(long seed) {
      delegate = new NumpyRandom(seed);
    }

    @Override
    public void seed(long seed) {
      delegate.seed(seed);
    }

    @Override
    public long nextInt32() {
      words++;
      return delegate.nextInt32();
    }

    @Override
    public double randomSample() {
      words += 2;
      return delegate.randomSample();
    }

    @Override
    public long randint(long n) {
      // masked rejection: count by replaying on a copy
      NumpyRandom probe = delegate.copy();
      long v = delegate.randint(n);
      int used = 0;
      while (!sameState(probe, delegate)) {
        probe.nextInt32();
        used++;
      }
      words += used;
      return v;
    }

    private static boolean sameState(NumpyRandom a, NumpyRandom b) {
      NumpyRandom x = a.copy();
      NumpyRandom y = b.copy();
      return x.nextInt32() == y.nextInt32() && x.nextInt32() == y.nextInt32() && x.nextInt32() == y.nextInt32();
    }

    @Override
    public int[] permutation(int n) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void shuffle(int[] values) {
      throw new UnsupportedOperationException();
    }

    @Override
    public dev.tuna.core.random.RandomSource copy() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void copyFrom(dev.tuna.core.random.RandomSource other) {
      throw new UnsupportedOperationException();
    }
  }

}
