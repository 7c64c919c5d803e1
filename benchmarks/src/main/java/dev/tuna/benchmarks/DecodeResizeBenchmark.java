package dev.tuna.benchmarks;

import dev.tuna.core.image.Image;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Interpolation;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keras' {@code load_img(path, target_size=(150, 150))} from encoded bytes: decode (OpenCV codecs behind PIL-exact
 * checks) and PIL-exact resize, per format, source size and resize filter. The bytes are in memory, so file-system
 * time is excluded.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecodeResizeBenchmark} (build as in
 * {@link WarpBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecodeResizeBenchmark {
  @Param({"jpg", "png"})
  public String format;

  /** Source side length; the target is 150×150. */
  @Param({"150", "320", "500"})
  public int sourceSize;

  @Param({"NEAREST", "BILINEAR"})
  public Interpolation interpolation;

  private byte[] encoded;
  private ImageLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    encoded = Images.encoded(sourceSize, sourceSize * 4 / 3, 3, format);
    loader = ImageLoader.builder().targetSize(150, 150).interpolation(interpolation).build();
  }

  @Benchmark
  public Image decodeResize() throws IOException {
    return loader.load(encoded, "bench." + format);
  }
}
