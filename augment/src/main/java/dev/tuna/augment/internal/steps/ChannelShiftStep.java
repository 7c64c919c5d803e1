package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.ChannelShift;

/** Keras' channel shift: one intensity added to every value, clipped to the sample's own range. */
public final class ChannelShiftStep implements SampleStep {
  @Override
  public boolean active(TransformParameters p) {
    return p.channelShiftIntensity() != null;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    ChannelShift.apply(x, p.channelShiftIntensity());
    return x;
  }
}
