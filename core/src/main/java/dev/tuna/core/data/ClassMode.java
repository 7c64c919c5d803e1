package dev.tuna.core.data;

/** How labels are produced from class indices, like Keras' {@code class_mode}. */
public enum ClassMode {
  /** One-hot float32 labels of shape {@code [batch, classes]}. */
  CATEGORICAL("categorical"),
  /** The class index as a float32 label of shape {@code [batch]}; not checked to be 0 or 1, as in Keras. */
  BINARY("binary"),
  /** The class index as a float32 label of shape {@code [batch]}. */
  SPARSE("sparse"),
  /** The images themselves are the labels (autoencoders); {@link #encode} returns null. */
  INPUT("input"),
  /** No labels (Keras {@code class_mode=None}). */
  NONE(null);

  private final String kerasName;

  ClassMode(String kerasName) {
    this.kerasName = kerasName;
  }

  /**
   * The Keras spelling, or null for {@link #NONE}.
   *
   * @return the Keras name, or null
   */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Parses a Keras {@code class_mode}; {@code null} (Python {@code None}) is {@link #NONE}.
   *
   * @param name the Keras {@code class_mode}, or null
   * @return the mode
   * @throws IllegalArgumentException with Keras' message for anything else
   */
  public static ClassMode parse(String name) {
    if (name == null) {
      return NONE;
    }
    for (ClassMode m : values()) {
      if (name.equals(m.kerasName)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Invalid class_mode: " + name
        + "; expected one of: {'categorical', 'binary', 'sparse', 'input', None}");
  }

  /**
   * The label shape for a batch, or null when this mode produces no label array of its own.
   *
   * @param batchSize the samples in the batch
   * @param numClasses the class count
   * @return a new shape, or null
   */
  public int[] labelShape(int batchSize, int numClasses) {
    switch (this) {
      case CATEGORICAL:
        return new int[] {batchSize, numClasses};
      case BINARY:
      case SPARSE:
        return new int[] {batchSize};
      default:
        return null;
    }
  }

  /**
   * Encodes the class indices of a batch as Keras does: one-hot {@code [batch, numClasses]} for categorical, the
   * index as a float for binary and sparse, null for input and none.
   *
   * @param classIndices the class index of each sample
   * @param numClasses the class count
   * @return the labels, or null
   * @throws IllegalArgumentException if a class index is outside {@code [0, numClasses)} for categorical labels
   */
  public float[] encode(int[] classIndices, int numClasses) {
    switch (this) {
      case CATEGORICAL: {
        float[] out = new float[Math.multiplyExact(classIndices.length, numClasses)];
        for (int i = 0; i < classIndices.length; i++) {
          int c = classIndices[i];
          if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("classIndices[" + i + "] must be in [0, " + numClasses
                + ") but was " + c);
          }
          out[i * numClasses + c] = 1.0f;
        }
        return out;
      }
      case BINARY:
      case SPARSE: {
        float[] out = new float[classIndices.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = classIndices[i];
        }
        return out;
      }
      default:
        return null;
    }
  }
}
