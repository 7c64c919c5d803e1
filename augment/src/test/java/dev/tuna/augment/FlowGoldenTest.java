package dev.tuna.augment;

import dev.tuna.core.data.Subset;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.io.NpyArray;
import dev.tuna.core.image.ImageBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded {@code flow} batch sequences (sequential, random access, epoch ends, subsets, sample weights) against
 * Keras' NumpyArrayIterator, for 0 and 2 worker threads (fixture: gen_augment.py, flow/).
 */
final class FlowGoldenTest {
  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json("flow/cases.json").getAsJsonArray("cases")) {
      out.add(new Object[] {e.getAsJsonObject(), 0, Precision.EXACT});
      out.add(new Object[] {e.getAsJsonObject(), 2, Precision.EXACT});
      out.add(new Object[] {e.getAsJsonObject(), 0, Precision.FLOAT32});
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{index}: workers={1} {2}")
  @MethodSource("cases")
  void flow_matchesKeras(JsonObject c, int workers, Precision precision) {
    NpyArray all = Fixtures.npy(Fixtures.path("flow/x.npy"));
    int n = c.get("n").getAsInt();
    int[] shape = all.shape().clone();
    shape[0] = n;
    float[] x = Arrays.copyOf(all.floats(), n * shape[1] * shape[2] * shape[3]);
    ImageDataGenerator gen = KerasConfig.builder(c.getAsJsonObject("generator"), c.getAsJsonObject("python_types"))
        .precision(precision).build();
    ArrayIterator.Builder b = gen.flow(x, shape).workers(workers);
    if (!c.get("y").isJsonNull()) {
      float[] y = floats(c.get("y"));
      b.y(y, n);
    }
    if (!c.get("sample_weight").isJsonNull()) {
      b.sampleWeight(floats(c.get("sample_weight")));
    }
    JsonObject flow = c.getAsJsonObject("flow");
    if (flow.has("batch_size")) {
      b.batchSize(flow.get("batch_size").getAsInt());
    }
    if (flow.has("shuffle")) {
      b.shuffle(flow.get("shuffle").getAsBoolean());
    }
    if (flow.has("seed") && !flow.get("seed").isJsonNull()) {
      b.seed(flow.get("seed").getAsLong());
    }
    if (flow.has("subset")) {
      b.subset(Subset.parse(flow.get("subset").getAsString()));
    }
    // exact: 1e-3 on the 0-255 scale; the float32 blend: 2e-4 (Precision's bound)
    double tolerance = (precision == Precision.FLOAT32 ? 2e-4 : 1e-3) * (gen.rescale() != 0 ? gen.rescale() : 1);
    String label = c.get("label").getAsString();
    try (ArrayIterator it = b.build()) {
      assertThat(it.size()).as(label).isEqualTo(c.get("iterator_n").getAsInt());
      assertThat(it.batchCount()).as(label).isEqualTo(c.get("len").getAsInt());
      int call = 0;
      for (JsonElement ce : c.getAsJsonArray("calls")) {
        JsonObject op = ce.getAsJsonObject();
        String what = label + " call " + call++;
        switch (op.get("op").getAsString()) {
          case "on_epoch_end" -> it.onEpochEnd();
          case "next" -> check(what, it.nextBatch(), op, tolerance);
          case "getitem" -> check(what, it.get(op.get("idx").getAsInt()), op, tolerance);
          default -> throw new IllegalStateException(op.toString());
        }
      }
    }
  }

  static void check(String what, ImageBatch batch, JsonObject op, double tolerance) {
    int[] indices = ints(op.get("indices"));
    assertThat(batch.indices()).as(what + " indices").containsExactly(indices);
    NpyArray x = Fixtures.npy(Fixtures.path(dir(op) + op.get("x").getAsString()));
    assertThat(batch.shape()).as(what + " shape").containsExactly(x.shape());
    float[] want = x.floats();
    double max = 0;
    for (int i = 0; i < want.length; i++) {
      max = Math.max(max, Math.abs(batch.images()[i] - want[i]));
    }
    assertThat(max).as(what + " max |diff|").isLessThanOrEqualTo(tolerance);
    if (op.get("y") == null || op.get("y").isJsonNull()) {
      assertThat(batch.labels()).as(what + " labels").isNull();
    } else {
      NpyArray y = Fixtures.npy(Fixtures.path(dir(op) + op.get("y").getAsString()));
      assertThat(batch.labelShape()).as(what + " label shape").containsExactly(y.shape());
      assertThat(batch.labels()).as(what + " labels").containsExactly(y.floats());
    }
    if (op.has("sample_weight")) {
      NpyArray sw = Fixtures.npy(Fixtures.path(dir(op) + op.get("sample_weight").getAsString()));
      assertThat(batch.sampleWeights()).as(what + " sample weights").containsExactly(sw.floats());
    }
  }

  static String dir(JsonObject op) {
    return op.has("dir") ? op.get("dir").getAsString() : "flow/";
  }

  static float[] floats(JsonElement e) {
    float[] v = new float[e.getAsJsonArray().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.getAsJsonArray().get(i).getAsFloat();
    }
    return v;
  }

  static int[] ints(JsonElement e) {
    int[] v = new int[e.getAsJsonArray().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.getAsJsonArray().get(i).getAsInt();
    }
    return v;
  }
}
