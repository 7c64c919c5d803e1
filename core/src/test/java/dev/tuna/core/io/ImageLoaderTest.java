package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ImageLoaderTest {
  private static final Path RGB = Fixtures.pil("decode", "rgb.png"); // 31 x 23

  @Test
  void defaults() {
    ImageLoader loader = ImageLoader.builder().build();
    assertThat(loader.colorMode()).isEqualTo(ColorMode.RGB);
    assertThat(loader.hasTargetSize()).isFalse();
    assertThat(loader.interpolation()).isEqualTo(Interpolation.NEAREST);
    assertThat(loader.keepAspectRatio()).isFalse();
    assertThat(loader.decoder()).isSameAs(ImageDecoder.defaults());
    assertThat(loader).hasToString("ImageLoader[colorMode=rgb, targetSize=original, interpolation=nearest, "
        + "keepAspectRatio=false, ImageDecoder[maxPixels=178956970]]");
  }

  @Test
  void load_keepAspectRatioOnlyWhenAResizeHappens() throws IOException {
    Image plain = ImageLoader.builder().build().load(RGB);
    Image sameSize = ImageLoader.builder().targetSize(23, 31).keepAspectRatio(true)
        .interpolation(Interpolation.BICUBIC).build().load(RGB);
    assertThat(sameSize).isEqualTo(plain);
    Image cropped = ImageLoader.builder().targetSize(23, 23).keepAspectRatio(true).build().load(RGB);
    assertThat(cropped.shape()).containsExactly(23, 23, 3);
    assertThat(cropped.get(0, 0, 0)).isEqualTo(plain.get(0, 4, 0)); // box (4, 0, 27, 23) is a plain crop
  }

  @Test
  void load_grayscaleOfSixteenBitKeepsTheRange() throws IOException {
    Image g16 = ImageLoader.builder().colorMode(ColorMode.GRAYSCALE).build()
        .load(Fixtures.pil("decode", "g16.png"));
    assertThat(g16.get(0, 5, 0)).isEqualTo(65535f);
    Image rgb = ImageLoader.builder().build().load(Fixtures.pil("decode", "g16.png"));
    assertThat(rgb.get(0, 5, 0)).isEqualTo(255f);
  }

  /** The PLTE chunk of a PNG file: RGB triples. */
  private static byte[] palette(Path png) throws IOException {
    byte[] d = Files.readAllBytes(png);
    for (int pos = 8; pos + 8 <= d.length; ) {
      int len = ByteBuffer.wrap(d, pos, 4).getInt();
      if (new String(d, pos + 4, 4, StandardCharsets.ISO_8859_1).equals("PLTE")) {
        return Arrays.copyOfRange(d, pos + 8, pos + 8 + len);
      }
      pos += 12 + len;
    }
    throw new AssertionError("no PLTE in " + png);
  }

  @Test
  void load_paletteIndicesGiveTheIndexWhoseColourKerasReads() throws IOException {
    for (String name : new String[] {"p.png", "p4.png", "p_trns.png"}) {
      Path png = Fixtures.pil("decode", name);
      byte[] plte = palette(png);
      Image colours = ImageLoader.builder().build().load(png);
      ImageLoader indices = ImageLoader.builder().colorMode(ColorMode.GRAYSCALE).paletteIndices(true).build();
      assertThat(indices.paletteIndices()).isTrue();
      assertThat(indices.toString()).endsWith(", paletteIndices]");
      Image idx = indices.load(png);
      assertThat(idx.shape()).containsExactly(colours.height(), colours.width(), 1);
      Set<Integer> seen = new HashSet<>();
      for (int y = 0; y < idx.height(); y++) {
        for (int x = 0; x < idx.width(); x++) {
          int i = (int) idx.get(y, x, 0);
          assertThat((float) i).isEqualTo(idx.get(y, x, 0));
          seen.add(i);
          for (int c = 0; c < 3; c++) {
            assertThat(colours.get(y, x, c)).as("%s (%d, %d)", name, y, x).isEqualTo(plte[3 * i + c] & 0xFF);
          }
        }
      }
      assertThat(seen).as(name).hasSizeGreaterThan(1);
    }
    Image rgb = ImageLoader.builder().paletteIndices(true).build().load(RGB); // not a palette image: unaffected
    assertThat(rgb).isEqualTo(ImageLoader.builder().build().load(RGB));
    assertThatThrownBy(() -> ImageLoader.builder().paletteIndices(true).paletteIndices(false))
        .isInstanceOf(IllegalStateException.class).hasMessage("paletteIndices was already set to true");
  }

  @Test
  void builder_rejectsBadAndRepeatedOptions() {
    assertThatThrownBy(() -> ImageLoader.builder().targetSize(0, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("targetSize must be positive but was 0x5");
    assertThatThrownBy(() -> ImageLoader.builder().targetSize(2, 5).targetSize(3, 3))
        .isInstanceOf(IllegalStateException.class).hasMessage("targetSize was already set to 2x5");
    assertThatThrownBy(() -> ImageLoader.builder().colorMode(ColorMode.RGBA).colorMode(ColorMode.RGB))
        .isInstanceOf(IllegalStateException.class).hasMessage("colorMode was already set to RGBA");
  }

  @Test
  void colorMode_parsesKerasNames() {
    assertThat(ColorMode.parse("grayscale")).isEqualTo(ColorMode.GRAYSCALE);
    assertThat(ColorMode.RGBA.channels()).isEqualTo(4);
    assertThatThrownBy(() -> ColorMode.parse("gray"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid color mode: gray; expected \"rgb\", \"rgba\", or \"grayscale\".");
  }
}
