package dev.tuna.spark;

import java.io.Serializable;

/** A model applied to batches of images on an executor: the output column values of each image. */
interface BatchRunner extends Serializable {
  /**
   * Runs the model.
   *
   * @param images {@code n} NHWC RGB images in [0, 255] of the model's input size
   * @param n the batch size
   * @return one array of output values per image
   */
  Object[][] run(float[] images, int n);

  /** The number of output values per image. */
  int outputs();
}
