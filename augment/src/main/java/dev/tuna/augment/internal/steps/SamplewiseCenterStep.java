package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Standardizer;

/** Keras' {@code samplewise_center}: subtracts the sample's own mean. */
public final class SamplewiseCenterStep implements SampleStep {
  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    Standardizer.samplewiseCenter(x);
    return x;
  }
}
