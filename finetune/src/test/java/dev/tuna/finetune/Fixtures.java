package dev.tuna.finetune;

import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test fixtures: resource paths and {@code .npy}/{@code .npz} arrays as float32, read with core's {@code Npy}. */
public final class Fixtures {
  private Fixtures() {}

  /** A float32 array with its shape. */
  public record Npy(long[] shape, float[] data) {}

  public static Path resource(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + relative, e);
    }
  }

  public static Path miniVgg(String relative) {
    return resource("keras-mini-vgg/" + relative);
  }

  public static Npy npy(Path path) {
    try {
      NpyArray a = dev.tuna.core.io.Npy.read(path);
      return new Npy(Arrays.stream(a.shape()).asLongStream().toArray(), a.floats());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Npy npy(String relative) {
    return npy(resource(relative));
  }

  /** The arrays of an {@code np.savez} archive, by name. */
  public static Map<String, Npy> npz(Path path) {
    Map<String, Npy> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        Path entry = Files.createTempFile("tuna-npz-", ".npy");
        try {
          Files.copy(zip, entry, StandardCopyOption.REPLACE_EXISTING);
          out.put(e.getName().replaceAll("\\.npy$", ""), npy(entry));
        } finally {
          Files.delete(entry);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Max |a-b| / max(|b|, floor). */
  public static double maxRelativeError(float[] actual, float[] expected, double floor) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
      worst = Math.max(worst, d);
    }
    return worst;
  }

  public static double maxAbsError(float[] actual, float[] expected) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    return worst;
  }
}
