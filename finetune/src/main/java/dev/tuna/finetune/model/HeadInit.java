package dev.tuna.finetune.model;

import dev.tuna.core.random.NumpyRandom;
import dev.tuna.core.random.RandomSource;
import dev.tuna.finetune.load.Weight;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded Glorot-uniform head initialisation, reproducible in NumPy:
 * {@code rs = np.random.RandomState(seed)}; for {@code dense} then {@code dense_1},
 * {@code limit = sqrt(6 / (fan_in + fan_out))}, {@code rs.uniform(-limit, limit, (fan_in, fan_out)).astype(float32)};
 * biases are zero.
 */
public final class HeadInit {
  private HeadInit() {}

  /**
   * The four head weights ({@code dense/kernel}, {@code dense/bias}, {@code dense_1/kernel}, {@code dense_1/bias}),
   * or for the {@linkplain Head#globalAveragePooling GlobalAveragePooling2D head} the two of its one Dense layer.
   *
   * @param seed the seed of NumPy's {@code RandomState}
   * @param fanIn the input features of {@code dense}
   * @param head the head to initialise
   * @return the weights by Keras name
   */
  public static Map<String, Weight> glorotUniform(long seed, int fanIn, Head head) {
    RandomSource rng = new NumpyRandom(seed);
    Map<String, Weight> out = new LinkedHashMap<>();
    if (head.globalAveragePooling()) {
      out.put("dense/kernel", Weight.of("dense/kernel", new long[] {fanIn, head.classes()},
          uniform(rng, fanIn, head.classes())));
      out.put("dense/bias", Weight.of("dense/bias", new long[] {head.classes()}, new float[head.classes()]));
      return out;
    }
    out.put("dense/kernel", Weight.of("dense/kernel", new long[] {fanIn, head.units()},
        uniform(rng, fanIn, head.units())));
    out.put("dense/bias", Weight.of("dense/bias", new long[] {head.units()}, new float[head.units()]));
    out.put("dense_1/kernel", Weight.of("dense_1/kernel", new long[] {head.units(), head.classes()},
        uniform(rng, head.units(), head.classes())));
    out.put("dense_1/bias", Weight.of("dense_1/bias", new long[] {head.classes()}, new float[head.classes()]));
    return out;
  }

  private static float[] uniform(RandomSource rng, int fanIn, int fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] v = new float[fanIn * fanOut];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.uniform(-limit, limit);
    }
    return v;
  }
}
