package dev.tuna.finetune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import org.junit.jupiter.api.Test;

final class FreezePolicyTest {
  private static final VggArchitecture ARCH =
      VggArchitecture.from(KerasWeights.load(Fixtures.miniVgg("keras3.weights.h5")));

  @Test
  void allButLastBlock_isKerasLayers15() {
    assertThat(FreezePolicy.allButLastBlock().frozenLayers(ARCH)).isEqualTo(15);
  }

  @Test
  void upToAndTrainableFrom_equalFirst15() {
    assertThat(FreezePolicy.upTo("block4_pool").frozenLayers(ARCH)).isEqualTo(15);
    assertThat(FreezePolicy.trainableFrom("block5_conv1").frozenLayers(ARCH)).isEqualTo(15);
    assertThat(FreezePolicy.first(15).frozenLayers(ARCH)).isEqualTo(15);
    assertThat(FreezePolicy.none().frozenLayers(ARCH)).isZero();
  }

  @Test
  void upTo_unknownLayer_listsLayerNames() {
    assertThatThrownBy(() -> FreezePolicy.upTo("block6_pool").frozenLayers(ARCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer must be one of [input_1, block1_conv1")
        .hasMessageEndingWith("but was block6_pool");
  }

  @Test
  void first_negativeOrTooLarge_rejected() {
    assertThatThrownBy(() -> FreezePolicy.first(-1)).hasMessage("freezeFirst must be >= 0 but was -1");
    assertThatThrownBy(() -> FreezePolicy.first(20).frozenLayers(ARCH))
        .hasMessage("freezeFirst must be <= 19 (the backbone's layer count) but was 20");
  }
}
