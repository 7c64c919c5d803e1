package dev.tuna.finetune.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

final class ModelSummaryTest {
  private static final VggArchitecture ARCH =
      VggArchitecture.from(KerasWeights.load(Fixtures.miniVgg("keras2-weights.h5")));

  @Test
  void of_backbone_rowsEqualKerasSummary() throws IOException {
    JsonObject keras = JsonParser.parseString(Files.readString(Fixtures.miniVgg("summary.json"))).getAsJsonObject();
    ModelSummary s = ModelSummary.of(ARCH, 32, 32, 15, null);

    var rows = keras.getAsJsonArray("layers");
    assertThat(s.rows()).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.get(i).getAsJsonObject();
      ModelSummary.Row row = s.rows().get(i);
      assertThat(row.index()).isEqualTo(r.get("index").getAsInt());
      assertThat(row.name()).isEqualTo(r.get("name").getAsString());
      assertThat(row.params()).as(row.name()).isEqualTo(r.get("params").getAsLong());
      if (!r.get("output_shape").isJsonNull()) {
        int[] shape = new int[3];
        int k = 0;
        for (JsonElement d : r.getAsJsonArray("output_shape")) {
          shape[k++] = d.getAsInt();
        }
        assertThat(row.outputShape()).as(row.name()).containsExactly(shape);
      }
    }
    assertThat(s.totalParams()).isEqualTo(keras.get("total_params").getAsLong());
  }

  @Test
  void of_freeze15_trainableTotalsEqualKeras() throws IOException {
    JsonObject counts = JsonParser.parseString(Files.readString(Fixtures.resource("finetune/counts.json")))
        .getAsJsonObject();

    ModelSummary base = ModelSummary.of(ARCH, 32, 32, 15, null);
    ModelSummary model = ModelSummary.of(ARCH, 32, 32, 15, Head.of(3));

    assertThat(base.trainableParams()).isEqualTo(counts.get("base_trainable").getAsLong());
    assertThat(base.nonTrainableParams()).isEqualTo(counts.get("base_non_trainable").getAsLong());
    assertThat(model.trainableParams()).isEqualTo(counts.get("model_trainable").getAsLong());
    assertThat(model.nonTrainableParams()).isEqualTo(counts.get("model_non_trainable").getAsLong());
  }

  @Test
  void toString_listsLayersAndTotals() {
    String text = ModelSummary.of(ARCH, 32, 32, 15, Head.of(3)).toString();
    assertThat(text).contains("block4_pool").contains("frozen").contains("dense_1")
        .contains("Total params: 9,471").contains("Trainable params: 4,827").contains("Non-trainable params: 4,644");
  }

  @Test
  void row_copiesItsShapeInAndOut() {
    int[] shape = {4, 4, 8};
    ModelSummary.Row row = new ModelSummary.Row(1, "block1_conv1", shape, 224, false);
    shape[0] = 99;
    row.outputShape()[1] = 99;
    assertThat(row.outputShape()).containsExactly(4, 4, 8);
    assertThat(row).isEqualTo(new ModelSummary.Row(1, "block1_conv1", new int[] {4, 4, 8}, 224, false))
        .hasSameHashCodeAs(new ModelSummary.Row(1, "block1_conv1", new int[] {4, 4, 8}, 224, false));
  }
}
