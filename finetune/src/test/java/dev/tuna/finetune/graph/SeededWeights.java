package dev.tuna.finetune.graph;

import dev.tuna.core.random.NumpyRandom;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The seeded weights of tools/keras-reference/gen_anycnn.py: weight j of layer L gets
 * {@code float32(lo + (hi - lo) * RandomState(crc32("L/j")).random_sample(shape))}, bounds by weight name.
 */
final class SeededWeights implements WeightSource {
  @Override
  public float[] values(WeightSpec spec) {
    float[] out = new float[Math.toIntExact(spec.size())];
    if (spec.name().equals("count")) {
      return out;
    }
    CRC32 crc = new CRC32();
    crc.update(spec.key().getBytes(StandardCharsets.UTF_8));
    NumpyRandom r = new NumpyRandom(crc.getValue());
    double[] b = bounds(spec);
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (b[0] + (b[1] - b[0]) * r.randomSample());
    }
    return out;
  }

  private static double[] bounds(WeightSpec spec) {
    long[] s = spec.shape();
    String n = spec.name();
    if (n.equals("depthwise_kernel") || (n.equals("kernel") && spec.layerClass().equals("DepthwiseConv2D"))) {
      double a = Math.sqrt(6.0 / (s[0] * s[1]));
      return new double[] {-a, a};
    }
    if (n.equals("kernel") || n.equals("pointwise_kernel")) {
      long fanIn = 1;
      for (int i = 0; i < s.length - 1; i++) {
        fanIn *= s[i];
      }
      double a = Math.sqrt(6.0 / fanIn);
      return new double[] {-a, a};
    }
    if (n.equals("gamma")) {
      return new double[] {0.8, 1.2};
    }
    if (n.equals("moving_variance") || n.equals("variance")) {
      return new double[] {0.5, 1.5};
    }
    return new double[] {-0.1, 0.1};
  }
}
