package dev.tuna.benchmarks;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.warp.AffineMatrix;
import dev.tuna.augment.warp.AffineWarp;
import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
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
 * The Keras-exact warp kernel and the full {@code randomTransform} on a 150×150×3 float image, per fill mode and
 * interpolation order, single thread.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar
 * WarpBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WarpBenchmark {
  @Param({"CONSTANT", "NEAREST", "REFLECT", "WRAP"})
  public FillMode fillMode;

  @Param({"1", "0"})
  public int order;

  private Image image;
  private float[] out;
  private AffineMatrix matrix;
  private ImageDataGenerator generator;
  private NumpyRandom rng;

  @Setup
  public void setUp() {
    NumpyRandom r = new NumpyRandom(1);
    float[] d = new float[150 * 150 * 3];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.randomSample() * 255);
    }
    image = Image.wrap(150, 150, 3, d);
    out = new float[d.length];
    matrix = AffineMatrix.of(20, 8, -5, 7, 1.1, 0.9, 150, 150, false);
    generator = ImageDataGenerator.builder().rotationRange(30).widthShiftRange(0.2).heightShiftRange(0.2)
        .shearRange(10).zoomRange(0.2).horizontalFlip(true).fillMode(fillMode).interpolationOrder(order).build();
    rng = new NumpyRandom(42);
  }

  @Benchmark
  public float[] warpKernel() {
    AffineWarp.warp(image.data(), out, 150, 150, 3, matrix, fillMode, 0, order);
    return out;
  }

  @Benchmark
  public Image randomTransform() {
    return generator.randomTransform(image, rng);
  }
}
