package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ImageDecoderTest {
  private static final Path DIR = Fixtures.pil("decode");

  static List<Arguments> fixtures() {
    JsonObject manifest = Fixtures.json(DIR.resolve("manifest.json")).getAsJsonObject();
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : manifest.entrySet()) {
      for (ColorMode mode : ColorMode.values()) {
        out.add(Arguments.of(e.getKey(), mode, e.getValue().getAsJsonObject().get("description").getAsString()));
      }
    }
    return out;
  }

  private static double diffToKeras(String file, ColorMode mode) throws IOException {
    Image image = ImageDecoder.defaults().read(DIR.resolve(file), mode);
    NpyArray expected = Npy.read(DIR.resolve("expected").resolve(file + "." + mode.kerasName() + ".npy"));
    return Fixtures.maxAbsDiff(image, expected.floats(), expected.shape());
  }

  @ParameterizedTest(name = "{0} {1} ({2})")
  @MethodSource("fixtures")
  void decode_matchesKerasLoadImg(String file, ColorMode mode, String description) throws IOException {
    assertThat(diffToKeras(file, mode)).isEqualTo(0.0);
  }

  /**
   * JPEG decoding is where decoders usually differ. OpenCV 4.13's libjpeg-turbo (and ImageIO for CMYK) against
   * Pillow 12.3's libjpeg-turbo 3.1: measured max |difference| 0 on baseline 4:2:0/4:2:2/4:4:4, progressive,
   * odd-sized, restart-marker, grayscale, CMYK, EXIF-rotated and corrupt-data JPEGs.
   */
  @Test
  void decode_jpegMeasuredDifferenceIsZero() throws IOException {
    double max = 0;
    for (String file : List.of("base420.jpg", "base422.jpg", "base444.jpg", "prog.jpg", "odd420.jpg", "gray.jpg",
        "restart.jpg", "cmyk.jpg", "exif_rot6.jpg", "corrupt_data.jpg")) {
      for (ColorMode mode : ColorMode.values()) {
        max = Math.max(max, diffToKeras(file, mode));
      }
    }
    assertThat(max).isEqualTo(0.0);
  }
}
