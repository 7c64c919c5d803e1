package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Layers after flow / flowFromDirectory equal the same layers applied by hand to the same batches. */
final class LayerIteratorTest {
  private static final ImageDataGenerator GEN = ImageDataGenerator.builder().rotationRange(20).horizontalFlip(true)
      .widthShiftRange(0.1).build();

  private static Pipeline pipeline() {
    return Pipeline.of(RandomFlip.builder().seed(5).build(), RandomContrast.builder(0.3).seed(6).build(),
        RandomRotation.builder(0.1).seed(8).build(), MixUp.builder().seed(7).build());
  }

  /** What a Keras model's first layers do with one batch, written out without LayerIterator. */
  private static ImageBatch byHand(AugmentationLayer layers, ImageBatch b) {
    LayerBatch in = LayerBatch.of(b.images(), b.size(), b.height(), b.width(), b.channels());
    if (b.labels() != null) {
      in = in.withLabels(b.labels(), b.labelShape()[1]);
    }
    LayerBatch out = layers.apply(in, true);
    return ImageBatch.of(b.height(), b.width(), out.channels(), out.images(), out.labels(), b.labelShape(),
        b.sampleWeights(), b.indices());
  }

  private static void assertSame(ImageBatch got, ImageBatch want, String what) {
    assertThat(got.layout()).isEqualTo(ImageLayout.NHWC);
    assertThat(got.shape()).as(what).containsExactly(want.shape());
    assertThat(got.images()).as(what + " images").containsExactly(want.images());
    assertThat(got.labels()).as(what + " labels").containsExactly(want.labels());
    assertThat(got.labelShape()).containsExactly(want.labelShape());
    assertThat(got.indices()).as(what + " indices").containsExactly(want.indices());
    assertThat(got.sampleWeights()).isEqualTo(want.sampleWeights());
  }

  /** Runs the same call sequence on a decorated and a plain iterator and compares each batch. */
  private static int compare(Supplier<dev.tuna.augment.BatchIterator> flow) {
    Pipeline manual = pipeline();
    int checked = 0;
    try (LayerIterator decorated = LayerIterator.of(flow.get(), pipeline());
        dev.tuna.augment.BatchIterator plain = flow.get()) {
      List<String> calls = List.of("next", "next", "next", "next", "get2", "get0", "epoch", "get1", "reset", "next");
      List<ImageBatch> before = new ArrayList<>();
      for (String call : calls) {
        ImageBatch got;
        ImageBatch raw;
        switch (call) {
          case "next" -> {
            got = decorated.nextBatch();
            raw = plain.nextBatch();
          }
          case "epoch" -> {
            decorated.onEpochEnd();
            plain.onEpochEnd();
            continue;
          }
          case "reset" -> {
            decorated.reset();
            plain.reset();
            continue;
          }
          default -> {
            int idx = Integer.parseInt(call.substring(3));
            got = decorated.get(idx);
            raw = plain.get(idx);
          }
        }
        assertSame(got, byHand(manual, raw), call + " #" + checked);
        assertThat(got.images()).as("the layers changed the batch").isNotEqualTo(raw.images());
        before.add(raw);
        checked++;
      }
      assertThat(decorated.batchCount()).isEqualTo(plain.batchCount());
    }
    return checked;
  }

  @Test
  void flowBatchesGoThroughTheLayersAsKerasModelLayersSeeThem() {
    Random r = new Random(1);
    int n = 10;
    float[] x = new float[n * 9 * 11 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() * 255;
    }
    float[] y = new float[n * 3];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      y[i * 3 + i % 3] = 1;
      w[i] = 1 + i;
    }
    Supplier<dev.tuna.augment.BatchIterator> flow = () -> {
      ArrayIterator.Builder b = GEN.flow(x, n, 9, 11, 3).y(y, n, 3).sampleWeight(w).batchSize(4).seed(3);
      return b.build();
    };
    assertThat(compare(flow)).isEqualTo(8);
  }

  @Test
  void directoryBatchesWithWorkersGoThroughTheLayers() throws Exception {
    Path tree = Path.of(getClass().getResource("/keras/directory/tree").toURI());
    Supplier<dev.tuna.augment.BatchIterator> flow = () -> {
      DirectoryIterator.DirectoryFlow f = GEN.flowFromDirectory(tree).targetSize(20, 24).batchSize(4).seed(3)
          .workers(2);
      return f.build();
    };
    assertThat(compare(flow)).isEqualTo(8);
  }

  @Test
  void sparseLabelsKeepTheirShape() {
    float[] x = new float[4 * 5 * 6 * 3];
    java.util.Arrays.fill(x, 100);
    try (LayerIterator it = LayerIterator.of(GEN.flow(x, 4, 5, 6, 3).y(new float[] {0, 1, 2, 1}, 4)
        .batchSize(4).shuffle(false).build(), RandomBrightness.builder(0.5).seed(3).build())) {
      ImageBatch b = it.next();
      assertThat(b.labelShape()).containsExactly(4);
      assertThat(b.labels()).containsExactly(0, 1, 2, 1);
      assertThat(it.hasNext()).isFalse();
    }
  }
}
