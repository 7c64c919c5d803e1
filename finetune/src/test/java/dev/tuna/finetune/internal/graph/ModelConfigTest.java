package dev.tuna.finetune.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** Keras 2 node lists, nested-model node numbering and Sequential chains. */
class ModelConfigTest {
  /** A tf_keras-style config: nested model "base" is referenced as node 1 (its creation node is node 0). */
  private static final String KERAS2 = """
      {"class_name": "Functional", "config": {"name": "outer", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 3], "name": "input_1"},
         "name": "input_1", "inbound_nodes": []},
        {"class_name": "Functional", "config": {"name": "base", "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 3], "name": "input_2"},
             "name": "input_2", "inbound_nodes": []},
            {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [1, 1]},
             "name": "conv", "inbound_nodes": [[["input_2", 0, 0, {}]]]}],
          "input_layers": [["input_2", 0, 0]], "output_layers": [["conv", 0, 0]]},
         "name": "base", "inbound_nodes": [[["input_1", 0, 0, {"training": false}]]]},
        {"class_name": "Add", "config": {"name": "add"}, "name": "add",
         "inbound_nodes": [[["base", 1, 0, {}], ["base", 1, 0, {}]]]}],
        "input_layers": [["input_1", 0, 0]], "output_layers": [["add", 0, 0]]}}
      """;

  @Test
  void keras2NodeListsReadWithTheNestedModelsCreationNodeSkipped() {
    ModelConfig m = ModelConfig.parse(JsonParser.parseString(KERAS2).getAsJsonObject());
    assertThat(m.layers()).extracting(ModelConfig.Layer::name).containsExactly("input_1", "base", "add");
    ModelConfig.Layer base = m.layers().get(1);
    assertThat(base.nested().layers()).extracting(ModelConfig.Layer::className)
        .containsExactly("InputLayer", "Conv2D");
    assertThat(base.calls().get(0).kwargs().get("training").getAsBoolean()).isFalse();
    assertThat(m.layers().get(2).calls().get(0).args()).containsExactly(new ModelConfig.Ref("base", 0, 0),
        new ModelConfig.Ref("base", 0, 0));
  }

  @Test
  void keras3OutputLayersNamingANestedModelAreShiftedToItsCall() {
    String json = KERAS2.replace("\"output_layers\": [[\"add\", 0, 0]]", "\"output_layers\": [\"base\", 1, 0]");
    ModelConfig m = ModelConfig.parse(JsonParser.parseString(json).getAsJsonObject());
    assertThat(m.outputs()).containsExactly(new ModelConfig.Ref("base", 0, 0));
  }

  @Test
  void sequentialWithoutInputLayerGetsOneFromBuildInputShape() {
    String json = """
        {"class_name": "Sequential", "config": {"name": "s", "build_input_shape": [null, 4, 4, 1], "layers": [
          {"class_name": "Flatten", "config": {"name": "flat"}},
          {"class_name": "Dense", "config": {"name": "d", "units": 2}}]}}
        """;
    ModelConfig m = ModelConfig.parse(JsonParser.parseString(json).getAsJsonObject());
    assertThat(m.layers()).extracting(ModelConfig.Layer::name).containsExactly("s_input", "flat", "d");
    assertThat(m.layers().get(2).calls().get(0).args()).containsExactly(new ModelConfig.Ref("flat", 0, 0));
    assertThat(m.outputs()).containsExactly(new ModelConfig.Ref("d", 0, 0));
  }
}
