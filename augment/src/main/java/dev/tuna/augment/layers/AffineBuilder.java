package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.FillMode;

/**
 * The options of Keras' affine layers ({@code RandomRotation}, {@code RandomTranslation}, {@code RandomZoom},
 * {@code RandomShear}) on top of {@link LayerBuilder}'s: {@code fill_mode} (default reflect),
 * {@code interpolation} (default bilinear) and {@code fill_value} (default 0).
 *
 * @param <L> the layer
 * @param <B> the concrete builder
 */
public abstract class AffineBuilder<L extends AugmentationLayer, B extends AffineBuilder<L, B>>
    extends LayerBuilder<L, B> {
  FillMode fillMode = FillMode.REFLECT;
  private boolean fillModeSet;
  final SetOnce<Interpolation> interpolation = new SetOnce<>("interpolation", Interpolation.BILINEAR);
  float fillValue;
  private boolean fillValueSet;

  AffineBuilder() {}

  /**
   * How points outside the image are filled, as Keras' {@code fill_mode}: reflect (default), wrap, constant or
   * nearest (TF's semantics; {@code MIRROR} is not a Keras 3 layer mode).
   *
   * @param fillMode the fill mode
   * @return this builder
   */
  public B fillMode(FillMode fillMode) {
    requireNonNull("fillMode", fillMode);
    requireUnset(fillModeSet, "fillMode", this.fillMode);
    requireArgument(fillMode != FillMode.MIRROR,
        "fillMode must be one of reflect, wrap, constant, nearest but was %s", fillMode.kerasName());
    this.fillMode = fillMode;
    this.fillModeSet = true;
    return self();
  }

  /**
   * How the images are sampled, as Keras' {@code interpolation} (default bilinear); masks always use nearest.
   *
   * @param interpolation the interpolation
   * @return this builder
   */
  public B interpolation(Interpolation interpolation) {
    this.interpolation.set(interpolation);
    return self();
  }

  /**
   * The value outside the image with {@code fillMode(CONSTANT)}, as Keras' {@code fill_value} (default 0).
   *
   * @param fillValue the value
   * @return this builder
   */
  public B fillValue(double fillValue) {
    requireUnset(fillValueSet, "fillValue", this.fillValue);
    requireArgument(Double.isFinite(fillValue), "fillValue must be finite but was %s", fillValue);
    this.fillValue = (float) fillValue;
    this.fillValueSet = true;
    return self();
  }
}
