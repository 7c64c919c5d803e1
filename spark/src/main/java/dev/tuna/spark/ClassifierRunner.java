package dev.tuna.spark;

import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import java.nio.file.Path;
import java.util.List;

/** An exported classifier on an executor: per-class probabilities and the top class of each image. */
final class ClassifierRunner implements BatchRunner {
  private static final long serialVersionUID = 1L;

  private final ModelLocation model;
  private final int classes;

  ClassifierRunner(ModelLocation model, int classes) {
    this.model = model;
    this.classes = classes;
  }

  /** The executor's one loaded copy of the classifier at {@code path}. */
  static Classifier classifier(Path path) {
    return ExecutorModels.get("classifier:" + path.toAbsolutePath(), () -> {
      try {
        return Classifier.load(path);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot load the model " + path + ": " + e.getMessage(), e);
      }
    });
  }

  @Override
  public Object[][] run(float[] images, int n) {
    Classifier c = classifier(model.resolve());
    List<Prediction> predictions;
    synchronized (c) {
      predictions = c.predict(images, n);
    }
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++) {
      Prediction p = predictions.get(i);
      Object[] row = new Object[classes + 1];
      float[] probs = p.probabilities();
      for (int k = 0; k < classes; k++) {
        row[k] = probs[k];
      }
      row[classes] = p.topClass();
      out[i] = row;
    }
    return out;
  }

  @Override
  public int outputs() {
    return classes + 1;
  }
}
