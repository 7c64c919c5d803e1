package dev.tuna.finetune.internal;

import dev.tuna.finetune.load.Weight;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Java arrays and float32 tensors. Callers close the tensors they get. */
public final class Tensors {
  private Tensors() {}

  /** A new tensor holding a copy of {@code values} with {@code shape}. */
  public static TFloat32 of(long[] shape, float[] values) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static TFloat32 of(Weight w) {
    return of(w.shape(), w.values());
  }

  /** The values of {@code t}, row-major. */
  public static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  public static float scalar(org.tensorflow.Tensor t) {
    return ((TFloat32) t).getFloat();
  }
}
