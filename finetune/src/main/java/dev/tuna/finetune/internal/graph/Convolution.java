package dev.tuna.finetune.internal.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution built so that its gradient is exact. TensorFlow's oneDNN kernel for
 * {@code Conv2DBackpropInput} (used on x86 unless {@code TF_ENABLE_ONEDNN_OPTS=0}) returns wrong input gradients
 * for 1×1 convolutions with some input channel counts (112, 320, 512, 1024, 1280 among those checked) and for
 * some strided k×k ones; the forward convolution, the depthwise kernels and {@code MatMul} are exact. So where
 * gradients flow through the layer, a 1×1 convolution is a (strided slice and a) {@code MatMul}, and a strided
 * k×k one is a stride-1 convolution of the padded input followed by a strided slice; elsewhere it is
 * {@code Conv2D}.
 */
final class Convolution {
  private Convolution() {}

  /**
   * {@code x} (NHWC) convolved with {@code kernel} (HWIO).
   *
   * @param gradients whether a gradient flows through this convolution (to its input or kernel)
   */
  static Operand<TFloat32> conv2d(Ops tf, LayerConfig c, Operand<TFloat32> x, Operand<TFloat32> kernel,
      long[] strides, String padding, long[] dilations, boolean gradients) {
    Shape ks = kernel.shape();
    long kh = ks.get(0);
    long kw = ks.get(1);
    Shape xs = x.shape();
    long h = xs.get(1);
    long w = xs.get(2);
    boolean dilated = dilations[0] != 1 || dilations[1] != 1;
    if (gradients && dilated) {
      // TensorFlow's C++ Conv2D gradient drops the dilations attribute
      throw c.fail("is a dilated convolution (dilation_rate " + dilations[0] + "x" + dilations[1] + "), which tuna "
          + "cannot train through; keep it frozen (unfreeze only layers after it)");
    }
    if (!gradients || h < 0 || w < 0) {
      return tf.nn.conv2d(x, kernel, List.of(1L, strides[0], strides[1], 1L), padding,
          Conv2d.dilations(List.of(1L, dilations[0], dilations[1], 1L)));
    }
    boolean strided = strides[0] != 1 || strides[1] != 1;
    if (kh == 1 && kw == 1) {
      // a 1x1 kernel reads x[::s, ::s] under both paddings
      Operand<TFloat32> in = strided ? subsample(tf, x, strides) : x;
      long oh = (h + strides[0] - 1) / strides[0];
      long ow = (w + strides[1] - 1) / strides[1];
      long cin = ks.get(2);
      long cout = ks.get(3);
      Operand<TFloat32> flat = tf.reshape(in, tf.constant(new long[] {-1, cin}));
      Operand<TFloat32> y = tf.linalg.matMul(flat, tf.reshape(kernel, tf.constant(new long[] {cin, cout})));
      return tf.reshape(y, tf.constant(new long[] {-1, oh, ow, cout}));
    }
    if (!strided) {
      return tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), padding);
    }
    Operand<TFloat32> in = x;
    if (padding.equals("SAME")) {
      int[] ph = samePadding(h, kh, strides[0]);
      int[] pw = samePadding(w, kw, strides[1]);
      if (ph[0] + ph[1] + pw[0] + pw[1] > 0) {
        // int32 paddings: TensorFlow's C++ Pad gradient slices with an int32 Shape
        in = tf.pad(x, tf.constant(new int[][] {{0, 0}, ph, pw, {0, 0}}), tf.constant(0f));
      }
    }
    return subsample(tf, tf.nn.conv2d(in, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), strides);
  }

  /** TensorFlow's SAME padding (before, after) of one axis. */
  private static int[] samePadding(long in, long k, long s) {
    long out = (in + s - 1) / s;
    int total = Math.toIntExact(Math.max((out - 1) * s + k - in, 0));
    return new int[] {total / 2, total - total / 2};
  }

  private static Operand<TFloat32> subsample(Ops tf, Operand<TFloat32> x, long[] strides) {
    // int32 indices: TensorFlow's C++ StridedSlice gradient pairs them with an int32 Shape
    return tf.stridedSlice(x, tf.constant(new int[4]), tf.constant(new int[4]),
        tf.constant(new int[] {1, Math.toIntExact(strides[0]), Math.toIntExact(strides[1]), 1}),
        StridedSlice.beginMask(15L),
        StridedSlice.endMask(15L));
  }
}
