package dev.tuna.finetune.callbacks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The callbacks' builders: each option is set at most once and never to null. */
final class CallbackBuildersTest {
  @Test
  void secondSet_rejectedNamingTheOption() {
    assertThatThrownBy(() -> EarlyStopping.builder().patience(2).patience(3))
        .isInstanceOf(IllegalStateException.class).hasMessage("patience was already set to 2");
    assertThatThrownBy(() -> EarlyStopping.builder().monitor("val_accuracy").monitor("loss"))
        .isInstanceOf(IllegalStateException.class).hasMessage("monitor was already set to val_accuracy");
    assertThatThrownBy(() -> EarlyStopping.builder().mode("max").mode("min"))
        .isInstanceOf(IllegalStateException.class).hasMessage("mode was already set to MAX");
    assertThatThrownBy(() -> EarlyStopping.builder().baseline(0.5).baseline(0.6))
        .isInstanceOf(IllegalStateException.class).hasMessage("baseline was already set to 0.5");
    assertThatThrownBy(() -> EarlyStopping.builder().restoreBestWeights(true).restoreBestWeights(false))
        .isInstanceOf(IllegalStateException.class).hasMessage("restoreBestWeights was already set to true");
    assertThatThrownBy(() -> EarlyStopping.builder().startFromEpoch(1).startFromEpoch(1))
        .isInstanceOf(IllegalStateException.class).hasMessage("startFromEpoch was already set to 1");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().factor(0.5).factor(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("factor was already set to 0.5");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().minDelta(0.1).minDelta(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("minDelta was already set to 0.1");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().cooldown(1).cooldown(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("cooldown was already set to 1");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().minLr(0.1).minLr(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessage("minLr was already set to 0.1");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().verbose(true).verbose(false))
        .isInstanceOf(IllegalStateException.class).hasMessage("verbose was already set to true");
    assertThatThrownBy(() -> ModelCheckpoint.builder(Path.of("m")).saveBestOnly(true).saveBestOnly(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("saveBestOnly was already set to true");
  }

  @Test
  void null_rejectedNamingTheOption() {
    assertThatThrownBy(() -> EarlyStopping.builder().monitor(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("monitor must not be null");
    assertThatThrownBy(() -> ReduceLROnPlateau.builder().mode(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("mode must not be null");
    assertThatThrownBy(() -> ModelCheckpoint.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("filepath must not be null");
  }
}
