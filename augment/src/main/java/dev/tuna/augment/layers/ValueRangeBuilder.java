package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

/**
 * The {@code value_range} option of Keras' colour, histogram and policy layers, on top of {@link LayerBuilder}'s
 * options. Each layer keeps the bounds as its Keras class keeps them: sorted or in the order given, and some require
 * a positive width; the layer's class comment says which.
 *
 * @param <L> the layer
 * @param <B> the concrete builder
 */
public abstract class ValueRangeBuilder<L extends AugmentationLayer, B extends ValueRangeBuilder<L, B>>
    extends LayerBuilder<L, B> {
  /** How a layer keeps the bounds of its {@code value_range}. */
  enum Bounds {
    /** Sorted, lower bound first. */
    SORTED(true, false),
    /** Sorted, and the two bounds must differ. */
    SORTED_POSITIVE_WIDTH(true, true),
    /** In the order given. */
    AS_GIVEN(false, false),
    /** In the order given, and the two bounds must differ. */
    AS_GIVEN_POSITIVE_WIDTH(false, true);

    private final boolean sorted;
    private final boolean positiveWidth;

    Bounds(boolean sorted, boolean positiveWidth) {
      this.sorted = sorted;
      this.positiveWidth = positiveWidth;
    }
  }

  private final Bounds bounds;
  ValueRange valueRange = ValueRange.DEFAULT;
  private boolean valueRangeSet;

  ValueRangeBuilder(Bounds bounds) {
    this.bounds = bounds;
  }

  /**
   * The pixel range of the input, as Keras' {@code value_range} (default (0, 255)).
   *
   * @param low the lower bound (the first, for layers that keep the bounds in the order given)
   * @param high the upper bound
   * @return this builder
   * @throws IllegalArgumentException when a bound is not finite, or the bounds are equal for a layer that requires a
   *     positive width
   */
  public B valueRange(double low, double high) {
    requireUnset(valueRangeSet, "valueRange", valueRange);
    ValueRange r = ValueRange.of(low, high);
    if (bounds.sorted) {
      r = r.sorted();
    }
    requireArgument(!bounds.positiveWidth || r.low() != r.high(), "valueRange must span a positive width but was %s",
        r);
    this.valueRange = r;
    this.valueRangeSet = true;
    return self();
  }
}
