package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.DataFormat;
import dev.tuna.augment.FillMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Pipeline} chains consecutive geometric layers image by image and passes its intermediate images through
 * reused arrays: its batches are the same, value for value, as those of the same layers called one by one (images,
 * masks, labels, boxes; channels_last and channels_first; chains first, last and between other layers and a size
 * change; single geometric layers between others), call after call; and no returned batch shares an array with the
 * pipeline's scratch, the input or another call's result.
 */
final class PipelineScratchTest {
  private static final int N = 5;
  private static final int H = 19;
  private static final int W = 26;

  private static List<AugmentationLayer> geometric(DataFormat format) {
    return List.of(RandomFlip.builder().seed(1).dataFormat(format).build(),
        RandomRotation.builder(0.2).seed(2).dataFormat(format).build(),
        RandomTranslation.builder(0.2, 0.1).fillMode(FillMode.WRAP).seed(3).dataFormat(format).build(),
        RandomZoom.builder(0.3).fillMode(FillMode.CONSTANT).seed(4).dataFormat(format).build(),
        RandomShear.builder().xFactor(0.3).yFactor(0.2).seed(5).dataFormat(format).build(),
        RandomPerspective.builder().seed(6).dataFormat(format).build());
  }

  private static List<AugmentationLayer> withBoxes() {
    return List.of(RandomFlip.builder().seed(7).boundingBoxFormat("xyxy").build(),
        RandomRotation.builder(0.1).seed(8).boundingBoxFormat("xyxy").build(),
        RandomTranslation.builder(0.1, 0.1).seed(9).boundingBoxFormat("xyxy").build(),
        RandomZoom.builder(0.2).seed(10).boundingBoxFormat("xyxy").build());
  }

  /** Geometric layers around layers without a reusing path and a size change. */
  private static List<AugmentationLayer> mixed() {
    return List.of(RandomFlip.builder().seed(11).build(), RandomRotation.builder(0.2).seed(13).build(),
        RandomContrast.builder(0.5).seed(12).build(), Resizing.builder(H + 4, W - 5).build(),
        RandomZoom.builder(0.2).seed(14).build(), RandomTranslation.builder(0.1, 0.2).seed(16).build(),
        RandomBrightness.builder(0.2).seed(15).build(), RandomShear.builder().xFactor(0.2).seed(17).build(),
        RandomContrast.builder(0.3).seed(18).build());
  }

  private static float[] random(int length, SplittableRandom rng, int bound) {
    float[] a = new float[length];
    for (int i = 0; i < length; i++) {
      a[i] = bound == 0 ? (float) (rng.nextDouble() * 255) : rng.nextInt(bound);
    }
    return a;
  }

  private static LayerBatch batch(DataFormat format) {
    SplittableRandom rng = new SplittableRandom(4);
    float[] x = random(N * H * W * 3, rng, 0);
    LayerBatch b = format == DataFormat.CHANNELS_LAST ? LayerBatch.of(x, N, H, W, 3)
        : LayerBatch.ofChannelsFirst(x, N, 3, H, W);
    return b.withMasks(random(N * H * W, rng, 4), 1).withLabels(random(N * 2, rng, 2), 2);
  }

  private static LayerBatch oneByOne(List<AugmentationLayer> layers, LayerBatch batch) {
    LayerBatch b = batch;
    for (AugmentationLayer l : layers) {
      b = l.apply(b);
    }
    return b;
  }

  /** Three calls of a pipeline and of the same layers (built again, same seeds) called one by one. */
  private static void assertSameAsOneByOne(Supplier<List<AugmentationLayer>> layers, LayerBatch batch) {
    float[] input = batch.images().clone();
    Pipeline p = Pipeline.of(layers.get());
    List<AugmentationLayer> single = layers.get();
    List<LayerBatch> results = new ArrayList<>();
    List<float[]> copies = new ArrayList<>();
    for (int call = 0; call < 3; call++) {
      LayerBatch got = p.apply(batch);
      LayerBatch want = oneByOne(single, batch);
      assertThat(got.images()).as("images, call %d", call).containsExactly(want.images());
      assertThat(got.masks()).as("masks, call %d", call).isEqualTo(want.masks());
      assertThat(got.labels()).as("labels, call %d", call).isEqualTo(want.labels());
      if (want.boxes() != null) {
        assertThat(got.boxes().boxes()).as("boxes, call %d", call).containsExactly(want.boxes().boxes());
        assertThat(got.boxes().labels()).as("box labels, call %d", call).containsExactly(want.boxes().labels());
      }
      assertThat(got.images()).isNotSameAs(batch.images());
      for (LayerBatch earlier : results) {
        assertThat(got.images()).isNotSameAs(earlier.images());
      }
      results.add(got);
      copies.add(got.images().clone());
    }
    for (int call = 0; call < results.size(); call++) {
      assertThat(results.get(call).images()).as("call %d's images after later calls", call)
          .containsExactly(copies.get(call));
    }
    assertThat(batch.images()).as("the input").containsExactly(input);
  }

  @Test
  void geometricLayersGiveTheBatchesOfTheLayersOneByOne() {
    assertSameAsOneByOne(() -> geometric(DataFormat.CHANNELS_LAST), batch(DataFormat.CHANNELS_LAST));
  }

  @Test
  void channelsFirstGivesTheBatchesOfTheLayersOneByOne() {
    assertSameAsOneByOne(() -> geometric(DataFormat.CHANNELS_FIRST), batch(DataFormat.CHANNELS_FIRST));
  }

  @Test
  void boxesGoThroughAsWithTheLayersOneByOne() {
    float[] boxes = {1, 2, 10, 12, 0, 0, 25, 18, 3, 4, 5, 6, 2, 2, 20, 9, 4, 1, 7, 17, 8, 8, 9, 9, 0, 3, 26, 19, 5,
        5, 6, 18, 10, 1, 11, 2, 12, 3, 13, 4};
    int[] labels = {0, 1, 2, 3, 1, 0, 2, 2, 1, 3};
    LayerBatch b = batch(DataFormat.CHANNELS_LAST).withBoxes(BoundingBoxes.of(N, 2, boxes, labels));
    assertSameAsOneByOne(PipelineScratchTest::withBoxes, b);
  }

  @Test
  void otherLayersAndASizeChangeInBetweenGiveTheSameBatches() {
    SplittableRandom rng = new SplittableRandom(8);
    LayerBatch b = LayerBatch.of(random(N * H * W * 3, rng, 0), N, H, W, 3);
    assertSameAsOneByOne(PipelineScratchTest::mixed, b);
  }

  @Test
  void aLastLayerThatPassesItsInputThroughReturnsACopy() {
    AugmentationLayer identity = new AugmentationLayer() {
      @Override
      public String className() {
        return "Identity";
      }

      @Override
      public LayerBatch apply(LayerBatch batch, boolean training) {
        return batch;
      }
    };
    Pipeline p = Pipeline.of(RandomFlip.builder().seed(1).build(), RandomRotation.builder(0.3).seed(2).build(),
        identity);
    Pipeline reference = Pipeline.of(RandomFlip.builder().seed(1).build(), RandomRotation.builder(0.3).seed(2).build());
    LayerBatch batch = batch(DataFormat.CHANNELS_LAST);
    LayerBatch first = p.apply(batch);
    float[] kept = first.images().clone();
    assertThat(first.images()).containsExactly(reference.apply(batch).images());
    LayerBatch second = p.apply(batch);
    assertThat(second.images()).isNotSameAs(first.images()).containsExactly(reference.apply(batch).images());
    assertThat(first.images()).as("the first call's images after the second call").containsExactly(kept);
    assertThat(second.images()).isNotEqualTo(kept);
  }

  @Test
  void inferenceReturnsTheInput() {
    LayerBatch batch = batch(DataFormat.CHANNELS_LAST);
    Pipeline p = Pipeline.of(geometric(DataFormat.CHANNELS_LAST));
    assertThat(p.apply(batch, false)).isSameAs(batch);
  }
}
