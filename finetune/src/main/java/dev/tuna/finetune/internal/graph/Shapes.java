package dev.tuna.finetune.internal.graph;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Static-shape helpers for the layer implementations. */
final class Shapes {
  private Shapes() {}

  /** The known size of the last axis, or a failure naming the layer. */
  static long channels(LayerContext ctx, Operand<TFloat32> x) {
    Shape s = x.shape();
    long c = s.numDimensions() < 1 ? -1 : s.get(s.numDimensions() - 1);
    if (c < 0) {
      throw ctx.config().fail("gets an input with an unknown last axis " + s);
    }
    return c;
  }

  /** Keras {@code padding} as TF's: {@code same} → SAME, {@code valid} → VALID. */
  static String padding(LayerConfig c) {
    String p = c.string("padding", "valid").toLowerCase(Locale.ROOT);
    if (!p.equals("same") && !p.equals("valid")) {
      throw c.fail("has padding \"" + p + "\"; tuna supports same and valid");
    }
    return p.toUpperCase(Locale.ROOT);
  }

  /** The static shape without the batch axis, -1 where unknown. */
  static long[] withoutBatch(Shape s) {
    long[] out = new long[Math.max(0, s.numDimensions() - 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i + 1);
    }
    return out;
  }
}
