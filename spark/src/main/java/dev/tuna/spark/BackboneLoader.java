package dev.tuna.spark;

import java.nio.file.Path;

/**
 * Loads a {@link Backbone} from model files on an executor. Implementations need a public no-argument constructor:
 * {@link FeatureExtractor} names them by class.
 */
public interface BackboneLoader {
  /**
   * Loads the backbone.
   *
   * @param model the model file or directory on this executor
   * @param height input rows
   * @param width input columns
   * @param preprocessing caffe, rescale or none
   * @return the backbone
   */
  Backbone load(Path model, int height, int width, String preprocessing);
}
