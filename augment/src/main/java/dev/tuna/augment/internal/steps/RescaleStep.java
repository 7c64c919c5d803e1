package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;

/** Keras' {@code x *= rescale} in float32; value by value, so it may also run on a sample's slot in a batch. */
public final class RescaleStep implements SampleStep {
  private final float factor;

  /**
   * The step multiplying by {@code factor}.
   *
   * @param factor Keras' {@code rescale}, not 0
   */
  public RescaleStep(double factor) {
    this.factor = (float) factor;
  }

  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    applyRange(x, 0, x.length);
    return x;
  }

  /**
   * Rescales {@code d[from, to)} in place.
   *
   * @param d the array
   * @param from the first index
   * @param to the index after the last
   */
  public void applyRange(float[] d, int from, int to) {
    for (int i = from; i < to; i++) {
      d[i] *= factor;
    }
  }
}
