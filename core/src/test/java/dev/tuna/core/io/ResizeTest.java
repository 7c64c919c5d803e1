package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ResizeTest {
  private static final Path DIR = Fixtures.pil("resize");

  /**
   * Measured max |difference| to Pillow 12.3 over all {@code cases.json} resizes (L, RGB, RGBA, I;16 and I; down,
   * up, mixed, one-axis, crop boxes, the tall-image two-pass path) for every filter.
   */
  private static final double MEASURED_MAX_DIFFERENCE = 0.0;

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json(DIR.resolve("cases.json")).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      out.add(Arguments.of(o.get("source").getAsString(), o.get("color_mode").getAsString(),
          o.get("interpolation").getAsString(), o.get("height").getAsInt(), o.get("width").getAsInt(),
          o.get("keep_aspect_ratio").getAsBoolean(), o.get("expected").getAsString()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}x{4} keep={5}")
  @MethodSource("cases")
  void load_resizesLikeKeras(String source, String colorMode, String interpolation, int height, int width,
      boolean keep, String expectedFile) throws IOException {
    ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.parse(colorMode)).targetSize(height, width)
        .interpolation(Interpolation.parse(interpolation)).keepAspectRatio(keep).build();
    Image image = loader.load(DIR.resolve(source));
    NpyArray expected = Npy.read(DIR.resolve("expected").resolve(expectedFile));
    assertThat(Fixtures.maxAbsDiff(image, expected.floats(), expected.shape()))
        .isLessThanOrEqualTo(MEASURED_MAX_DIFFERENCE);
  }

  static List<Arguments> nearestMaps() {
    List<Arguments> out = new ArrayList<>();
    JsonObject maps = Fixtures.json(DIR.resolve("nearest_maps.json")).getAsJsonObject();
    for (String group : List.of("mode_I_and_8bit", "mode_I16")) {
      for (JsonElement e : maps.getAsJsonArray(group)) {
        JsonObject o = e.getAsJsonObject();
        int in = o.get("in").getAsInt();
        int[] box = o.has("box") ? new int[] {o.getAsJsonArray("box").get(0).getAsInt(),
            o.getAsJsonArray("box").get(1).getAsInt()} : new int[] {0, in};
        int[] map = new int[o.getAsJsonArray("map").size()];
        for (int i = 0; i < map.length; i++) {
          map[i] = o.getAsJsonArray("map").get(i).getAsInt();
        }
        out.add(Arguments.of(group.equals("mode_I16") ? PilMode.I16 : PilMode.I32, in, box[0], box[1],
            o.get("out").getAsInt(), map));
      }
    }
    return out;
  }

  /** PIL's NEAREST source indices, horizontally and vertically, for 600+ size pairs and crop boxes. */
  @ParameterizedTest(name = "{0} {1} [{2}, {3}) -> {4}")
  @MethodSource("nearestMaps")
  void nearest_matchesPilIndexMaps(PilMode mode, int in, int box0, int box1, int out, int[] expected) {
    int[] ramp = new int[in];
    for (int i = 0; i < in; i++) {
      ramp[i] = i;
    }
    Raster row = Resize.resize(new Raster(in, 1, mode, ramp), 1, out, Interpolation.NEAREST,
        new CropBox(box0, 0, box1, 1));
    assertThat(row.samples).containsExactly(expected);
    Raster column = Resize.resize(new Raster(1, in, mode, ramp), out, 1, Interpolation.NEAREST,
        new CropBox(0, box0, 1, box1));
    assertThat(column.samples).containsExactly(expected);
    if (mode == PilMode.I32 && in <= 256) {
      float[] values = new float[in];
      for (int i = 0; i < in; i++) {
        values[i] = i;
      }
      Image resized = Resize.resize(Image.wrap(1, in, 1, values), 1, out, Interpolation.NEAREST,
          new CropBox(box0, 0, box1, 1));
      for (int i = 0; i < out; i++) {
        assertThat(resized.get(0, i, 0)).isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void nearest_accumulatesTheStepLikePil() {
    assertThat(PilResample.accumulated(4.0 / 6, 0, 6, 4)).containsExactly(0, 1, 1, 2, 2, 3);
    assertThat(PilResample.accumulated(6.0 / 4, 0, 4, 6)).containsExactly(0, 2, 3, 5);
    assertThat(PilResample.closedForm(4.0 / 6, 0, 6, 4)).containsExactly(0, 1, 1, 2, 3, 3);
  }

  @Test
  void keepAspectRatioBox_matchesKeras() {
    for (JsonElement e : Fixtures.json(DIR.resolve("keep_aspect_boxes.json")).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      CropBox box = Resize.keepAspectRatioBox(o.get("height").getAsInt(), o.get("width").getAsInt(),
          o.get("target_height").getAsInt(), o.get("target_width").getAsInt());
      var b = o.getAsJsonArray("box");
      assertThat(box).as(o.toString()).isEqualTo(new CropBox(b.get(0).getAsInt(), b.get(1).getAsInt(),
          b.get(2).getAsInt(), b.get(3).getAsInt()));
    }
    assertThat(Resize.keepAspectRatioBox(40, 60, 20, 20)).isEqualTo(new CropBox(10, 0, 50, 40));
    assertThat(Resize.keepAspectRatioBox(480, 640, 224, 224)).hasToString("(80, 0, 560, 480)");
    assertThat(Resize.keepAspectRatioBox(500, 300, 150, 200)).isEqualTo(new CropBox(0, 137, 300, 362));
  }

  @Test
  void interpolation_parsesKerasNamesAndRejectsOthers() {
    assertThat(Interpolation.parse("lanczos")).isEqualTo(Interpolation.LANCZOS);
    assertThat(Interpolation.HAMMING.kerasName()).isEqualTo("hamming");
    assertThatThrownBy(() -> Interpolation.parse("area"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid interpolation method area specified. Supported methods are nearest, bilinear, bicubic, "
            + "hamming, box, lanczos");
  }

  @Test
  void resize_rejectsBadArguments() {
    Image image = Image.zeros(4, 6, 3);
    assertThatThrownBy(() -> Resize.resize(image, 0, 3, Interpolation.BILINEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("height and width must be positive but were 0 and 3");
    assertThatThrownBy(() -> Resize.resize(image, 2, 3, Interpolation.BILINEAR, new CropBox(0, 0, 7, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("box (0, 0, 7, 4) can't exceed original image size 6x4");
    assertThatThrownBy(() -> Resize.resize(image, 2, 3, Interpolation.BILINEAR, new CropBox(-1, 0, 3, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("box (-1, 0, 3, 4) offset can't be negative");
    assertThatThrownBy(() -> Resize.resize(Image.zeros(2, 2, 2), 1, 1, Interpolation.BOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image channels must be 1, 3 or 4 but was 2");
    Image fractional = Image.wrap(1, 2, 1, new float[] {1.5f, 2});
    assertThatThrownBy(() -> Resize.resize(fractional, 1, 1, Interpolation.BOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image values must be integers in 0..255 but value 1.5 was found at index 0");
  }

  @Test
  void resize_sameSizeAndFullBoxIsACopy() {
    Image image = Image.wrap(1, 2, 1, new float[] {3, 4});
    Image same = Resize.resize(image, 1, 2, Interpolation.LANCZOS);
    assertThat(same).isEqualTo(image);
    assertThat(same.data()).isNotSameAs(image.data());
  }

  @Test
  void resize_publicApiMatchesTheLoaderPath() throws IOException {
    Image original = ImageLoader.builder().build().load(DIR.resolve("rgba.png"));
    Image viaLoader = ImageLoader.builder().colorMode(ColorMode.RGBA).targetSize(15, 20)
        .interpolation(Interpolation.LANCZOS).keepAspectRatio(true).build().load(DIR.resolve("rgba.png"));
    Image rgba = ImageLoader.builder().colorMode(ColorMode.RGBA).build().load(DIR.resolve("rgba.png"));
    Image direct = Resize.resize(rgba, 15, 20, Interpolation.LANCZOS,
        Resize.keepAspectRatioBox(original.height(), original.width(), 15, 20));
    assertThat(direct).isEqualTo(viaLoader);
  }
}
