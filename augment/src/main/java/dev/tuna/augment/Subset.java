package dev.tuna.augment;

/** Which side of {@code validationSplit} an iterator serves (Keras' {@code subset}). */
public enum Subset {
  TRAINING("training"),
  VALIDATION("validation");

  private final String kerasName;

  Subset(String kerasName) {
    this.kerasName = kerasName;
  }

  public String kerasName() {
    return kerasName;
  }

  /** Parses Keras' {@code "training"} / {@code "validation"}. */
  public static Subset fromKeras(String name) {
    for (Subset s : values()) {
      if (s.kerasName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("subset must be \"training\" or \"validation\" but was " + name);
  }
}
