package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ImageDecodeErrorsTest {
  private static final Path BAD = Fixtures.pil("bad");
  private static final Path GOOD = Fixtures.pil("decode");
  private static final JsonObject OUTCOMES = Fixtures.json(BAD.resolve("outcomes.json")).getAsJsonObject();

  static List<Arguments> badFiles() {
    List<Arguments> out = new ArrayList<>();
    OUTCOMES.getAsJsonObject("files").entrySet().forEach(e -> {
      JsonObject o = e.getValue().getAsJsonObject();
      out.add(Arguments.of(e.getKey(), o.get("status").getAsString(),
          o.get("pil_message").isJsonNull() ? "" : o.get("pil_message").getAsString(), o));
    });
    return out;
  }

  /** Where PIL fails we fail naming the file; where it decodes (a bad IDAT CRC, which PIL ignores) we decode too. */
  @ParameterizedTest(name = "{0}: PIL {1} {2}")
  @MethodSource("badFiles")
  void read_badFileBehavesLikePil(String file, String status, String pilMessage, JsonObject outcome)
      throws IOException {
    Path path = BAD.resolve(file);
    if (status.equals("ok")) {
      NpyArray expected = Npy.read(BAD.resolve(outcome.get("expected").getAsString()));
      Image image = ImageDecoder.defaults().read(path, ColorMode.RGB);
      assertThat(Fixtures.maxAbsDiff(image, expected.floats(), expected.shape())).isEqualTo(0.0);
      return;
    }
    assertThatThrownBy(() -> ImageDecoder.defaults().read(path, ColorMode.RGB))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(path + ": ")
        .satisfies(e -> assertThat(((ImageDecodeException) e).source()).isEqualTo(path.toString()));
  }

  @Test
  void read_pngChecksumsAreCheckedWherePilChecksThem() {
    Path plte = BAD.resolve("plte_crc.png");
    assertThatThrownBy(() -> ImageDecoder.defaults().read(plte, ColorMode.RGB))
        .hasMessage(plte + ": cannot identify image file (bad PNG checksum in the PLTE chunk)");
    Path adler = BAD.resolve("adler.png");
    assertThatThrownBy(() -> ImageDecoder.defaults().read(adler, ColorMode.RGB))
        .hasMessageStartingWith(adler + ": broken PNG data stream (zlib: ");
  }

  @Test
  void read_bombsFailFromTheHeaderWithPilsLimit() {
    for (String file : List.of("bomb.png", "bomb_header_only.png", "bomb.jpg", "bomb.bmp", "bomb.tif", "bomb.ppm")) {
      Path path = BAD.resolve(file);
      assertThatThrownBy(() -> ImageDecoder.defaults().read(path, ColorMode.RGB))
          .as(file)
          .isInstanceOf(ImageDecodeException.class)
          .hasMessageStartingWith(path + ": image size (")
          .hasMessageContaining("exceeds limit of 178956970 pixels, could be decompression bomb DOS attack");
    }
    assertThat(OUTCOMES.get("max_image_pixels").getAsLong() * 2).isEqualTo(ImageDecoder.DEFAULT_MAX_PIXELS);
  }

  @Test
  void read_bombMessageShowsTheSize() {
    Path path = BAD.resolve("bomb.png");
    assertThatThrownBy(() -> ImageDecoder.defaults().read(path, ColorMode.RGB))
        .hasMessage(path + ": image size (10000000000 pixels, 100000x100000) exceeds limit of 178956970 pixels, "
            + "could be decompression bomb DOS attack");
  }

  @Test
  void maxPixels_isConfigurableAndInclusive() throws IOException {
    byte[] png = Fixtures.bytes(GOOD.resolve("rgb.png")); // 31 x 23 = 713 pixels
    ImageDecoder exact = ImageDecoder.builder().maxPixels(713).build();
    assertThat(exact.decode(png, "rgb.png", ColorMode.RGB).shape()).containsExactly(23, 31, 3);
    ImageDecoder smaller = ImageDecoder.builder().maxPixels(712).build();
    assertThatThrownBy(() -> smaller.decode(png, "rgb.png", ColorMode.RGB))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage("rgb.png: image size (713 pixels, 31x23) exceeds limit of 712 pixels, could be decompression "
            + "bomb DOS attack");
  }

  @Test
  void maxPixels_rejectsNonPositiveAndSecondSet() {
    assertThatThrownBy(() -> ImageDecoder.builder().maxPixels(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxPixels must be positive but was 0");
    assertThatThrownBy(() -> ImageDecoder.builder().maxPixels(5).maxPixels(6))
        .isInstanceOf(IllegalStateException.class).hasMessage("maxPixels was already set to 5");
    assertThat(ImageDecoder.defaults().maxPixels()).isEqualTo(178_956_970L);
  }

  @Test
  void read_zeroByteFile(@TempDir Path dir) throws IOException {
    Path empty = Files.write(dir.resolve("cat.jpg"), new byte[0]);
    assertThatThrownBy(() -> ImageDecoder.defaults().read(empty, ColorMode.RGB))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(empty + ": cannot identify image file (the file is empty)");
  }

  @Test
  void read_textNamedJpg(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("photo.jpg"), "not a JPEG at all", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ImageDecoder.defaults().read(text, ColorMode.RGB))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(text + ": cannot identify image file (not a PNG, JPEG, BMP, TIFF, PBM, PGM or PPM image)");
  }

  @Test
  void read_missingFileIsAnIoExceptionNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.png");
    assertThatThrownBy(() -> ImageDecoder.defaults().read(missing, ColorMode.RGB))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void decode_truncatedJpegIsAnError() {
    byte[] jpg = Fixtures.bytes(GOOD.resolve("base420.jpg"));
    byte[] cut = Arrays.copyOf(jpg, jpg.length - 1);
    assertThatThrownBy(() -> ImageDecoder.defaults().decode(cut, "cut.jpg", ColorMode.RGB))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage("cut.jpg: image file is truncated (no JPEG end-of-image marker after the scan data)");
  }

  static List<Arguments> truncations() {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement e : OUTCOMES.getAsJsonArray("truncations")) {
      JsonObject o = e.getAsJsonObject();
      out.add(Arguments.of(o.get("file").getAsString(), o.get("cut").getAsInt(), o.get("status").getAsString(), o));
    }
    return out;
  }

  /** Truncated copies of every format decode where Keras/PIL decodes them and fail where PIL fails. */
  @ParameterizedTest(name = "{0} minus {1} bytes: PIL {2}")
  @MethodSource("truncations")
  void decode_truncatedFileBehavesLikePil(String file, int cut, String status, JsonObject outcome)
      throws IOException {
    byte[] full = Fixtures.bytes(GOOD.resolve(file));
    byte[] data = Arrays.copyOf(full, full.length - cut);
    String name = "truncated/" + file;
    if (status.equals("ok")) {
      Image image = ImageDecoder.defaults().decode(data, name, ColorMode.RGB);
      Path expectedPath = outcome.get("equals_full").getAsBoolean()
          ? GOOD.resolve("expected").resolve(file + ".rgb.npy") : BAD.resolve(outcome.get("expected").getAsString());
      NpyArray expected = Npy.read(expectedPath);
      assertThat(Fixtures.maxAbsDiff(image, expected.floats(), expected.shape())).isEqualTo(0.0);
    } else {
      assertThatThrownBy(() -> ImageDecoder.defaults().decode(data, name, ColorMode.RGB))
          .isInstanceOf(ImageDecodeException.class)
          .hasMessageStartingWith(name + ": ");
    }
  }
}
