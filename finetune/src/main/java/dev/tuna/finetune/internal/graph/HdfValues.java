package dev.tuna.finetune.internal.graph;

import dev.tuna.finetune.load.KerasModelException;
import io.jhdf.api.Dataset;

/** Dataset values as float32, whatever numeric type the file stores. */
final class HdfValues {
  private HdfValues() {}

  static float[] floats(Dataset d, String source) {
    Object flat = d.getDimensions().length == 0 ? scalar(d.getData()) : d.getDataFlat();
    if (flat instanceof float[] f) {
      return f;
    }
    float[] out;
    if (flat instanceof double[] v) {
      out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) v[i];
      }
    } else if (flat instanceof long[] v) {
      out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i];
      }
    } else if (flat instanceof int[] v) {
      out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i];
      }
    } else {
      throw new KerasModelException(source + ": dataset " + d.getPath() + " holds " + d.getJavaType()
          + ", not numbers");
    }
    return out;
  }

  private static Object scalar(Object v) {
    if (v instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    return v;
  }
}
