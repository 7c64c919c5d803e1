package dev.tuna.finetune.train;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seconds per training step of full-size VGG16 (random He-scaled weights) at 150×150, batch 32, block5 + head
 * trainable. Runs only with {@code -Dtuna.timing=true}:
 * {@code mvn -B -pl finetune test -Dtest=Vgg16StepTiming -Dtuna.timing=true}.
 */
final class Vgg16StepTiming {
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

  @Test
  void trainStep_150x150_batch32() {
    assumeTrue(Boolean.getBoolean("tuna.timing"), "set -Dtuna.timing=true");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int n = 32;
    NumpyRandom rng = new NumpyRandom(2);
    float[] x = new float[n * 150 * 150 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (255 * rng.randomSample());
    }
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
    }
    int[] idx = new int[n];
    ImageBatch batch = ImageBatch.of(150, 150, 3, x, y, new int[] {n}, null, idx);
    long t0 = System.nanoTime();
    try (FineTuner t = FineTuner.builder(vgg16()).classes(2).optimizer(Optimizer.rmsprop().withLearningRate(1e-5))
        .build()) {
      System.out.printf(Locale.ROOT, "TIMING build %.2f s%n%s", (System.nanoTime() - t0) / 1e9, t.summary());
      t.trainOnBatch(batch);
      int steps = 5;
      long cpu0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        t.trainOnBatch(batch);
      }
      double wall = (System.nanoTime() - w0) / 1e9 / steps;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / steps;
      long p0 = os.getProcessCpuTime();
      long pw = System.nanoTime();
      t.predict(x, n);
      System.out.printf(Locale.ROOT, "TIMING train step: wall %.2f s, process CPU %.2f s; predict: wall %.2f s, "
          + "CPU %.2f s (load average %.2f)%n", wall, cpu, (System.nanoTime() - pw) / 1e9,
          (os.getProcessCpuTime() - p0) / 1e9, os.getSystemLoadAverage());
    }
  }
}
