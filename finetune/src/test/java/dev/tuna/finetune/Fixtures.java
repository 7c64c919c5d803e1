package dev.tuna.finetune;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test fixtures: resource paths and a minimal float32 little-endian {@code .npy}/{@code .npz} reader. */
public final class Fixtures {
  private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

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
    try (InputStream in = Files.newInputStream(path)) {
      return npy(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Npy npy(String relative) {
    return npy(resource(relative));
  }

  public static Map<String, Npy> npz(Path path) {
    Map<String, Npy> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        out.put(e.getName().replaceAll("\\.npy$", ""), npy(zip));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static Npy npy(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] magic = new byte[8];
    in.readFully(magic);
    int major = magic[6];
    int headerLen = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
        : Integer.reverseBytes(in.readInt());
    byte[] header = new byte[headerLen];
    in.readFully(header);
    String h = new String(header, StandardCharsets.US_ASCII);
    if (!h.contains("'descr': '<f4'") || h.contains("'fortran_order': True")) {
      throw new IOException("only C-order float32 .npy is supported: " + h);
    }
    Matcher m = SHAPE.matcher(h);
    if (!m.find()) {
      throw new IOException("no shape in " + h);
    }
    String[] dims = m.group(1).split(",");
    long n = 1;
    long[] shape = new long[(int) java.util.Arrays.stream(dims).filter(s -> !s.isBlank()).count()];
    int k = 0;
    for (String d : dims) {
      if (!d.isBlank()) {
        shape[k++] = Long.parseLong(d.trim());
        n *= shape[k - 1];
      }
    }
    byte[] bytes = new byte[(int) n * 4];
    in.readFully(bytes);
    float[] data = new float[(int) n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    return new Npy(shape, data);
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
