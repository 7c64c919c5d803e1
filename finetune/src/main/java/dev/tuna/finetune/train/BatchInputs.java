package dev.tuna.finetune.train;

import dev.tuna.core.image.ImageBatch;
import java.util.Arrays;
import java.util.Locale;

/** Labels and sample weights of a batch in the form the training graph feeds. */
final class BatchInputs {
  private BatchInputs() {}

  /** Sample weights, or ones. */
  static float[] weights(ImageBatch batch) {
    if (batch.sampleWeights() != null) {
      return batch.sampleWeights();
    }
    float[] ones = new float[batch.size()];
    Arrays.fill(ones, 1f);
    return ones;
  }

  /** One-hot labels {@code [n, k]} from one-hot or sparse ({@code [n]}, {@code [n, 1]}) labels. */
  static float[] oneHot(ImageBatch batch, int k) {
    float[] labelsIn = batch.labels();
    int[] shape = batch.labelShape();
    if (labelsIn == null) {
      throw new IllegalArgumentException("batch has no labels; training and evaluation need class labels");
    }
    int n = batch.size();
    if (shape.length == 2 && shape[1] == k) {
      return labelsIn;
    }
    if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
      float[] y = new float[n * k];
      for (int i = 0; i < n; i++) {
        int c = (int) labelsIn[i];
        if (c < 0 || c >= k || c != labelsIn[i]) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "label of sample %d must be a class index in [0, %d) but was %s", i, k, labelsIn[i]));
        }
        y[i * k + c] = 1;
      }
      return y;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "labelShape must be [n, %d] (one-hot) or [n] (class indices) but was %s", k, Arrays.toString(shape)));
  }
}
