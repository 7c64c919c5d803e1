package dev.tuna.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Loads one of tuna's C libraries, which the build compiles for Linux x86-64 and packages next to the Java class
 * that uses it. Every library is optional: callers keep a Java path for when loading fails.
 */
public final class NativeLibrary {
  private NativeLibrary() {}

  /**
   * Loads {@code native/linux-x86_64/lib<name>.so} from beside {@code owner} (copied to a temporary file that is
   * deleted on exit), then runs {@code check}, the library's first native call, which returns null when the library
   * can be used here or why not (for example a missing CPU feature).
   *
   * @return null when the library loaded and passed {@code check}, else why not (another platform, missing resource,
   *     link error, the check's reason)
   */
  public static String load(Class<?> owner, String name, Supplier<String> check) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "no native " + name + " library for " + os + "/" + arch;
    }
    String resource = "native/linux-x86_64/lib" + name + ".so";
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        return resource + " is not on the class path next to " + owner.getName();
      }
      Path file = Files.createTempFile(name, ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      System.load(file.toAbsolutePath().toString());
      return check.get();
    } catch (IOException | LinkageError | SecurityException e) {
      return e.toString();
    }
  }
}
