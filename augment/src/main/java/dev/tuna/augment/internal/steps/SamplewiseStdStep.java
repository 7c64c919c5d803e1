package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Standardizer;

/** Keras' {@code samplewise_std_normalization}: divides by the sample's own std plus 1e-6. */
public final class SamplewiseStdStep implements SampleStep {
  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    Standardizer.samplewiseStd(x);
    return x;
  }
}
