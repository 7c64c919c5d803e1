package dev.tuna.finetune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class VggArchitectureTest {
  @Test
  void from_miniVgg_layersMatchKerasSummary() {
    VggArchitecture arch = VggArchitecture.from(KerasWeights.load(Fixtures.miniVgg("keras3-export")));

    assertThat(arch.layers()).hasSize(19);
    assertThat(arch.layers().get(0).name()).isEqualTo("input_1");
    assertThat(arch.layer("block4_pool").index()).isEqualTo(14);
    assertThat(arch.layer("block5_conv1").index()).isEqualTo(15);
    assertThat(arch.blocks()).isEqualTo(5);
    assertThat(arch.outputChannels()).isEqualTo(8);
    assertThat(arch).hasToString("VGG[4 4 | 8 8 | 8 8 8 | 8 8 8 | 8 8 8]");
  }

  @Test
  void from_nonVggExport_saysWhatWasFound() {
    KerasWeights w = KerasWeights.load(Fixtures.resource("non-vgg-export"));
    assertThatThrownBy(() -> VggArchitecture.from(w))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("is not a VGG network")
        .hasMessageContaining("hidden")
        .hasMessageContaining("block<i>_conv<j>");
  }

  @Test
  void from_nonVggWeightsH5_rejected() {
    KerasWeights w = KerasWeights.load(Fixtures.resource("non-vgg.weights.h5"));
    assertThatThrownBy(() -> VggArchitecture.from(w)).hasMessageContaining("is not a VGG network");
  }

  @Test
  void from_channelsDoNotChain_namesLayerAndShapes() {
    Map<String, Weight> m = new LinkedHashMap<>();
    m.put("block1_conv1/kernel", Weight.of("block1_conv1/kernel", new long[] {3, 3, 3, 4}, new float[108]));
    m.put("block1_conv1/bias", Weight.of("block1_conv1/bias", new long[] {4}, new float[4]));
    m.put("block2_conv1/kernel", Weight.of("block2_conv1/kernel", new long[] {3, 3, 5, 8}, new float[360]));
    m.put("block2_conv1/bias", Weight.of("block2_conv1/bias", new long[] {8}, new float[8]));
    assertThatThrownBy(() -> VggArchitecture.from(KerasWeights.of(m)))
        .isInstanceOf(KerasModelException.class)
        .hasMessageContaining("block2_conv1/kernel has shape [3, 3, 5, 8]")
        .hasMessageContaining("previous layer outputs 4");
  }

  @Test
  void from_missingBlock_rejected() {
    Map<String, Weight> m = new LinkedHashMap<>();
    m.put("block2_conv1/kernel", Weight.of("block2_conv1/kernel", new long[] {3, 3, 3, 4}, new float[108]));
    m.put("block2_conv1/bias", Weight.of("block2_conv1/bias", new long[] {4}, new float[4]));
    assertThatThrownBy(() -> VggArchitecture.from(KerasWeights.of(m))).hasMessageContaining("block1 is missing");
  }

  @Test
  void from_biasShapeWrong_rejected() {
    Map<String, Weight> m = new LinkedHashMap<>();
    m.put("block1_conv1/kernel", Weight.of("block1_conv1/kernel", new long[] {3, 3, 3, 4}, new float[108]));
    m.put("block1_conv1/bias", Weight.of("block1_conv1/bias", new long[] {3}, new float[3]));
    assertThatThrownBy(() -> VggArchitecture.from(KerasWeights.of(m)))
        .hasMessageContaining("block1_conv1/bias has shape [3], expected [4]");
  }
}
