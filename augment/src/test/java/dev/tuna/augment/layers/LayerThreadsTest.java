package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.layers.internal.BatchParallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The geometric layers and RandomFlip give bit-identical images and masks on 1 and several threads
 * ({@code -Dtuna.layers.threads}), call after call of the same layer objects.
 */
final class LayerThreadsTest {
  private static Pipeline pipeline() {
    return Pipeline.of(RandomFlip.builder().seed(1).build(), RandomRotation.builder(0.2).seed(2).build(),
        RandomTranslation.builder(0.2, 0.1).fillMode(FillMode.WRAP).seed(3).build(),
        RandomZoom.builder(0.3).fillMode(FillMode.CONSTANT).seed(4).build(),
        RandomShear.builder().xFactor(0.3).yFactor(0.2).seed(5).build());
  }

  private static LayerBatch[] run(String threads, LayerBatch batch) {
    String old = System.getProperty(BatchParallel.PROPERTY);
    System.setProperty(BatchParallel.PROPERTY, threads);
    try {
      Pipeline p = pipeline();
      return new LayerBatch[] {p.apply(batch), p.apply(batch), p.apply(batch)};
    } finally {
      if (old == null) {
        System.clearProperty(BatchParallel.PROPERTY);
      } else {
        System.setProperty(BatchParallel.PROPERTY, old);
      }
    }
  }

  @Test
  void oneAndSeveralThreadsGiveTheSameBatches() {
    int n = 9;
    int h = 23;
    int w = 31;
    SplittableRandom rng = new SplittableRandom(2);
    float[] x = new float[n * h * w * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextDouble() * 255);
    }
    float[] m = new float[n * h * w];
    for (int i = 0; i < m.length; i++) {
      m[i] = rng.nextInt(4);
    }
    LayerBatch batch = LayerBatch.of(x, n, h, w, 3).withMasks(m, 1);
    LayerBatch[] one = run("1", batch);
    for (String threads : new String[] {"2", "4"}) {
      LayerBatch[] many = run(threads, batch);
      for (int call = 0; call < one.length; call++) {
        assertThat(many[call].images()).as("images, call %d, %s threads", call, threads)
            .containsExactly(one[call].images());
        assertThat(many[call].masks()).as("masks, call %d, %s threads", call, threads)
            .containsExactly(one[call].masks());
      }
    }
    assertThat(one[0].images()).as("the layers changed the images").isNotEqualTo(x);
  }
}
