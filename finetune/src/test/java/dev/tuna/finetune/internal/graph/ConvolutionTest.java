package dev.tuna.finetune.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.load.KerasModelException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The training form of a convolution (MatMul for 1×1, stride-1 convolution plus strided slice for strided k×k) has
 * the output shape and values of {@code Conv2D}, and its gradients equal those of {@code Conv2D} computed by the
 * reference (Eigen) kernels, here checked against a direct float64 evaluation of the input gradient.
 */
class ConvolutionTest {
  private static final LayerConfig CONFIG = new LayerConfig("conv", "Conv2D", new JsonObject());

  @ParameterizedTest
  @CsvSource({"7, 1, 2, SAME", "7, 1, 2, VALID", "8, 1, 1, SAME", "7, 3, 2, SAME", "8, 3, 2, SAME", "7, 3, 2, VALID",
      "9, 5, 3, SAME", "6, 3, 1, VALID"})
  void trainingFormEqualsConv2dAndItsInputGradientIsExact(int size, int k, int s, String padding) {
    int cin = 5;
    int cout = 4;
    NumpyRandom r = new NumpyRandom(size * 100 + k * 10 + s);
    float[] x = new float[2 * size * size * cin];
    float[] w = new float[k * k * cin * cout];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.randomSample() * 2 - 1);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.randomSample() - 0.5);
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.constant(org.tensorflow.ndarray.Shape.of(2, size, size, cin),
          org.tensorflow.ndarray.buffer.DataBuffers.of(x));
      Operand<TFloat32> kernel = tf.constant(org.tensorflow.ndarray.Shape.of(k, k, cin, cout),
          org.tensorflow.ndarray.buffer.DataBuffers.of(w));
      long[] st = {s, s};
      long[] one = {1, 1};
      Operand<TFloat32> plain = Convolution.conv2d(tf, CONFIG, in, kernel, st, padding, one, false);
      Operand<TFloat32> train = Convolution.conv2d(tf, CONFIG, in, kernel, st, padding, one, true);
      assertThat(train.shape()).isEqualTo(plain.shape());
      // d(sum(y * c)) / dx with a fixed cotangent c = 1 + index mod 3
      long n = plain.shape().size();
      float[] c = new float[(int) n];
      for (int i = 0; i < c.length; i++) {
        c[i] = 1 + i % 3;
      }
      Operand<TFloat32> cot = tf.constant(plain.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(c));
      Operand<TFloat32> loss = tf.sum(tf.math.mul(train, cot), tf.constant(new int[] {0, 1, 2, 3}));
      Output<?>[] grads = g.addGradients("grad", new Output<?>[] {loss.asOutput()},
          new Output<?>[] {in.asOutput()}, null);
      try (Result res = session.runner().fetch(plain).fetch(train).fetch(grads[0]).run()) {
        float[] a = Tensors.values((TFloat32) res.get(0));
        float[] b = Tensors.values((TFloat32) res.get(1));
        for (int i = 0; i < a.length; i++) {
          assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        double[] want = inputGradient(w, c, size, k, s, padding, cin, cout, plain.shape().asArray());
        float[] got = Tensors.values((TFloat32) res.get(2));
        for (int i = 0; i < want.length; i++) {
          assertThat((double) got[i]).as("dx[%d]", i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(Arrays.stream(want).map(Math::abs).max().orElse(0)).isGreaterThan(0.1);
      }
    }
  }

  /** dL/dx of L = sum(conv(x, w) * c), TensorFlow's padding rules, in float64. */
  private static double[] inputGradient(float[] w, float[] c, int size, int k, int s, String padding, int cin,
      int cout, long[] yShape) {
    int out = (int) yShape[1];
    int before = 0;
    if (padding.equals("SAME")) {
      before = Math.max((out - 1) * s + k - size, 0) / 2;
    }
    double[] dx = new double[2 * size * size * cin];
    for (int b = 0; b < 2; b++) {
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          for (int o = 0; o < cout; o++) {
            double cv = c[((b * out + oy) * out + ox) * cout + o];
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * s + ky - before;
                int ix = ox * s + kx - before;
                if (iy < 0 || ix < 0 || iy >= size || ix >= size) {
                  continue;
                }
                for (int i = 0; i < cin; i++) {
                  dx[((b * size + iy) * size + ix) * cin + i] += cv * w[((ky * k + kx) * cin + i) * cout + o];
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  @Test
  void dilatedConvolutionWithGradientsIsRejectedByName() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.zeros(tf.constant(new long[] {1, 8, 8, 2}), TFloat32.class);
      Operand<TFloat32> kernel = tf.zeros(tf.constant(new long[] {3, 3, 2, 2}), TFloat32.class);
      assertThatThrownBy(() -> Convolution.conv2d(tf, CONFIG, in, kernel, new long[] {1, 1}, "SAME",
          new long[] {2, 2}, true)).isInstanceOf(KerasModelException.class).hasMessageContaining("conv")
          .hasMessageContaining("dilat");
    }
  }
}
