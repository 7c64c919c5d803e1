package dev.tuna.augment;

/** What a file-based iterator does with a file that cannot be decoded. */
public enum BadImagePolicy {
  /** Throw an exception naming the file (default, like Keras). */
  FAIL,
  /** Leave the sample out of its batch (which becomes shorter) and count it in {@code skippedImages()}. */
  SKIP
}
