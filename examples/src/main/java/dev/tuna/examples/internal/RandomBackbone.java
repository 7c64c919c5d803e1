package dev.tuna.examples.internal;

import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backbone with the same layers as a pretrained one but Keras' default initialisation: Glorot-uniform kernels
 * ({@code limit = sqrt(6 / (fan_in + fan_out))}, fans {@code kh*kw*in} and {@code kh*kw*out}), zero biases. The
 * contrast that shows what pretraining is worth.
 */
public final class RandomBackbone {
  private RandomBackbone() {}

  public static KerasWeights like(KerasWeights pretrained, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Map<String, Weight> out = new LinkedHashMap<>();
    for (Weight w : pretrained.all().values()) {
      long[] shape = w.shape();
      float[] v = new float[w.size()];
      if (shape.length == 4) {
        double receptive = shape[0] * shape[1];
        double limit = Math.sqrt(6 / (receptive * shape[2] + receptive * shape[3]));
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (-limit + 2 * limit * rng.randomSample());
        }
      }
      out.put(w.name(), Weight.of(w.name(), shape, v));
    }
    return KerasWeights.of(out);
  }
}
