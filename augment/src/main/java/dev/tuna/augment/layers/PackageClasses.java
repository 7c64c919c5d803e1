package dev.tuna.augment.layers;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The top-level classes of a class's package, read from the directory or jar the class was loaded from. */
final class PackageClasses {
  private static final System.Logger LOG = System.getLogger(PackageClasses.class.getName());

  private PackageClasses() {}

  /** Simple names of the top-level classes next to {@code anchor}; empty when the location cannot be listed. */
  static Set<String> simpleNames(Class<?> anchor) {
    Set<String> out = new TreeSet<>();
    URL url = anchor.getResource(anchor.getSimpleName() + ".class");
    if (url == null) {
      return out;
    }
    String dir = anchor.getPackageName().replace('.', '/') + "/";
    try {
      if ("file".equals(url.getProtocol())) {
        Path folder = Path.of(url.toURI()).getParent();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.class")) {
          for (Path f : files) {
            add(out, f.getFileName().toString());
          }
        }
      } else if ("jar".equals(url.getProtocol())) {
        JarURLConnection c = (JarURLConnection) url.openConnection();
        c.setUseCaches(false);
        try (JarFile jar = c.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
              add(out, name.substring(dir.length()));
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot list the classes of " + anchor.getPackageName(), e);
    }
    return out;
  }

  private static void add(Set<String> out, String file) {
    if (file.endsWith(".class") && file.indexOf('$') < 0 && !file.equals("package-info.class")) {
      out.add(file.substring(0, file.length() - ".class".length()));
    }
  }
}
