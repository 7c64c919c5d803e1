package dev.tuna.augment;

import dev.tuna.core.image.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal .npy reader for the fixtures (float32, float64, int64; C order). */
final class TestNpy {
  private TestNpy() {}

  record Array(int[] shape, double[] values) {
    float[] floats() {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return f;
    }
  }

  static Array read(Path p) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
      int major = b.get(6);
      int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
      int start = major == 1 ? 10 : 12;
      String header = new String(b.array(), start, headerLen, StandardCharsets.US_ASCII);
      Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
      Matcher d = Pattern.compile("'descr': '([^']*)'").matcher(header);
      if (!m.find() || !d.find() || header.contains("'fortran_order': True")) {
        throw new IllegalArgumentException(p + ": unsupported header " + header);
      }
      String[] parts = m.group(1).split(",");
      int n = 0;
      int[] shape = new int[parts.length];
      int total = 1;
      for (String s : parts) {
        if (!s.isBlank()) {
          shape[n] = Integer.parseInt(s.trim());
          total *= shape[n++];
        }
      }
      shape = java.util.Arrays.copyOf(shape, n);
      double[] v = new double[total];
      b.position(start + headerLen);
      for (int i = 0; i < total; i++) {
        switch (d.group(1)) {
          case "<f4" -> v[i] = b.getFloat();
          case "<f8" -> v[i] = b.getDouble();
          case "<i8" -> v[i] = b.getLong();
          case "<i4" -> v[i] = b.getInt();
          default -> throw new IllegalArgumentException(p + ": dtype " + d.group(1));
        }
      }
      return new Array(shape, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Image readImage(Path p) {
    Array a = read(p);
    return Image.wrap(a.shape()[0], a.shape()[1], a.shape()[2], a.floats());
  }
}
