package dev.tuna.finetune.train;

import dev.tuna.core.internal.Preconditions;
import java.util.List;
import java.util.Locale;

/**
 * Extracted backbone features with their class labels, in sample order (the order {@code flowFromDirectory} lists
 * the images: classes, then directories, then file names): the training data of {@link FeatureFit}. Immutable.
 */
public final class FeatureDataset {
  private final float[] features;
  private final int length;
  private final int[] labels;
  private final List<String> classNames;

  private FeatureDataset(float[] features, int length, int[] labels, List<String> classNames) {
    this.features = features;
    this.length = length;
    this.labels = labels;
    this.classNames = classNames;
  }

  /**
   * A dataset of {@code features.length} samples.
   *
   * @param features one flattened feature array per sample (the backbone's output, row-major), all of one length
   * @param labels the class index of each sample, in [0, classNames.size())
   * @param classNames the class names in label order
   * @return the dataset (copies of the arrays)
   * @throws IllegalArgumentException if it is empty, the counts or lengths disagree, or a label is out of range
   */
  public static FeatureDataset of(float[][] features, int[] labels, List<String> classNames) {
    Preconditions.requireNonNull("features", features);
    Preconditions.requireNonNull("labels", labels);
    List<String> names = List.copyOf(Preconditions.requireNonNull("classNames", classNames));
    Preconditions.requireArgument(features.length > 0, "features must not be empty");
    Preconditions.requireArgument(features.length == labels.length,
        "features has %d samples but labels has %d", features.length, labels.length);
    Preconditions.requireArgument(features.length < (1 << 24), "features must hold fewer than 2^24 samples but "
        + "had %d", features.length);
    int length = features[0].length;
    Preconditions.requireArgument(length > 0, "features of sample 0 must not be empty");
    float[] flat = new float[Math.multiplyExact(features.length, length)];
    for (int i = 0; i < features.length; i++) {
      Preconditions.requireArgument(features[i].length == length,
          "features of sample %d has %d values but sample 0 has %d", i, features[i].length, length);
      Preconditions.requireArgument(labels[i] >= 0 && labels[i] < names.size(),
          "label of sample %d must be a class index in [0, %d) but was %d", i, names.size(), labels[i]);
      System.arraycopy(features[i], 0, flat, i * length, length);
    }
    return new FeatureDataset(flat, length, labels.clone(), names);
  }

  /** {@return the number of samples} */
  public int size() {
    return labels.length;
  }

  /** {@return the number of feature values per sample} */
  public int featureLength() {
    return length;
  }

  /** {@return the class names in label order} */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The class index of a sample.
   *
   * @param sample the sample, in [0, size())
   * @return its label
   */
  public int label(int sample) {
    return labels[sample];
  }

  /** The features of {@code samples}, concatenated. */
  float[] features(int[] samples) {
    float[] out = new float[samples.length * length];
    for (int i = 0; i < samples.length; i++) {
      System.arraycopy(features, samples[i] * length, out, i * length, length);
    }
    return out;
  }

  /** One-hot labels {@code [samples.length, classes]} of {@code samples}. */
  float[] oneHot(int[] samples, int classes) {
    float[] out = new float[samples.length * classes];
    for (int i = 0; i < samples.length; i++) {
      out[i * classes + labels[samples[i]]] = 1;
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FeatureDataset[%d samples of %d features, classes %s]", size(), length,
        classNames);
  }
}
