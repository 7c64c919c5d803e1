package dev.tuna.finetune.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Every unusable model fails at load with a message naming the layer, weight, key or file. */
class BadModelTest {
  /** The config.json of the nested fixture model, parsed. */
  static JsonObject nestedConfig() throws IOException {
    try (ZipFile zip = new ZipFile(Fixtures.resource("anycnn/files/nested.keras").toFile())) {
      return JsonParser.parseString(new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  /** The layer entry named {@code name}, searched through nested models too. */
  static JsonObject layer(JsonObject model, String name) {
    for (JsonElement e : model.getAsJsonObject("config").getAsJsonArray("layers")) {
      JsonObject l = e.getAsJsonObject();
      if (l.getAsJsonObject("config").get("name").getAsString().equals(name)) {
        return l;
      }
      if (l.getAsJsonObject("config").has("layers")) {
        JsonObject found = layerOrNull(l, name);
        if (found != null) {
          return found;
        }
      }
    }
    throw new AssertionError("no layer " + name);
  }

  private static JsonObject layerOrNull(JsonObject model, String name) {
    try {
      return layer(model, name);
    } catch (AssertionError e) {
      return null;
    }
  }

  @Test
  void lambdaLayerIsRejectedWithItsNameAndTheSupportedList() throws IOException {
    JsonObject config = nestedConfig();
    JsonObject drop = layer(config, "drop");
    drop.addProperty("class_name", "Lambda");
    drop.getAsJsonObject("config").addProperty("function", "lambda x: x * 2");
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("layer drop is a Lambda layer")
        .hasMessageContaining("supported layers: ")
        .hasMessageContaining("BatchNormalization")
        .hasMessageContaining("DepthwiseConv2D");
  }

  @Test
  void customLayerIsRejectedWithItsClassAndModule() throws IOException {
    JsonObject config = nestedConfig();
    JsonObject se = layer(config, "se_pool");
    se.addProperty("class_name", "SqueezeExcite");
    se.addProperty("module", "my_project.layers");
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("layer se_pool is class SqueezeExcite from my_project.layers")
        .hasMessageContaining("which tuna does not support")
        .hasMessageContaining("GlobalAveragePooling2D");
  }

  @Test
  void unknownConfigKeyFromANewerKerasFailsNamingIt() throws IOException {
    JsonObject config = nestedConfig();
    layer(config, "project").getAsJsonObject("config").addProperty("weight_standardization", true);
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("layer project (Conv2D) has config key \"weight_standardization\" = true")
        .hasMessageContaining("known keys of Conv2D");
  }

  @Test
  void unknownConfigKeyThatIsOffIsIgnored() throws IOException {
    JsonObject config = nestedConfig();
    layer(config, "project").getAsJsonObject("config").addProperty("weight_standardization", false);
    layer(config, "stem_bn").getAsJsonObject("config").add("new_option", null);
    try (KerasModel m = KerasModel.fromConfig(config.toString(), new SeededWeights())) {
      assertThat(m.outputShape()).containsExactly(4);
    }
  }

  @Test
  void unsupportedValueOfAKnownKeyFails() throws IOException {
    JsonObject config = nestedConfig();
    layer(config, "stem").getAsJsonObject("config").addProperty("padding", "causal");
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .hasMessageContaining("layer stem (Conv2D) has padding \"causal\"");
  }

  @Test
  void groupedConvolutionOtherThanDepthwiseFailsNamingGroups() throws IOException {
    JsonObject config = nestedConfig();
    layer(config, "project").getAsJsonObject("config").addProperty("groups", 2);
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .hasMessageContaining("layer project (Conv2D) has groups=2; tuna supports groups=1 and groups=input channels");
  }

  @Test
  void unsupportedActivationFailsNamingIt() throws IOException {
    JsonObject config = nestedConfig();
    layer(config, "dw_act").getAsJsonObject("config").addProperty("activation", "my_activation");
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .hasMessageContaining("layer dw_act (Activation) uses activation \"my_activation\"")
        .hasMessageContaining("hard_silu");
  }

  @Test
  void missingWeightIsNamed() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("anycnn/bad/missing-weight.keras")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("weight 1 (bias, shape [8]) of layer project (Conv2D) is missing");
  }

  @Test
  void extraWeightIsNamed() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("anycnn/bad/extra-weight.keras")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("has weight 2 [8] for layer project, which its config does not use");
  }

  @Test
  void wrongShapeIsNamed() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("anycnn/bad/wrong-shape.keras")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("weight 0 (kernel) of layer project has shape [1, 1, 16, 9] in the file but the "
            + "config needs [1, 1, 16, 8]");
  }

  @Test
  void truncatedArchiveIsNamed() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("anycnn/bad/truncated.keras")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("truncated.keras as a .keras zip archive")
        .hasMessageContaining("truncated or damaged");
  }

  @Test
  void configlessExportSaysHowToSaveAKerasFile() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("keras-mini-vgg/keras3-export")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("has no keras_metadata.pb")
        .hasMessageContaining("model.save(\"model.keras\")");
  }

  @Test
  void weightsOnlyH5SaysItHasNoArchitecture() {
    assertThatThrownBy(() -> KerasModel.load(Fixtures.resource("keras-mini-vgg/keras2-weights.h5")))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("no model_config attribute: it holds weights only");
  }

  @Test
  void danglingInputReferenceIsNamed() throws IOException {
    JsonObject config = nestedConfig();
    JsonArray args = layer(config, "gap").getAsJsonArray("inbound_nodes").get(0).getAsJsonObject()
        .getAsJsonArray("args");
    args.get(0).getAsJsonObject().getAsJsonObject("config").getAsJsonArray("keras_history").set(0,
        new com.google.gson.JsonPrimitive("no_such_layer"));
    assertThatThrownBy(() -> KerasModel.fromConfig(config.toString(), new SeededWeights()))
        .hasMessageContaining("the inputs of layer gap")
        .hasMessageContaining("no_such_layer");
  }
}
