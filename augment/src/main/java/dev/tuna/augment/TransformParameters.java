package dev.tuna.augment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One explicit set of Keras transform parameters, the dict that {@code get_random_transform} returns and
 * {@code apply_transform} consumes. Angles are in degrees; {@code tx}/{@code ty} in pixels with Keras' meaning
 * ({@code tx} comes from {@code height_shift_range}, {@code ty} from {@code width_shift_range}).
 *
 * @param theta rotation in degrees (0 = none)
 * @param tx first translation component (0 = none)
 * @param ty second translation component (0 = none)
 * @param shear shear angle in degrees (0 = none)
 * @param zx first zoom factor (1 = none)
 * @param zy second zoom factor (1 = none)
 * @param flipHorizontal reverse the columns
 * @param flipVertical reverse the rows
 * @param channelShiftIntensity value added to every channel, or null for none
 * @param brightness PIL brightness factor, or null for none
 */
public record TransformParameters(double theta, double tx, double ty, double shear, double zx, double zy,
    boolean flipHorizontal, boolean flipVertical, Double channelShiftIntensity, Double brightness) {

  /** The parameters that leave an image unchanged. */
  public static final TransformParameters IDENTITY =
      new TransformParameters(0, 0, 0, 0, 1, 1, false, false, null, null);

  /**
   * Reads a Keras parameter dict; missing keys take {@code apply_transform}'s defaults. Flip values may be booleans
   * or numbers (non-zero = flip).
   *
   * @param m the parameters by Keras name, e.g. {@code theta} or {@code flip_horizontal}
   * @return the parameters
   */
  public static TransformParameters fromMap(Map<String, ?> m) {
    for (String key : m.keySet()) {
      if (!KEYS.containsKey(key)) {
        throw new IllegalArgumentException("unknown transform parameter " + key + "; expected one of "
            + KEYS.keySet());
      }
    }
    return new TransformParameters(num(m, "theta", 0), num(m, "tx", 0), num(m, "ty", 0), num(m, "shear", 0),
        num(m, "zx", 1), num(m, "zy", 1), flag(m, "flip_horizontal"), flag(m, "flip_vertical"),
        optional(m, "channel_shift_intensity"), optional(m, "brightness"));
  }

  private static final Map<String, Boolean> KEYS = new LinkedHashMap<>();

  static {
    for (String k : new String[] {"theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical",
        "channel_shift_intensity", "brightness"}) {
      KEYS.put(k, Boolean.TRUE);
    }
  }

  private static double num(Map<String, ?> m, String key, double dflt) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(key + " must be a number but was " + v);
  }

  private static Double optional(Map<String, ?> m, String key) {
    return m.get(key) == null ? null : num(m, key, 0);
  }

  private static boolean flag(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    throw new IllegalArgumentException(key + " must be a boolean or 0/1 but was " + v);
  }

  /**
   * The Keras dict with all ten keys, flips as 0/1 like Keras.
   *
   * @return a new map from Keras name to value
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("theta", theta);
    m.put("tx", tx);
    m.put("ty", ty);
    m.put("shear", shear);
    m.put("zx", zx);
    m.put("zy", zy);
    m.put("flip_horizontal", flipHorizontal ? 1 : 0);
    m.put("flip_vertical", flipVertical ? 1 : 0);
    m.put("channel_shift_intensity", channelShiftIntensity);
    m.put("brightness", brightness);
    return m;
  }
}
