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

/** Temporary minimal float32 .npy reader for fixtures. */
final class TestNpy {
  private TestNpy() {}

  static Image readImage(Path p) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
      int major = b.get(6);
      int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
      int start = major == 1 ? 10 : 12;
      String header = new String(b.array(), start, headerLen, StandardCharsets.US_ASCII);
      Matcher m = Pattern.compile("\\((\\d+), (\\d+), (\\d+)\\)").matcher(header);
      if (!m.find() || !header.contains("<f4")) {
        throw new IllegalArgumentException(p + ": " + header);
      }
      int h = Integer.parseInt(m.group(1));
      int w = Integer.parseInt(m.group(2));
      int c = Integer.parseInt(m.group(3));
      float[] d = new float[h * w * c];
      b.position(start + headerLen);
      b.asFloatBuffer().get(d);
      return Image.wrap(h, w, c, d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
