package dev.tuna.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The property the {@code .npy} fuzz target checks: {@link Npy#read} either returns an array whose data matches
 * its shape or throws an {@link IOException} naming the file, as documented; anything else is a finding.
 */
public final class NpyFuzzing {
  private static final Path FILE = tempFile();

  private NpyFuzzing() {}

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("tuna-npy-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("input.npy");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks one input; throws {@link AssertionError} (or whatever escaped) on a finding. */
  public static void check(byte[] data) throws IOException {
    Files.write(FILE, data);
    NpyArray array;
    try {
      array = Npy.read(FILE);
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith(FILE.toString())) {
        throw new AssertionError("IOException without the file name: " + e.getMessage(), e);
      }
      return;
    }
    long n = 1;
    for (int d : array.shape()) {
      n *= d;
    }
    if (n != array.size() || array.floats().length != n) {
      throw new AssertionError("shape " + Arrays.toString(array.shape()) + " but " + array.size() + " elements");
    }
  }
}
