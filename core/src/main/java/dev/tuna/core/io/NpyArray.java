package dev.tuna.core.io;

import dev.tuna.core.image.Image;
import java.util.Arrays;

/**
 * An array read from a {@code .npy} file: its shape, its NumPy dtype, and its values in C order.
 *
 * <p>Immutable: every accessor returns a new array.
 */
public final class NpyArray {
  /** The dtypes tuna reads and writes, all little-endian where it matters. */
  public enum DType {
    /** {@code float32}, {@code <f4}. */
    FLOAT32("<f4", 4),
    /** {@code float64}, {@code <f8}. */
    FLOAT64("<f8", 8),
    /** {@code uint8}, {@code |u1}. */
    UINT8("|u1", 1),
    /** {@code uint16}, {@code <u2}. */
    UINT16("<u2", 2),
    /** {@code int32}, {@code <i4}. */
    INT32("<i4", 4),
    /** {@code int64}, {@code <i8}. */
    INT64("<i8", 8);

    private final String descr;
    private final int size;

    DType(String descr, int size) {
      this.descr = descr;
      this.size = size;
    }

    /**
     * NumPy's {@code dtype.str}, e.g. {@code <f4}.
     *
     * @return the descr string
     */
    public String descr() {
      return descr;
    }

    /**
     * Bytes per element.
     *
     * @return the element size in bytes
     */
    public int size() {
      return size;
    }

    /** The dtype for a NumPy descr; single-byte types accept any byte-order character. */
    static DType fromDescr(String descr) {
      String d = descr.equals("<u1") || descr.equals(">u1") || descr.equals("=u1") ? "|u1" : descr;
      for (DType t : values()) {
        if (t.descr.equals(d)) {
          return t;
        }
      }
      return null;
    }
  }

  private final int[] shape;
  private final DType dtype;
  private final Object data;

  NpyArray(int[] shape, DType dtype, Object data) {
    this.shape = shape.clone();
    this.dtype = dtype;
    this.data = data;
  }

  /**
   * The shape; empty for a 0-d array.
   *
   * @return a copy of the shape
   */
  public int[] shape() {
    return shape.clone();
  }

  /** {@return the element type} */
  public DType dtype() {
    return dtype;
  }

  /**
   * Number of elements (1 for a 0-d array).
   *
   * @return the element count
   */
  public int size() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * The values as float32 in a new array: a copy for FLOAT32, converted (possibly rounded) otherwise.
   *
   * @return the values as float32
   */
  public float[] floats() {
    switch (dtype) {
      case FLOAT32:
        return ((float[]) data).clone();
      case FLOAT64: {
        double[] d = (double[]) data;
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = (float) d[i];
        }
        return out;
      }
      default: {
        long[] l = longs();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
          out[i] = l[i];
        }
        return out;
      }
    }
  }

  /**
   * The values as float64 (exact for every supported dtype except large INT64 values).
   *
   * @return the values as float64
   */
  public double[] doubles() {
    if (dtype == DType.FLOAT64) {
      return ((double[]) data).clone();
    }
    if (dtype == DType.FLOAT32) {
      float[] f = (float[]) data;
      double[] out = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
      return out;
    }
    return Arrays.stream(longs()).asDoubleStream().toArray();
  }

  /**
   * The values of an integer array (UINT8, UINT16, INT32, INT64) as a new long array.
   *
   * @return the values as longs
   * @throws IllegalStateException for floating-point dtypes
   */
  public long[] longs() {
    switch (dtype) {
      case UINT8: {
        byte[] b = (byte[]) data;
        long[] out = new long[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = b[i] & 0xFF;
        }
        return out;
      }
      case UINT16: {
        short[] b = (short[]) data;
        long[] out = new long[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = b[i] & 0xFFFF;
        }
        return out;
      }
      case INT32:
        return Arrays.stream((int[]) data).asLongStream().toArray();
      case INT64:
        return ((long[]) data).clone();
      default:
        throw new IllegalStateException("longs() needs an integer dtype but this array is " + dtype.descr);
    }
  }

  /**
   * The raw bytes of a UINT8 array (a copy).
   *
   * @return a copy of the bytes
   * @throws IllegalStateException for other dtypes
   */
  public byte[] bytes() {
    if (dtype != DType.UINT8) {
      throw new IllegalStateException("bytes() needs dtype |u1 but this array is " + dtype.descr);
    }
    return ((byte[]) data).clone();
  }

  /**
   * A 3-D {@code (height, width, channels)} array as an {@link Image} (values converted to float32).
   *
   * @return a new image
   * @throws IllegalStateException if the array is not 3-D
   */
  public Image toImage() {
    if (shape.length != 3) {
      throw new IllegalStateException("toImage() needs a 3-D (height, width, channels) array but the shape is "
          + Arrays.toString(shape));
    }
    return Image.wrap(shape[0], shape[1], shape[2], floats());
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype.descr + " " + Arrays.toString(shape) + "]";
  }
}
