package dev.tuna.finetune.graph;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Keras 3 {@code .keras} archive of a committed {@code config.json.gz} with the seeded weights of
 * gen_anycnn.py, so that tests can run whole-model code paths on keras.applications models whose real weight files
 * would be tens of megabytes.
 */
public final class SeededKerasFile {
  private SeededKerasFile() {}

  /**
   * Writes {@code out}.
   *
   * @param configGz the gzipped Keras config
   * @param out the {@code .keras} file to write
   * @return {@code out}
   */
  public static Path write(Path configGz, Path out) throws IOException {
    String config;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(configGz))) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SeededWeights seeded = new SeededWeights();
    Path h5 = Files.createTempFile(out.getParent(), "weights", ".h5");
    try (KerasModel model = KerasModel.fromConfig(config, seeded);
        WritableHdfFile file = HdfFile.write(h5)) {
      WritableGroup layers = file.putGroup("layers");
      Map<String, WritableGroup> vars = new HashMap<>();
      for (WeightSpec spec : model.weights()) {
        WritableGroup v = vars.computeIfAbsent(spec.layer(), name -> {
          WritableGroup g = layers.putGroup(name).putGroup("vars");
          g.putAttribute("name", name);
          return g;
        });
        v.putDataset(Integer.toString(spec.index()), shaped(seeded.values(spec), spec.shape()));
      }
    }
    try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.putNextEntry(new ZipEntry("config.json"));
      zip.write(config.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      Files.copy(h5, zip);
      zip.closeEntry();
    } finally {
      Files.delete(h5);
    }
    return out;
  }

  /** {@code values} (row-major) as a nested float array of {@code shape}. */
  private static Object shaped(float[] values, long[] shape) {
    int[] dims = new int[shape.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(shape[i]);
    }
    Object out = Array.newInstance(float.class, dims);
    fill(out, values, new int[] {0});
    return out;
  }

  private static void fill(Object array, float[] values, int[] next) {
    if (array instanceof float[] leaf) {
      System.arraycopy(values, next[0], leaf, 0, leaf.length);
      next[0] += leaf.length;
      return;
    }
    for (int i = 0; i < Array.getLength(array); i++) {
      fill(Array.get(array, i), values, next);
    }
  }
}
