package dev.tuna.finetune.load;

import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/** Copies between TensorFlow tensors and {@link Weight}s. */
final class TensorValues {
  private TensorValues() {}

  static Weight weight(String name, TFloat32 t) {
    long[] shape = t.shape().asArray();
    float[] values = new float[(int) t.size()];
    FloatDataBuffer dst = DataBuffers.of(values, false, false);
    t.copyTo(dst);
    return new Weight(name, shape, values);
  }
}
