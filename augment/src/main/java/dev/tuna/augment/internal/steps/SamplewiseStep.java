package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.internal.ops.Standardizer;
import java.util.function.Consumer;

/** Keras' {@code samplewise_center} or {@code samplewise_std_normalization}: each sample by its own statistics. */
public final class SamplewiseStep implements SampleStep {
  /** Subtracts the sample's own mean over all pixels and channels. */
  public static final SamplewiseStep CENTER = new SamplewiseStep(Standardizer::samplewiseCenter);
  /** Divides by the sample's own std plus 1e-6. */
  public static final SamplewiseStep STD = new SamplewiseStep(Standardizer::samplewiseStd);

  private final Consumer<float[]> inPlace;

  private SamplewiseStep(Consumer<float[]> inPlace) {
    this.inPlace = inPlace;
  }

  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    inPlace.accept(x);
    return x;
  }
}
