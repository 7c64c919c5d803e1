package dev.tuna.finetune.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Keras' trainable / non-trainable counting for frozen layers and nested models. */
class KerasSummaryTest {
  @Test
  void frozenNestedModelCountsAsNonTrainableLikeKeras() throws IOException {
    JsonObject config = BadModelTest.nestedConfig();
    BadModelTest.layer(config, "small_base").getAsJsonObject("config").addProperty("trainable", false);
    try (KerasModel m = KerasModel.fromConfig(config.toString(), new SeededWeights())) {
      // base.trainable = False: only the head's Dense(4) on 24 features trains, 24 * 4 + 4
      assertThat(m.summary().trainableParams()).isEqualTo(24 * 4 + 4);
      assertThat(m.weights()).filteredOn(WeightSpec::trainable).extracting(WeightSpec::layer)
          .containsOnly("predictions");
    }
  }
}
