package dev.tuna.spark;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import org.apache.spark.ml.linalg.Vectors;

/** A backbone on an executor: one dense vector of features per image. */
final class FeatureRunner implements BatchRunner {
  private static final long serialVersionUID = 1L;

  private final ModelLocation model;
  private final String loaderClass;
  private final int height;
  private final int width;
  private final String preprocessing;

  FeatureRunner(ModelLocation model, String loaderClass, int height, int width, String preprocessing) {
    this.model = model;
    this.loaderClass = loaderClass;
    this.height = height;
    this.width = width;
    this.preprocessing = preprocessing;
  }

  /** The executor's one loaded backbone for these settings. */
  static Backbone backbone(String loaderClass, Path path, int height, int width, String preprocessing) {
    String key = "backbone:" + loaderClass + ":" + path.toAbsolutePath() + ":" + height + "x" + width + ":"
        + preprocessing;
    return ExecutorModels.get(key, () -> {
      BackboneLoader loader;
      try {
        loader = (BackboneLoader) Class.forName(loaderClass).getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
          | InvocationTargetException | ClassCastException e) {
        throw new IllegalArgumentException("backboneLoader " + loaderClass + " is not a BackboneLoader with a public "
            + "no-argument constructor: " + e, e);
      }
      try {
        return loader.load(path, height, width, preprocessing);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot load the model " + path + ": " + e.getMessage(), e);
      }
    });
  }

  @Override
  public Object[][] run(float[] images, int n) {
    Backbone b = backbone(loaderClass, model.resolve(), height, width, preprocessing);
    float[] f;
    synchronized (b) {
      f = b.features(images, n);
    }
    int per = f.length / n;
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++) {
      double[] v = new double[per];
      for (int j = 0; j < per; j++) {
        v[j] = f[i * per + j];
      }
      out[i] = new Object[] {Vectors.dense(v)};
    }
    return out;
  }

  @Override
  public int outputs() {
    return 1;
  }
}
