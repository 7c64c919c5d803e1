package dev.tuna.examples.internal;

import dev.tuna.core.internal.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's embedded files (written by {@code tools/keras-reference/gen_demo.py}): the chelsea photo, the
 * pretrained mini-VGG backbone and 20 + 20 Fashion-MNIST images per held-out class, copied out of the jar.
 */
public final class DemoResources {
  private static final String ROOT = "/dev/tuna/examples/demo/";

  private DemoResources() {}

  /** Copies every embedded file under {@code dir} (keeping relative paths) and returns {@code dir}. */
  public static Path extractTo(Path dir) {
    try (InputStream index = open("index.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Path target = dir.resolve(line.trim());
        try (InputStream in = open(line.trim())) {
          AtomicFiles.write(target, in.readAllBytes());
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the demo files to " + dir, e);
    }
  }

  /** Extracts into a fresh temporary directory. */
  public static Path extractToTemp() {
    try {
      return extractTo(Files.createTempDirectory("tuna-demo-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = DemoResources.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException("missing demo resource " + ROOT + name + "; run tools/keras-reference/gen_demo.py");
    }
    return in;
  }
}
