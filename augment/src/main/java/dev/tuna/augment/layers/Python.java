package dev.tuna.augment.layers;

/** Python's spelling of numbers in Keras' messages. */
final class Python {
  private Python() {}

  /** Integral values without a fraction ({@code 1}), others as Java spells them ({@code 0.2}). */
  static String repr(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A pair as a Python tuple of two numbers, {@code (0, 255)}. */
  static String pair(double[] v) {
    return "(" + repr(v[0]) + ", " + repr(v[1]) + ")";
  }
}
