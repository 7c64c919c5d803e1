package dev.tuna.benchmarks;

import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code flowFromDirectory} end to end: read, decode, resize to 150×150, augment (rotation 40, shifts 0.2, shear
 * 20, zoom 0.2, flips), batch of 32, with 0 (caller thread), 1 or 2 worker threads. The directory holds 256 JPEGs
 * of 160–320 px per side in two classes, written in {@code @Setup(Level.Trial)}. One op is one batch; images/s =
 * 32 / (s/op). The heap is capped (-Xmx512m) to show that memory does not grow with the dataset.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BatchIteratorBenchmark} (build as in
 * {@link WarpBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class BatchIteratorBenchmark {
  @Param({"0", "1", "2"})
  public int workers;

  private Path dir;
  private DirectoryIterator iterator;

  @Setup(Level.Trial)
  public void setUp() {
    org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    dir = Images.directory(256);
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2)
        .heightShiftRange(0.2).shearRange(20).zoomRange(0.2).horizontalFlip(true).build();
    iterator = gen.flowFromDirectory(dir).targetSize(150, 150).batchSize(32).seed(1).workers(workers).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    iterator.close();
    Images.deleteRecursively(dir);
  }

  @Benchmark
  public ImageBatch nextBatch() {
    return iterator.nextBatch();
  }
}
