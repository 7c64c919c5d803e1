package dev.tuna.benchmarks;

import dev.tuna.augment.layers.AugmentationLayer;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.augment.layers.RandomFlip;
import dev.tuna.augment.layers.RandomRotation;
import dev.tuna.augment.layers.RandomTranslation;
import dev.tuna.augment.layers.RandomZoom;
import dev.tuna.augment.layers.internal.BatchParallel;
import dev.tuna.augment.layers.internal.ProjectiveTransform;
import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The geometric Keras 3 layers on one 32 × 224 × 224 × 3 float32 batch (P8/P9's batch and pipeline), and TF's
 * projective-transform kernel alone (P8k: one 224 × 224 × 3 image, 10° rotation about the centre with a shift,
 * reflect fill, bilinear, one thread, as compare.py times {@code cv2.warpAffine}).
 *
 * <ul>
 *   <li>{@code layer}: one layer ({@code FLIP} horizontal, {@code ROTATION} 0.1, {@code TRANSLATION} 0.1/0.1,
 *       {@code ZOOM} 0.2, seeds 1–4), the four as one {@code PIPELINE} (which chains them image by image) or the
 *       four called one by one ({@code ONE_BY_ONE}, the same output), training mode, per batch;
 *   <li>{@code kernelBatch}: the kernel on the whole batch, one rotation per image;
 *   <li>{@code kernelImage}: the kernel on one image, always on one thread.
 * </ul>
 *
 * {@code threads} is {@code -Dtuna.layers.threads}: the images of a batch on that many threads. Append
 * {@code -jvmArgsAppend -Dtuna.projective.kernel=scalar} (or {@code vector}, {@code native}) to force a kernel.
 *
 * <p>Run: {@code mvn -B -o -q package -pl benchmarks -am -DskipTests && java -jar benchmarks/target/benchmarks.jar
 * LayersBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class LayersBenchmark {
  /** What one op applies. */
  public enum Layer { FLIP, ROTATION, TRANSLATION, ZOOM, PIPELINE, ONE_BY_ONE }

  @Param({"PIPELINE", "ONE_BY_ONE", "FLIP", "ROTATION", "TRANSLATION", "ZOOM"})
  public Layer layer;

  @Param({"1", "2"})
  public int threads;

  private static final int N = 32;
  private static final int SIZE = 224;

  private LayerBatch batch;
  private AugmentationLayer applied;
  private float[] images;
  private float[] one;
  private float[] rotations;
  private float[] rotation;

  @Setup
  public void setUp() {
    System.setProperty(BatchParallel.PROPERTY, Integer.toString(threads));
    SplittableRandom rng = new SplittableRandom(3);
    images = new float[N * SIZE * SIZE * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) (rng.nextDouble() * 255);
    }
    one = java.util.Arrays.copyOf(images, SIZE * SIZE * 3);
    batch = LayerBatch.of(images, N, SIZE, SIZE, 3);
    RandomFlip flip = RandomFlip.builder(RandomFlip.Mode.HORIZONTAL).seed(1).build();
    RandomRotation rot = RandomRotation.builder(0.1).seed(2).build();
    RandomTranslation shift = RandomTranslation.builder(0.1, 0.1).seed(3).build();
    RandomZoom zoom = RandomZoom.builder(0.2).seed(4).build();
    applied = switch (layer) {
      case FLIP -> flip;
      case ROTATION -> rot;
      case TRANSLATION -> shift;
      case ZOOM -> zoom;
      case PIPELINE -> Pipeline.of(flip, rot, shift, zoom);
      case ONE_BY_ONE -> oneByOne(flip, rot, shift, zoom);
    };
    rotation = rotation(10, 3.5f, -2.25f);
    rotations = new float[8 * N];
    for (int b = 0; b < N; b++) {
      System.arraycopy(rotation(-36 + 72f * b / N, b % 5, -(b % 3)), 0, rotations, 8 * b, 8);
    }
  }

  /** The layers called one after another on the batch, each on the previous one's output. */
  private static AugmentationLayer oneByOne(AugmentationLayer... layers) {
    return new AugmentationLayer() {
      @Override
      public String className() {
        return "OneByOne";
      }

      @Override
      public LayerBatch apply(LayerBatch batch, boolean training) {
        LayerBatch b = batch;
        for (AugmentationLayer l : layers) {
          b = l.apply(b, training);
        }
        return b;
      }
    };
  }

  /**
   * TF's transform (output to input) of a rotation by {@code degrees} about the centre, then a shift, in float32.
   *
   * @param degrees the rotation
   * @param dx the shift along x, pixels
   * @param dy the shift along y, pixels
   * @return the 8 transform values
   */
  public static float[] rotation(float degrees, float dx, float dy) {
    float rad = (float) Math.toRadians(degrees);
    float cos = (float) Math.cos(rad);
    float sin = (float) Math.sin(rad);
    float c = 0.5f * (SIZE - 1);
    return new float[] {cos, -sin, dx + c - c * cos + c * sin, sin, cos, dy + c - c * sin - c * cos, 0, 0};
  }

  @Benchmark
  public int layer() {
    return applied.apply(batch).images().length;
  }

  @Benchmark
  public float[] kernelBatch() {
    return layer == Layer.PIPELINE ? ProjectiveTransform.apply(images, N, SIZE, SIZE, 3, rotations, SIZE, SIZE,
        Interpolation.BILINEAR, FillMode.REFLECT, 0f, threads) : null;
  }

  @Benchmark
  public float[] kernelImage() {
    return layer == Layer.PIPELINE && threads == 1 ? ProjectiveTransform.apply(one, 1, SIZE, SIZE, 3, rotation,
        SIZE, SIZE, Interpolation.BILINEAR, FillMode.REFLECT, 0f, 1) : null;
  }
}
