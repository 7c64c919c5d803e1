package dev.tuna.augment.layers;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Two reusable image arrays for the intermediate batches of one {@link Pipeline} call: a layer that gets a scratch
 * writes its output images into the array its input does not use, so consecutive layers alternate between the two
 * and no array is allocated (and zeroed) per layer; and pairs of one-image arrays for the per-image chains. The
 * arrays never leave the pipeline: its last layer allocates, and the pipeline copies a result still held here. One
 * pipeline call at a time (whose threads share the pairs).
 */
final class Scratch {
  private final float[][] slots = new float[2][];
  /** Pairs of one-image arrays for the per-image chains, taken and given back by the threads of one call. */
  private final ConcurrentLinkedQueue<float[][]> imagePairs = new ConcurrentLinkedQueue<>();
  private volatile int imageLength;

  /**
   * An array of {@code length} values (contents undefined) that is not {@code input}.
   *
   * @param length the number of values
   * @param input the array the layer reads, which must not be overwritten
   * @return a reused array
   */
  float[] take(int length, float[] input) {
    int i = slots[0] == input ? 1 : 0;
    if (slots[i] == null || slots[i].length != length) {
      slots[i] = new float[length];
    }
    return slots[i];
  }

  /** Makes {@link #takePair} hand out arrays of {@code length} values (called before the threads start). */
  void imageLength(int length) {
    if (length != imageLength) {
      imagePairs.clear();
      imageLength = length;
    }
  }

  /** Two arrays of one image each (contents undefined), for one thread until {@link #givePair}. */
  float[][] takePair() {
    float[][] pair = imagePairs.poll();
    return pair != null ? pair : new float[][] {new float[imageLength], new float[imageLength]};
  }

  /** Gives back a pair from {@link #takePair}. */
  void givePair(float[][] pair) {
    if (pair[0].length == imageLength) {
      imagePairs.offer(pair);
    }
  }

  /** Whether {@code a} is one of the reused arrays. */
  boolean holds(float[] a) {
    return a != null && (a == slots[0] || a == slots[1]);
  }

  /**
   * An array of {@code length} values from {@code scratch} that is not {@code input}, or a new one without scratch.
   */
  static float[] take(Scratch scratch, int length, float[] input) {
    return scratch == null ? new float[length] : scratch.take(length, input);
  }
}
