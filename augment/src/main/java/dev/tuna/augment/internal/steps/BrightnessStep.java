package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Brightness;

/** Keras' brightness shift through an 8-bit PIL image ({@code apply_brightness_shift(x, b, scale=False)}). */
public final class BrightnessStep implements SampleStep {
  @Override
  public boolean active(TransformParameters p) {
    return p.brightness() != null;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    Brightness.apply(x, channels, p.brightness());
    return x;
  }
}
