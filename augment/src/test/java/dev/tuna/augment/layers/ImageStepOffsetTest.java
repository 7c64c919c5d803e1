package dev.tuna.augment.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.FillMode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Every per-image step ({@link ImageStep}) reads its image at an offset and writes it at an offset: image
 * {@code n} read from inside a larger array of NaN and written at offset 0, at an odd offset and at the end of a
 * larger array is, bit for bit, image {@code n} of the same layer (same seed) called on the batch, and no other
 * value of the output array changes. Flips (both directions), the affine layers and a perspective that leaves some
 * images unchanged.
 */
final class ImageStepOffsetTest {
  private static final float SENTINEL = -777.25f;
  private static final int N = 6;
  private static final int H = 11;
  private static final int W = 14;
  private static final int C = 3;

  private static List<Supplier<BaseLayer<?>>> layers() {
    return List.of(() -> RandomFlip.builder(RandomFlip.Mode.HORIZONTAL_AND_VERTICAL).seed(3).build(),
        () -> RandomRotation.builder(0.2).seed(4).build(),
        () -> RandomTranslation.builder(0.2, 0.1).fillMode(FillMode.WRAP).seed(5).build(),
        () -> RandomZoom.builder(0.3).fillMode(FillMode.CONSTANT).seed(6).build(),
        () -> RandomShear.builder().xFactor(0.3).yFactor(0.2).seed(7).build(),
        () -> RandomPerspective.builder().factor(0.5).seed(8).build());
  }

  @Test
  void everyStepReadsAndWritesAtOffsets() {
    SplittableRandom rng = new SplittableRandom(12);
    int per = H * W * C;
    float[] x = new float[N * per];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextDouble() * 255);
    }
    LayerBatch batch = LayerBatch.of(x, N, H, W, C);
    int checked = 0;
    int unchanged = 0;
    for (Supplier<BaseLayer<?>> layer : layers()) {
      BaseLayer<?> stepped = layer.get();
      ImageStep step = stepped.step(batch).step();
      float[] want = layer.get().apply(batch, true).images();
      for (int n = 0; n < N; n++) {
        float[] wantImage = Arrays.copyOfRange(want, n * per, (n + 1) * per);
        if (Arrays.equals(wantImage, Arrays.copyOfRange(x, n * per, (n + 1) * per))) {
          unchanged++;
        }
        for (int inOffset : new int[] {0, 9}) {
          float[] in = new float[inOffset + per + 11];
          Arrays.fill(in, Float.NaN);
          System.arraycopy(x, n * per, in, inOffset, per);
          for (int outOffset : new int[] {0, 5, 2 * per}) {
            float[] out = new float[outOffset + per + (outOffset == 5 ? 13 : 0)];
            Arrays.fill(out, SENTINEL);
            step.apply(n, in, inOffset, out, outOffset);
            String what = stepped.className() + " image " + n + " from " + inOffset + " into " + outOffset;
            assertThat(Arrays.copyOfRange(out, outOffset, outOffset + per)).as(what).containsExactly(wantImage);
            assertThat(Arrays.copyOfRange(out, 0, outOffset)).as(what).containsExactly(sentinels(outOffset));
            assertThat(Arrays.copyOfRange(out, outOffset + per, out.length)).as(what)
                .containsExactly(sentinels(out.length - outOffset - per));
            checked++;
          }
        }
        // straight from the batch's array into an image's place in another batch-sized array
        float[] out = new float[N * per];
        Arrays.fill(out, SENTINEL);
        step.apply(n, x, n * per, out, n * per);
        assertThat(Arrays.copyOfRange(out, n * per, (n + 1) * per)).containsExactly(wantImage);
      }
    }
    assertThat(checked).isEqualTo(6 * N * 2 * 3);
    assertThat(unchanged).as("some flips and perspectives leave their image as it is").isPositive();
  }

  private static float[] sentinels(int length) {
    float[] a = new float[length];
    Arrays.fill(a, SENTINEL);
    return a;
  }
}
