package dev.tuna.finetune.callbacks;

import dev.tuna.finetune.load.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link Training} that records what callbacks do. */
final class FakeTraining implements Training {
  boolean stopped;
  double lr = 0.01f;
  Map<String, Weight> weights = new HashMap<>();
  final List<Path> exports = new ArrayList<>();

  @Override
  public void stopTraining() {
    stopped = true;
  }

  @Override
  public boolean stopRequested() {
    return stopped;
  }

  @Override
  public double learningRate() {
    return (float) lr;
  }

  @Override
  public void learningRate(double value) {
    lr = value;
  }

  @Override
  public Map<String, Weight> trainableWeights() {
    return new HashMap<>(weights);
  }

  @Override
  public void trainableWeights(Map<String, Weight> w) {
    weights = new HashMap<>(w);
  }

  @Override
  public void export(Path dir) {
    exports.add(dir);
  }

  @Override
  public int epochs() {
    return 10;
  }

  @Override
  public int steps() {
    return 4;
  }

  static Map<String, Double> logs(String key, double value) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  static Weight w(float v) {
    return Weight.of("dense/bias", new long[] {1}, new float[] {v});
  }
}
