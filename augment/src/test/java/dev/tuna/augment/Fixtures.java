package dev.tuna.augment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Access to the Keras golden fixtures under {@code src/test/resources/keras}. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/keras/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + relative + "; run tools/keras-reference/generate.sh", e);
    }
  }

  static JsonObject json(String relative) {
    try {
      return JsonParser.parseString(Files.readString(path(relative), StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 3-D float32 .npy as an image. */
  static Image image(String relative) {
    return npy(path(relative)).toImage();
  }

  /** Any fixture .npy. */
  static NpyArray npy(Path file) {
    try {
      return Npy.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Keras parameter dict as a map of Java values. */
  static Map<String, Object> params(JsonObject p) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : p.entrySet()) {
      JsonElement v = e.getValue();
      if (v.isJsonNull()) {
        m.put(e.getKey(), null);
      } else if (v.getAsJsonPrimitive().isBoolean()) {
        m.put(e.getKey(), v.getAsBoolean());
      } else {
        m.put(e.getKey(), v.getAsDouble());
      }
    }
    return m;
  }
}
