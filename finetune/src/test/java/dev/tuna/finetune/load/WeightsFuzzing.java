package dev.tuna.finetune.load;

import dev.tuna.finetune.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The property the Keras weight fuzz targets check: {@link KerasWeights#load} either returns weights whose values
 * match their shapes or throws the {@link KerasModelException} it documents, with a message; any other exception,
 * an error (such as running out of the fuzzing JVM's 512 MB heap) or a hang is a finding (FUZZING.md).
 */
public final class WeightsFuzzing {
  private static final Path DIR = tempDir();
  private static final String[] SAVED_MODEL_FILES = {"saved_model.pb", "variables/variables.index",
      "variables/variables.data-00000-of-00001"};
  private static final byte[][] SAVED_MODEL = savedModel();

  private WeightsFuzzing() {}

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("tuna-weights-fuzz");
      Files.createDirectories(dir.resolve("export/variables"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[][] savedModel() {
    try {
      byte[][] files = new byte[SAVED_MODEL_FILES.length][];
      for (int i = 0; i < files.length; i++) {
        files[i] = Files.readAllBytes(Fixtures.resource("non-vgg-export/" + SAVED_MODEL_FILES[i]));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code data} as a {@code .h5} file. */
  public static void h5(byte[] data) throws IOException {
    check(write("input.h5", data));
  }

  /** Loads {@code data} as a {@code .keras} archive. */
  public static void kerasArchive(byte[] data) throws IOException {
    check(write("input.keras", data));
  }

  /**
   * Loads a small Keras 3 SavedModel in which one file is replaced: {@code data[0]} picks the file
   * ({@code saved_model.pb}, {@code variables.index} or the variables data, modulo 3), the rest is its content.
   */
  public static void savedModel(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    Path dir = DIR.resolve("export");
    int replaced = Math.floorMod(data[0], SAVED_MODEL_FILES.length);
    for (int i = 0; i < SAVED_MODEL_FILES.length; i++) {
      Files.write(dir.resolve(SAVED_MODEL_FILES[i]),
          i == replaced ? Arrays.copyOfRange(data, 1, data.length) : SAVED_MODEL[i]);
    }
    check(dir);
  }

  private static Path write(String name, byte[] data) throws IOException {
    return Files.write(DIR.resolve(name), data);
  }

  private static void check(Path path) {
    KerasWeights weights;
    try {
      weights = KerasWeights.load(path);
    } catch (KerasModelException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("KerasModelException without a message", e);
      }
      return;
    }
    for (Map.Entry<String, Weight> e : weights.all().entrySet()) {
      long n = 1;
      for (long d : e.getValue().shape()) {
        n *= d;
      }
      if (n != e.getValue().size() || !e.getKey().equals(e.getValue().name())) {
        throw new AssertionError("inconsistent weight " + e.getKey() + ": " + e.getValue());
      }
    }
  }
}
