package dev.tuna.core.data;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Python's string ordering and Keras' extension test. */
final class PythonOrder {
  /** Keras' {@code white_list_formats}; matched with {@code lower().endswith(...)}, so without a dot. */
  static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff");

  /** Unicode code-point order, like comparing Python {@code str}s (Java's compareTo orders UTF-16 units). */
  static final Comparator<String> CODE_POINTS = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  private PythonOrder() {}

  /** {@code name.lower().endswith(("png", "jpg", ...))}. */
  static boolean hasImageExtension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (lower.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }
}
