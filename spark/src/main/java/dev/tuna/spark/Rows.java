package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** Column checks and path keys shared by the transformers. */
final class Rows {
  private Rows() {}

  static void requireColumn(StructType schema, String name, DataType type) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("input column " + name + " is missing; the input has columns "
          + Arrays.toString(schema.fieldNames()) + " (read images with spark.read().format(\"binaryFile\"))");
    }
    DataType actual = schema.apply(name).dataType();
    if (!actual.equals(type)) {
      throw new IllegalArgumentException("input column " + name + " must be " + type.simpleString() + " but is "
          + actual.simpleString());
    }
  }

  static BadImagePolicy policy(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "fail" -> BadImagePolicy.FAIL;
      case "skip" -> BadImagePolicy.SKIP;
      default -> throw new IllegalArgumentException("onBadImage must be fail or skip but was " + value);
    };
  }

  /** The absolute path part of a path or URI ({@code file:/a/b} → {@code /a/b}), resolved on the driver. */
  static String absolute(String pathOrUri) {
    if (pathOrUri.isEmpty()) {
      return "";
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(pathOrUri);
    if (p.toUri().getScheme() == null && !p.isAbsolute()) {
      return Paths.get(pathOrUri).toAbsolutePath().normalize().toString();
    }
    return p.toUri().getPath();
  }

  /**
   * The key of {@code path}: relative to {@code base} (an {@link #absolute} path) when under it, else its last two
   * components (class folder and file name).
   */
  static String key(String path, String base) {
    String p = new org.apache.hadoop.fs.Path(path).toUri().getPath();
    if (!base.isEmpty()) {
      String prefix = base.endsWith("/") ? base : base + "/";
      if (p.startsWith(prefix)) {
        return p.substring(prefix.length());
      }
    }
    int last = p.lastIndexOf('/');
    int before = last > 0 ? p.lastIndexOf('/', last - 1) : -1;
    return p.substring(before + 1);
  }

  /** The class folder of a key, or null for a top-level file. */
  static String label(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? null : key.substring(0, slash);
  }

  /** The message of a decoding failure, naming the file. */
  static String decodeError(String path, Exception e) {
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    if (message.startsWith(path + ": ")) {
      message = message.substring(path.length() + 2);
    }
    return "cannot decode image " + path + ": " + message;
  }
}
