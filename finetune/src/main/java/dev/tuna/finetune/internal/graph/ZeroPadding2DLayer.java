package dev.tuna.finetune.internal.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code ZeroPadding2D}: {@code padding} as an int, {@code [h, w]} or {@code [[top, bottom], [left, right]]}. */
final class ZeroPadding2DLayer implements KerasLayer {
  @Override
  public Set<String> keys() {
    return Set.of("padding", "data_format");
  }

  @Override
  public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> x = KerasLayer.single(ctx, inputs);
    int[][] p = paddings(ctx.config().raw("padding"));
    int[][] all = {{0, 0}, p[0], p[1], {0, 0}};
    return List.of(ctx.tf().pad(x, ctx.tf().constant(all), ctx.tf().constant(0f)));
  }

  private static int[][] paddings(JsonElement e) {
    if (e == null) {
      return new int[][] {{1, 1}, {1, 1}};
    }
    if (e.isJsonPrimitive()) {
      int v = e.getAsInt();
      return new int[][] {{v, v}, {v, v}};
    }
    JsonArray a = e.getAsJsonArray();
    int[][] out = new int[2][];
    for (int i = 0; i < 2; i++) {
      JsonElement d = a.get(i);
      out[i] = d.isJsonArray() ? new int[] {d.getAsJsonArray().get(0).getAsInt(), d.getAsJsonArray().get(1).getAsInt()}
          : new int[] {d.getAsInt(), d.getAsInt()};
    }
    return out;
  }
}
