package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.data.ClassMode;
import dev.tuna.core.image.ImageBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, bad-image policies, thread-count independence and prefetch roll-back of the file iterators. */
final class DirectoryIteratorTest {
  @TempDir
  Path tmp;

  private static final ImageDataGenerator LECTURE = ImageDataGenerator.builder().rotationRange(30)
      .widthShiftRange(0.2).heightShiftRange(0.2).shearRange(10).zoomRange(0.2).horizontalFlip(true)
      .rescale(1 / 255.0).build();

  private Path copyTree() throws IOException {
    Path src = Fixtures.path("directory/tree");
    Path dst = tmp.resolve("tree");
    try (var walk = Files.walk(src)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dst;
  }

  @Test
  void missingDirectory_namesThePath() {
    Path absent = tmp.resolve("absent");
    assertThatThrownBy(() -> LECTURE.flowFromDirectory(absent).build()).hasMessageContaining(absent.toString());
  }

  @Test
  void emptyClassFolder_countsAsAClassWithNoFiles() throws IOException {
    Path root = tmp.resolve("data");
    Files.createDirectories(root.resolve("empty"));
    Files.createDirectories(root.resolve("full"));
    Files.copy(Fixtures.path("directory/tree/dogs/d1.png"), root.resolve("full/a.png"));
    try (DirectoryIterator it = LECTURE.flowFromDirectory(root).targetSize(8, 8).build()) {
      assertThat(it.classIndices()).containsEntry("empty", 0).containsEntry("full", 1);
      assertThat(it.size()).isEqualTo(1);
      assertThat(it.nextBatch().labels()).containsExactly(0f, 1f);
    }
  }

  @Test
  void noImagesAtAll_nextSaysSo() throws IOException {
    Path root = tmp.resolve("data");
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("a/readme.txt"), "no images here");
    try (DirectoryIterator it = LECTURE.flowFromDirectory(root).build()) {
      assertThat(it.size()).isZero();
      assertThatThrownBy(it::nextBatch).isInstanceOf(IllegalStateException.class)
          .hasMessage("no samples to iterate: directory " + root + " has no images");
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class)
          .hasMessage("no samples to iterate: directory " + root + " has no images");
    }
  }

  @Test
  void corruptImage_failsNamingTheFile_orIsSkippedAndCounted() throws IOException {
    Path root = copyTree();
    Path bad = root.resolve("cats/c0.jpg");
    Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
    try (DirectoryIterator it = LECTURE.flowFromDirectory(root).targetSize(8, 8).batchSize(16).shuffle(false)
        .build()) {
      assertThatThrownBy(it::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("c0.jpg");
    }
    try (DirectoryIterator it = LECTURE.flowFromDirectory(root).targetSize(8, 8).batchSize(17).shuffle(false)
        .seed(1).onBadImage(BadImagePolicy.SKIP).build()) {
      ImageBatch b = it.nextBatch();
      assertThat(it.size()).isEqualTo(17);
      assertThat(b.size()).isEqualTo(16);
      assertThat(it.skippedImages()).isEqualTo(1);
      assertThat(b.indices()).doesNotContain(it.filenames().indexOf("cats/c0.jpg"));
      assertThat(b.labelShape()).containsExactly(16, 3);
    }
  }

  @Test
  void zeroByteAndTextFiles_areSkippedWithSkipPolicy() throws IOException {
    Path root = copyTree();
    Files.write(root.resolve("dogs/empty.png"), new byte[0]);
    Files.writeString(root.resolve("dogs/text.jpg"), "hello");
    try (DirectoryIterator it = LECTURE.flowFromDirectory(root).targetSize(8, 8).batchSize(32)
        .onBadImage(BadImagePolicy.SKIP).seed(2).build()) {
      assertThat(it.nextBatch().size()).isEqualTo(16);
      assertThat(it.skippedImages()).isEqualTo(2);
    }
  }

  @Test
  void workers_giveIdenticalBatchesAcrossEpochs() {
    List<float[]> reference = batches(0);
    assertThat(batches(1)).usingRecursiveComparison().isEqualTo(reference);
    assertThat(batches(2)).usingRecursiveComparison().isEqualTo(reference);
  }

  private List<float[]> batches(int workers) {
    List<float[]> out = new ArrayList<>();
    try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(12, 12)
        .batchSize(5).seed(11).workers(workers).prefetch(3).classMode(ClassMode.SPARSE).build()) {
      for (int i = 0; i < 9; i++) { // more than two epochs of 4 batches
        ImageBatch b = it.nextBatch();
        out.add(b.images());
        out.add(b.labels());
      }
    }
    return out;
  }

  @Test
  void randomAccessAfterPrefetch_seesTheSameStateAsWithoutWorkers() {
    List<float[]> got = new ArrayList<>();
    List<float[]> want = new ArrayList<>();
    for (int workers : new int[] {0, 2}) {
      List<float[]> sink = workers == 0 ? want : got;
      try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(10, 10)
          .batchSize(4).seed(5).workers(workers).prefetch(4).build()) {
        sink.add(it.nextBatch().images());
        sink.add(it.get(2).images());
        it.reset();
        sink.add(it.nextBatch().images());
        it.onEpochEnd();
        sink.add(it.get(1).images());
        sink.add(it.nextBatch().images());
      }
    }
    assertThat(got).usingRecursiveComparison().isEqualTo(want);
  }

  @Test
  void expectedOrder_isBuiltAheadWithoutChangingAnyBatch() {
    List<float[]> got = new ArrayList<>();
    List<float[]> want = new ArrayList<>();
    for (int workers : new int[] {0, 2}) {
      List<float[]> sink = workers == 0 ? want : got;
      try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(10, 10)
          .batchSize(4).seed(5).workers(workers).prefetch(2).build()) {
        if (workers > 0) {
          it.expectOrder(new int[] {2, 0, 3, 1});
        }
        for (int i : new int[] {2, 0, 3, 1}) {
          sink.add(it.get(i).images());
        }
        it.onEpochEnd();
        if (workers > 0) {
          it.expectOrder(new int[] {1, 3});
        }
        sink.add(it.get(3).images()); // leaves the announced order
        sink.add(it.get(1).images());
        sink.add(it.nextBatch().images());
      }
    }
    assertThat(got).usingRecursiveComparison().isEqualTo(want);
    try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(10, 10)
        .batchSize(4).build()) {
      int n = it.batchCount();
      assertThat(n).isEqualTo(4);
      assertThatThrownBy(() -> it.expectOrder(new int[] {0, n})).isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("batch " + n);
    }
  }

  @Test
  void input_and_none_classModes() {
    try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(6, 6)
        .batchSize(3).classMode(ClassMode.INPUT).seed(1).build()) {
      ImageBatch b = it.nextBatch();
      assertThat(b.labels()).containsExactly(b.images());
      assertThat(b.labelShape()).containsExactly(3, 6, 6, 3);
    }
    try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(6, 6)
        .classMode(ClassMode.NONE).seed(1).build()) {
      assertThat(it.nextBatch().labels()).isNull();
    }
  }

  @Test
  void saveToDir_writesEverySampleAtomically() throws IOException {
    Path out = tmp.resolve("saved");
    try (DirectoryIterator it = LECTURE.flowFromDirectory(Fixtures.path("directory/tree")).targetSize(6, 6)
        .batchSize(4).seed(1).saveToDir(out).savePrefix("aug").build()) {
      it.nextBatch();
    }
    try (var files = Files.list(out)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).hasSize(4).allMatch(n -> n.matches("aug_\\d+_\\d+\\.png"));
    }
  }

  /**
   * Without a warp (validation data: only rescale), samples are decoded straight into their batch slots: the same
   * values as loading each file alone and rescaling it, for JPEGs of exactly the target size, nearest-resized ones,
   * the general path (other formats, bilinear), with workers, and a corrupt file skipped.
   */
  @Test
  void noWarp_decodesIntoTheBatch_sameValuesAsLoadingEachFile() throws IOException {
    Path root = copyTree();
    Files.write(root.resolve("cats/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2});
    ImageDataGenerator validation = ImageDataGenerator.builder().rescale(1 / 255.0).build();
    int[][] targets = {{16, 16}, {30, 20}, {12, 10}};
    for (int[] t : targets) {
      for (dev.tuna.core.io.Interpolation interpolation : new dev.tuna.core.io.Interpolation[] {
          dev.tuna.core.io.Interpolation.NEAREST, dev.tuna.core.io.Interpolation.BILINEAR}) {
        for (int workers : new int[] {0, 2}) {
          dev.tuna.core.io.ImageLoader loader = dev.tuna.core.io.ImageLoader.builder().targetSize(t[0], t[1])
              .interpolation(interpolation).build();
          try (DirectoryIterator it = validation.flowFromDirectory(root).targetSize(t[0], t[1])
              .interpolation(interpolation).batchSize(5).shuffle(false).workers(workers)
              .onBadImage(BadImagePolicy.SKIP).build()) {
            int per = t[0] * t[1] * 3;
            int seen = 0;
            for (int b = 0; b < it.batchCount(); b++) {
              ImageBatch batch = it.get(b);
              float[] images = batch.images();
              int[] indices = batch.indices();
              assertThat(images).hasSize(indices.length * per);
              for (int k = 0; k < indices.length; k++) {
                float[] want = loader.load(it.filepaths().get(indices[k])).data().clone();
                for (int v = 0; v < want.length; v++) {
                  want[v] *= (float) (1 / 255.0);
                }
                assertThat(java.util.Arrays.copyOfRange(images, k * per, (k + 1) * per))
                    .as("%s %dx%d %s", it.filenames().get(indices[k]), t[0], t[1], interpolation)
                    .containsExactly(want);
              }
              seen += indices.length;
            }
            assertThat(seen).isEqualTo(it.filepaths().size() - 1);
            assertThat(it.skippedImages()).isEqualTo(1);
          }
        }
      }
    }
  }
}
