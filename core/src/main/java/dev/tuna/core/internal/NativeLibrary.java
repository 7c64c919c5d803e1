package dev.tuna.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loads one of tuna's C libraries, which the build compiles for Linux x86-64 and packages next to the Java class
 * that uses it. Every library is optional: callers keep a Java path for when loading fails.
 *
 * <p>Why a library is not used is logged once per library through the {@link System.Logger} named after this
 * class: at WARNING when the library is there but fails to load (a broken or incompatible file, a link error), at
 * DEBUG when there is none for this platform or the CPU lacks what it needs.
 */
public final class NativeLibrary {
  private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

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
      return notUsed(name, Level.DEBUG, "no native " + name + " library for " + os + "/" + arch);
    }
    String resource = "native/linux-x86_64/lib" + name + ".so";
    String reason;
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        return notUsed(name, Level.DEBUG, resource + " is not on the class path next to " + owner.getName());
      }
      Path file = Files.createTempFile(name, ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      System.load(file.toAbsolutePath().toString());
    } catch (IOException | LinkageError | SecurityException e) {
      return notUsed(name, Level.WARNING, e.toString());
    }
    try {
      reason = check.get();
    } catch (LinkageError | RuntimeException e) {
      return notUsed(name, Level.WARNING, e.toString());
    }
    return reason == null ? null : notUsed(name, Level.DEBUG, reason);
  }

  /** Logs, once per library, why it is not used; returns {@code reason}. */
  private static String notUsed(String name, Level level, String reason) {
    if (LOGGED.add(name)) {
      LOG.log(level, "native " + name + " library not used, tuna runs its Java code instead: " + reason);
    }
    return reason;
  }
}
