package dev.tuna.benchmarks;

import dev.tuna.core.image.Image;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * One {@code FineTuner.trainOnBatch} step of full-size VGG16 (random He-uniform weights; only the shapes matter
 * for time) with block5 + the default head trainable, RMSprop, per input size and batch size. The graph is built
 * and warmed up once per trial (the first TensorFlow run creates oneDNN primitives). Wall time only: JMH cannot
 * report process CPU time, which {@code compare/run.sh} records for the epoch.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TrainStepBenchmark -p inputSize=150} (build as in
 * {@link WarpBenchmark}; one op takes seconds at 150×150).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class TrainStepBenchmark {
  @Param({"64", "150"})
  public int inputSize;

  @Param({"32"})
  public int batchSize;

  private FineTuner tuner;
  private ImageBatch batch;

  @Setup(Level.Trial)
  public void setUp() {
    tuner = FineTuner.builder(vgg16()).inputShape(inputSize, inputSize).classes(2)
        .optimizer(Optimizer.rmsprop().withLearningRate(1e-5)).seed(1).build();
    int per = inputSize * inputSize * 3;
    float[] x = new float[batchSize * per];
    float[] y = new float[batchSize * 2];
    for (int i = 0; i < batchSize; i++) {
      Image im = Images.photoLike(inputSize, inputSize, 3, i);
      System.arraycopy(im.data(), 0, x, i * per, per);
      y[i * 2 + i % 2] = 1;
    }
    batch = ImageBatch.of(inputSize, inputSize, 3, x, y, new int[] {batchSize, 2}, null, new int[batchSize]);
    tuner.trainOnBatch(batch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tuner.close();
  }

  @Benchmark
  public Map<String, Double> trainStep() {
    return tuner.trainOnBatch(batch);
  }

  /** VGG16's conv stack with He-uniform random kernels and zero biases. */
  static KerasWeights vgg16() {
    int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    NumpyRandom rng = new NumpyRandom(1);
    Map<String, Weight> m = new LinkedHashMap<>();
    int in = 3;
    for (int b = 0; b < blocks.length; b++) {
      for (int c = 0; c < blocks[b].length; c++) {
        int out = blocks[b][c];
        String name = "block" + (b + 1) + "_conv" + (c + 1);
        float[] k = new float[9 * in * out];
        double limit = Math.sqrt(6.0 / (9 * in));
        for (int i = 0; i < k.length; i++) {
          k[i] = (float) rng.uniform(-limit, limit);
        }
        m.put(name + "/kernel", Weight.of(name + "/kernel", new long[] {3, 3, in, out}, k));
        m.put(name + "/bias", Weight.of(name + "/bias", new long[] {out}, new float[out]));
        in = out;
      }
    }
    return KerasWeights.of(m);
  }
}
