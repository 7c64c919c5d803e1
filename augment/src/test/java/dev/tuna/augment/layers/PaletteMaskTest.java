package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Masks as segmentation datasets store them, written by Pillow (fixture: resources/masks, gen_masks.py): palette
 * PNGs of 1, 2, 4 and 8 bits (Pascal VOC's colour map, the void index 255, one with a tRNS chunk) and a 16-bit
 * greyscale PNG. By default the class ids come through exactly as {@code numpy.asarray(PIL.Image.open(mask))};
 * {@code paletteIndices(false)} reads what Keras' {@code load_img(color_mode="grayscale")} reads.
 */
final class PaletteMaskTest {
  private static final int H = 7;
  private static final int W = 9;
  /** The mask files in name order, as the iterator takes them. */
  private static final List<String> NAMES = List.of("binary", "deep", "quad", "small", "trns", "voc");

  private static Path fixture(String relative) throws URISyntaxException {
    return Path.of(PaletteMaskTest.class.getResource("/masks/" + relative).toURI());
  }

  private static long[] expected(String name, String kind) throws IOException, URISyntaxException {
    NpyArray a = Npy.read(fixture("expected/" + name + "_" + kind + ".npy"));
    assertThat(a.shape()).containsExactly(H, W);
    return a.longs();
  }

  private static MaskDirectoryIterator.Builder iterator() throws URISyntaxException {
    return MaskDirectoryIterator.builder(fixture("tree")).targetSize(H, W).batchSize(NAMES.size()).shuffle(false);
  }

  private static long[] mask(LayerBatch b, int n) {
    long[] out = new long[H * W];
    for (int i = 0; i < out.length; i++) {
      float v = b.masks()[n * H * W + i];
      assertThat(v).isEqualTo((float) Math.rint(v));
      out[i] = (long) v;
    }
    return out;
  }

  @Test
  void paletteMasksGiveTheirIndicesAndSixteenBitMasksTheirValues() throws Exception {
    MaskDirectoryIterator it = iterator().build();
    assertThat(it.maskPaths()).extracting(p -> p.getFileName().toString())
        .containsExactly("binary.png", "deep.png", "quad.png", "small.png", "trns.png", "voc.png");
    LayerBatch b = it.nextBatch();
    assertThat(b.maskChannels()).isEqualTo(1);
    for (int n = 0; n < NAMES.size(); n++) {
      assertThat(mask(b, n)).as(NAMES.get(n)).containsExactly(expected(NAMES.get(n), "ids"));
    }
    assertThat(mask(b, NAMES.indexOf("voc"))).contains(0, 1, 15, 20, 255);
    assertThat(mask(b, NAMES.indexOf("deep"))).contains(256, 40000, 65535);
  }

  @Test
  void kerasLoadImgReadingConvertsPalettesThroughTheirColours() throws Exception {
    LayerBatch b = iterator().paletteIndices(false).build().nextBatch();
    for (int n = 0; n < NAMES.size(); n++) {
      assertThat(mask(b, n)).as(NAMES.get(n)).containsExactly(expected(NAMES.get(n), "keras"));
    }
    // VOC's class 1 is drawn (128, 0, 0): grey 38 through the palette, 1 as the index
    long[] ids = expected("voc", "ids");
    long[] grey = mask(b, NAMES.indexOf("voc"));
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == 1) {
        assertThat(grey[i]).isEqualTo(38);
      }
    }
  }

  @Test
  void classIdsMoveWithTheImagesThroughLayers() throws Exception {
    float[] plain = iterator().build().nextBatch().images();
    LayerBatch b = iterator().layers(RandomFlip.builder(RandomFlip.Mode.HORIZONTAL).seed(1).build()).build()
        .nextBatch();
    int flips = 0;
    for (int n = 0; n < NAMES.size(); n++) {
      boolean flipped = b.images()[n * H * W * 3] != plain[n * H * W * 3]
          || b.images()[n * H * W * 3 + 1] != plain[n * H * W * 3 + 1];
      flips += flipped ? 1 : 0;
      long[] want = expected(NAMES.get(n), "ids");
      long[] got = mask(b, n);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int from = y * W + (flipped ? W - 1 - x : x);
          assertThat(b.images()[(n * H * W + y * W + x) * 3]).isEqualTo(plain[(n * H * W + from) * 3]);
          assertThat(got[y * W + x]).isEqualTo(want[from]);
        }
      }
    }
    assertThat(flips).isBetween(1, NAMES.size() - 1);
  }
}
