package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Access to the Keras 3 layer fixtures under {@code src/test/resources/layers}. */
final class LayerFixtures {
  private LayerFixtures() {}

  static Path path(String relative) {
    try {
      return Path.of(LayerFixtures.class.getResource("/layers/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture layers/" + relative
          + "; run tools/keras-reference/generate.sh gen_layers.py gen_layers_random.py", e);
    }
  }

  static JsonObject json(String relative) {
    try {
      return JsonParser.parseString(Files.readString(path(relative), StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts every case of an errors fixture ({@code {"errors": [{"class", "config", "message"}, ...]}}): building
   * the layer from its config with {@code build} throws IllegalArgumentException with Keras' message. Returns the
   * number of cases checked.
   */
  static int assertKerasErrors(String relative, BiFunction<String, JsonObject, AugmentationLayer> build) {
    int checked = 0;
    for (JsonElement e : json(relative).getAsJsonArray("errors")) {
      JsonObject err = e.getAsJsonObject();
      String cls = err.get("class").getAsString();
      JsonObject config = err.getAsJsonObject("config");
      assertThatThrownBy(() -> build.apply(cls, config)).as(cls + " " + config)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(err.get("message").getAsString());
      checked++;
    }
    return checked;
  }

  static NpyArray npy(String relative) {
    try {
      return Npy.read(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(JsonArray a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsFloat();
    }
    return out;
  }

  static int[] ints(JsonArray a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }
}
