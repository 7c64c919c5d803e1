package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImageLoader}'s JPEG fast path (decode straight to nearest-resized RGB floats) against the general path
 * (raster decode, colour conversion, {@link Resize}) on every JPEG fixture, for down-, up- and mixed scaling and no
 * resize: identical pixels, or the same exception.
 */
final class JpegFastPathTest {
  static Stream<Path> jpegs() throws IOException {
    try (Stream<Path> s = Files.walk(Fixtures.pil("decode").getParent())) {
      List<Path> all = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(
          ".*\\.jpe?g")).sorted().toList();
      return all.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void fastPath_equalsGeneralPath(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    int[][] targets = {{0, 0}, {7, 5}, {150, 150}, {13, 40}, {64, 3}};
    for (int[] t : targets) {
      Image want;
      Exception wantError = null;
      try {
        want = general(data, file.toString(), t[0], t[1]);
      } catch (ImageDecodeException e) {
        want = null;
        wantError = e;
      }
      ImageLoader.Builder b = ImageLoader.builder();
      if (t[0] > 0) {
        b.targetSize(t[0], t[1]);
      }
      try {
        ImageLoader loader = b.build();
        Image got = loader.load(data, file.toString());
        assertThat(wantError).as("%s %dx%d should fail", file, t[0], t[1]).isNull();
        assertThat(got.shape()).containsExactly(want.shape());
        assertThat(got.data()).as("%s %dx%d", file, t[0], t[1]).isEqualTo(want.data());
        // into a reused buffer of the result's size (stale content overwritten), or a new array otherwise
        float[] buffer = new float[want.data().length];
        java.util.Arrays.fill(buffer, Float.NaN);
        Image reused = loader.load(data, file.toString(), buffer);
        assertThat(reused.data()).as("%s %dx%d into a buffer", file, t[0], t[1]).isEqualTo(want.data());
        assertThat(loader.load(data, file.toString(), new float[1]).data()).isEqualTo(want.data());
        if (t[0] > 0) {
          // straight into a slot of a larger array (a batch): the same values, nothing written around them
          int n = want.data().length;
          float[] batch = new float[n + 12];
          java.util.Arrays.fill(batch, Float.NaN);
          loader.loadInto(file, batch, 7);
          assertThat(java.util.Arrays.copyOfRange(batch, 7, 7 + n)).as("%s %dx%d into a slot", file, t[0], t[1])
              .isEqualTo(want.data());
          assertThat(java.util.Arrays.copyOfRange(batch, 0, 7)).containsOnly(Float.NaN);
          assertThat(java.util.Arrays.copyOfRange(batch, 7 + n, n + 12)).containsOnly(Float.NaN);
        }
      } catch (ImageDecodeException e) {
        assertThat(wantError).as("%s %dx%d failed: %s", file, t[0], t[1], e.getMessage()).isNotNull();
        assertThat(e).hasMessage(wantError.getMessage());
        if (t[0] > 0) {
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.build().loadInto(file, new float[t[0] * t[1]
              * 3], 0)).isInstanceOf(ImageDecodeException.class).hasMessage(wantError.getMessage());
        }
      }
    }
  }

  /** The general path, bypassing the fast path. */
  private static Image general(byte[] data, String name, int h, int w) throws ImageDecodeException {
    ImageDecoder d = ImageDecoder.defaults();
    Raster r = ColorConversion.convert(d.decodeRaster(data, name), ColorMode.RGB);
    if (h > 0 && (r.width != w || r.height != h)) {
      r = Resize.resize(r, h, w, Interpolation.NEAREST, CropBox.full(r.width, r.height));
    }
    return r.toImage();
  }
}
