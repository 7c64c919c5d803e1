package dev.tuna.finetune.export;

import java.util.Arrays;
import java.util.List;

/**
 * Class probabilities for one image.
 *
 * @param classNames names in label order
 * @param probabilities softmax output, one per class
 */
public record Prediction(List<String> classNames, float[] probabilities) {
  /**
   * Copies both, so a prediction never changes after construction.
   *
   * @param classNames names in label order
   * @param probabilities one per class name
   * @throws IllegalArgumentException when the counts differ
   */
  public Prediction {
    classNames = List.copyOf(classNames);
    probabilities = probabilities.clone();
    if (classNames.size() != probabilities.length) {
      throw new IllegalArgumentException("probabilities must hold one value per class name (" + classNames.size()
          + ") but held " + probabilities.length);
    }
  }

  /**
   * The softmax output.
   *
   * @return a copy, one value per class
   */
  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }

  /** Equal when the class names and probabilities are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && classNames.equals(p.classNames)
        && Arrays.equals(probabilities, p.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * classNames.hashCode() + Arrays.hashCode(probabilities);
  }

  /**
   * Index of the most probable class.
   *
   * @return the class index
   */
  public int topIndex() {
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Name of the most probable class.
   *
   * @return the class name
   */
  public String topClass() {
    return classNames.get(topIndex());
  }

  /**
   * Probability of {@code className}.
   *
   * @param className a class name
   * @return the probability
   * @throws IllegalArgumentException if the class is unknown
   */
  public float probability(String className) {
    int i = classNames.indexOf(className);
    if (i < 0) {
      throw new IllegalArgumentException("className must be one of " + classNames + " but was " + className);
    }
    return probabilities[i];
  }

  @Override
  public String toString() {
    return "Prediction[" + topClass() + " " + probabilities[topIndex()] + "]";
  }
}
