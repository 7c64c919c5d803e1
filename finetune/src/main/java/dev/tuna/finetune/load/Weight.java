package dev.tuna.finetune.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * One named float32 weight read from a Keras file, in Keras' layout (HWIO kernels, row-major).
 *
 * <p>The values array is shared, not copied: treat it as read-only.
 */
public final class Weight {
  private final String name;
  private final long[] shape;
  private final float[] values;

  Weight(String name, long[] shape, float[] values) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "weight %s has shape %s but %d values", name, Arrays.toString(shape), values.length));
    }
    this.name = name;
    this.shape = shape.clone();
    this.values = values;
  }

  /**
   * Creates a weight; {@code values.length} must equal the product of {@code shape}.
   *
   * @param name the Keras name, e.g. {@code block1_conv1/kernel}
   * @param shape the shape
   * @param values the values in row-major order
   * @return the weight
   */
  public static Weight of(String name, long[] shape, float[] values) {
    return new Weight(name, shape, values);
  }

  /**
   * The Keras name, {@code layer/kernel} or {@code layer/bias}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The layer part of {@link #name()}.
   *
   * @return the layer name
   */
  public String layer() {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  /** {@return a copy of the shape} */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The values in row-major order (not copied).
   *
   * @return the values
   */
  public float[] values() {
    return values;
  }

  /**
   * Number of scalars.
   *
   * @return the value count
   */
  public int size() {
    return values.length;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
