package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.Image;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Interpolation;
import dev.tuna.core.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image/mask pairs from images/ and masks/: names, nearest-resized class ids, layers moving both together. */
final class MaskDirectoryIteratorTest {
  private static final int H = 5;
  private static final int W = 4;
  private static final String[] NAMES = {"b.png", "a.png", "d.png", "c.png", "e.png"};

  @TempDir
  Path root;

  /** mask[n] of image n: class id (x + 2y + n) % 3. */
  private static int classId(int n, int x, int y) {
    return (x + 2 * y + n) % 3;
  }

  @BeforeEach
  void writeTree() throws Exception {
    Files.createDirectories(root.resolve("images"));
    Files.createDirectories(root.resolve("masks"));
    Random r = new Random(5);
    for (int n = 0; n < NAMES.length; n++) {
      BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
      BufferedImage mask = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          img.setRGB(x, y, r.nextInt(1 << 24));
          mask.getRaster().setSample(x, y, 0, classId(n, x, y));
        }
      }
      ImageIO.write(img, "png", root.resolve("images/" + NAMES[n]).toFile());
      ImageIO.write(mask, "png", root.resolve("masks/" + NAMES[n]).toFile());
    }
    Files.writeString(root.resolve("images/notes.txt"), "not an image");
  }

  private static int nameIndex(String file) {
    for (int n = 0; n < NAMES.length; n++) {
      if (NAMES[n].equals(file)) {
        return n;
      }
    }
    throw new AssertionError(file);
  }

  @Test
  void pairsImagesWithMasksAndResizesMasksNearest() throws Exception {
    MaskDirectoryIterator it = MaskDirectoryIterator.builder(root).targetSize(2 * H, 2 * W)
        .interpolation(Interpolation.BILINEAR).batchSize(2).shuffle(false).build();
    assertThat(it.imagePaths()).extracting(p -> p.getFileName().toString())
        .containsExactly("a.png", "b.png", "c.png", "d.png", "e.png");
    assertThat(it.maskPaths()).extracting(p -> p.getParent().getFileName() + "/" + p.getFileName())
        .containsExactly("masks/a.png", "masks/b.png", "masks/c.png", "masks/d.png", "masks/e.png");
    assertThat(it.batchCount()).isEqualTo(3);
    ImageLoader loader = ImageLoader.builder().targetSize(2 * H, 2 * W).interpolation(Interpolation.BILINEAR).build();
    int seen = 0;
    while (it.hasNext()) {
      LayerBatch b = it.next();
      assertThat(b.maskChannels()).isEqualTo(1);
      assertThat(b.height()).isEqualTo(2 * H);
      for (int k = 0; k < b.size(); k++) {
        Path file = it.imagePaths().get(seen);
        Image want = loader.load(file);
        float[] got = java.util.Arrays.copyOfRange(b.images(), k * want.data().length, (k + 1) * want.data().length);
        assertThat(got).containsExactly(want.data());
        int n = nameIndex(file.getFileName().toString());
        for (int y = 0; y < 2 * H; y++) {
          for (int x = 0; x < 2 * W; x++) {
            assertThat(b.masks()[(k * 2 * H + y) * 2 * W + x]).as("mask %s (%d, %d)", file, x, y)
                .isEqualTo((float) classId(n, x / 2, y / 2));
          }
        }
        seen++;
      }
    }
    assertThat(seen).isEqualTo(5);
    assertThat(it.nextBatch().size()).as("a new epoch").isEqualTo(2);
  }

  @Test
  void shufflesWithNumpysPermutationPerEpoch() {
    MaskDirectoryIterator it = MaskDirectoryIterator.builder(root).targetSize(H, W).batchSize(5).seed(42).build();
    NumpyRandom rng = new NumpyRandom(42);
    for (int epoch = 0; epoch < 2; epoch++) {
      int[] order = rng.permutation(5);
      LayerBatch b = it.nextBatch();
      for (int k = 0; k < 5; k++) {
        int n = nameIndex(it.imagePaths().get(order[k]).getFileName().toString());
        assertThat(b.masks()[k * H * W + W + 1]).isEqualTo((float) classId(n, 1, 1));
      }
    }
  }

  @Test
  void layersMoveMasksWithTheImages() {
    Pipeline flip = Pipeline.of(RandomFlip.builder(RandomFlip.Mode.HORIZONTAL).seed(3).build(),
        RandomRotation.builder(0.2).seed(4).build());
    MaskDirectoryIterator augmented = MaskDirectoryIterator.builder(root).targetSize(H, W).batchSize(5)
        .shuffle(false).layers(flip).build();
    MaskDirectoryIterator plain = MaskDirectoryIterator.builder(root).targetSize(H, W).batchSize(5)
        .shuffle(false).build();
    Pipeline byHand = Pipeline.of(RandomFlip.builder(RandomFlip.Mode.HORIZONTAL).seed(3).build(),
        RandomRotation.builder(0.2).seed(4).build());
    for (int call = 0; call < 2; call++) {
      LayerBatch got = augmented.nextBatch();
      LayerBatch raw = plain.nextBatch();
      LayerBatch want = byHand.apply(raw);
      assertThat(got.images()).containsExactly(want.images());
      assertThat(got.masks()).containsExactly(want.masks());
      assertThat(got.masks()).isNotEqualTo(raw.masks());
      for (float v : got.masks()) {
        assertThat(v).isIn(0f, 1f, 2f);
      }
    }
  }

  @Test
  void imagesWithoutMasksAndBadOptionsAreNamed() throws Exception {
    Files.copy(root.resolve("images/a.png"), root.resolve("images/f.png"));
    assertThatThrownBy(() -> MaskDirectoryIterator.builder(root).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f.png has no mask");
    Files.copy(root.resolve("masks/a.png"), root.resolve("masks/f.bmp"));
    assertThat(MaskDirectoryIterator.builder(root).build().maskPaths())
        .anyMatch(p -> p.getFileName().toString().equals("f.bmp"));
    assertThatThrownBy(() -> MaskDirectoryIterator.builder(root.resolve("nope")).build())
        .hasMessageContaining("must hold an images/ directory");
    assertThatThrownBy(() -> MaskDirectoryIterator.builder(root).batchSize(2).batchSize(3))
        .isInstanceOf(IllegalStateException.class).hasMessage("batchSize was already set to 2");
    assertThatThrownBy(() -> MaskDirectoryIterator.builder(root).layers(null))
        .isInstanceOf(NullPointerException.class).hasMessage("layers must not be null");
  }
}
