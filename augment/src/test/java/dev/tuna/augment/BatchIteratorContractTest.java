package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Java's {@link java.util.Iterator} contract (one epoch) next to Keras' endless {@code nextBatch()}. */
final class BatchIteratorContractTest {
  private static final ImageDataGenerator GEN = ImageDataGenerator.builder().horizontalFlip(true).build();

  /** Ten 2x2 grey samples whose pixels all hold the sample's index. */
  private static ArrayIterator.Builder flow() {
    float[] x = new float[10 * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = i / 4;
    }
    return GEN.flow(x, 10, 2, 2, 1).batchSize(4).seed(3);
  }

  private static List<Integer> indices(ImageBatch b) {
    List<Integer> out = new ArrayList<>();
    for (int i : b.indices()) {
      out.add(i);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void iterator_walksOneEpoch_thenHasNextIsFalseAndNextThrows(int workers) {
    try (ArrayIterator it = flow().workers(workers).build()) {
      List<Integer> seen = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      int loops = 0;
      while (it.hasNext()) {
        ImageBatch b = it.next();
        sizes.add(b.size());
        seen.addAll(indices(b));
        assertThat(++loops).as("the loop ends").isLessThanOrEqualTo(3);
      }
      assertThat(sizes).containsExactly(4, 4, 2);
      assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("the epoch ended after 3 batches");
    }
  }

  @Test
  void forEachRemaining_ends_andReturnsTheBatchesOfNextBatch() {
    List<List<Integer>> viaIterator = new ArrayList<>();
    try (ArrayIterator it = flow().build()) {
      it.forEachRemaining(b -> viaIterator.add(indices(b)));
    }
    List<List<Integer>> viaKeras = new ArrayList<>();
    try (ArrayIterator it = flow().build()) {
      for (int i = 0; i < 3; i++) {
        viaKeras.add(indices(it.nextBatch()));
      }
    }
    assertThat(viaIterator).hasSize(3).isEqualTo(viaKeras);
  }

  @Test
  void nextBatch_goesOnEndlessly_andReopensTheIterator() {
    try (ArrayIterator it = flow().build()) {
      for (int i = 0; i < 3; i++) {
        it.next();
      }
      assertThat(it.hasNext()).isFalse();
      for (int i = 0; i < 7; i++) {
        assertThat(it.nextBatch().size()).isEqualTo(i % 3 == 2 ? 2 : 4);
      }
      assertThat(it.hasNext()).as("the 7th endless batch opened the third epoch").isTrue();
      it.next();
      it.next();
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void reset_startsAnotherEpoch() {
    try (ArrayIterator it = flow().build()) {
      it.forEachRemaining(b -> { });
      assertThat(it.hasNext()).isFalse();
      it.reset();
      assertThat(it.hasNext()).isTrue();
      int[] count = {0};
      it.forEachRemaining(b -> count[0]++);
      assertThat(count[0]).isEqualTo(3);
    }
  }

  @Test
  void noSamples_hasNothingNext() {
    try (ArrayIterator it = GEN.flow(new float[0], 0, 2, 2, 1).build()) {
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class).hasMessageContaining("no samples");
      assertThatThrownBy(it::nextBatch).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no samples");
    }
  }

  @Test
  void batches_carryTheGeneratorsLayout() {
    float[] x = new float[2 * 2 * 3 * 3];
    try (ArrayIterator last = GEN.flow(x, 2, 2, 3, 3).build()) {
      ImageBatch b = last.nextBatch();
      assertThat(b.layout()).isEqualTo(ImageLayout.NHWC);
      assertThat(b.shape()).containsExactly(2, 2, 3, 3);
    }
    ImageDataGenerator first = GEN.newBuilder().dataFormat(DataFormat.CHANNELS_FIRST).build();
    try (ArrayIterator it = first.flow(x, 2, 3, 2, 3).build()) {
      ImageBatch b = it.nextBatch();
      assertThat(b.layout()).isEqualTo(ImageLayout.NCHW);
      assertThat(b.shape()).containsExactly(2, 3, 2, 3);
    }
  }
}
