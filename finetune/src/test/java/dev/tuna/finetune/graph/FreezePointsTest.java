package dev.tuna.finetune.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trainable / non-trainable totals for freeze points, against Keras' counts for the same file (gen_anycnn.py). */
class FreezePointsTest {
  private static KerasModel model;
  private static JsonObject keras;

  @BeforeAll
  static void load() throws IOException {
    model = KerasModel.load(Fixtures.resource("anycnn/files/mobilenetv2_035_32.keras"));
    keras = JsonParser.parseString(Files.readString(Fixtures.resource("anycnn/files/mobilenetv2_035_32-freeze.json")))
        .getAsJsonObject();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void everyFreezePointCountsAsKeras() {
    KerasSummary s = model.summary();
    assertThat(s.rows()).hasSize(keras.get("layers").getAsInt());
    int checked = 0;
    for (JsonElement e : keras.getAsJsonArray("points")) {
      JsonObject p = e.getAsJsonObject();
      KerasSummary frozen;
      String point;
      if (p.has("unfreeze_from")) {
        point = "unfreezeFrom(" + p.get("unfreeze_from").getAsString() + ")";
        frozen = s.unfreezeFrom(p.get("unfreeze_from").getAsString());
        assertThat(s.indexOf(p.get("unfreeze_from").getAsString())).isEqualTo(p.get("index").getAsInt());
      } else if (p.get("freeze").getAsString().equals("none")) {
        point = "none";
        frozen = s;
      } else if (p.get("freeze").getAsString().equals("all")) {
        point = "all";
        frozen = s.freezeAll();
      } else {
        point = "layers[:" + p.get("freeze").getAsInt() + "]";
        frozen = s.freezeFirst(p.get("freeze").getAsInt());
      }
      assertThat(frozen.trainableParams()).as(point).isEqualTo(p.get("trainable").getAsLong());
      assertThat(frozen.nonTrainableParams()).as(point).isEqualTo(p.get("non_trainable").getAsLong());
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void unknownLayerAndOutOfRangeFreezeAreNamed() {
    assertThatThrownBy(() -> model.summary().unfreezeFrom("block_99_expand"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block_99_expand")
        .hasMessageContaining("input_layer");
    assertThatThrownBy(() -> model.summary().freezeFirst(155))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("155").hasMessageContaining("154");
  }
}
