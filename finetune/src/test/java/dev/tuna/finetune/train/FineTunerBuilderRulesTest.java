package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Preprocessing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FineTuner.Builder: each option is set at most once (whichever setter sets it) and never to null. */
final class FineTunerBuilderRulesTest {
  private static final KerasWeights MINI = KerasWeights.load(Fixtures.miniVgg("keras2-weights.h5"));

  @Test
  void secondSet_rejectedNamingTheOption() {
    assertThatThrownBy(() -> FineTuner.builder(MINI).inputShape(32, 32).inputShape(64, 64))
        .isInstanceOf(IllegalStateException.class).hasMessage("inputShape was already set to 32x32");
    assertThatThrownBy(() -> FineTuner.builder(MINI).freezeUpTo("block4_pool").freezeFirst(3))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("freeze was already set to ");
    assertThatThrownBy(() -> FineTuner.builder(MINI).classes(2).head(Head.of(3)))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("head was already set to ");
    assertThatThrownBy(() -> FineTuner.builder(MINI).classNames(List.of("a", "b")).classNames(List.of("c", "d")))
        .isInstanceOf(IllegalStateException.class).hasMessage("classNames was already set to [a, b]");
    assertThatThrownBy(() -> FineTuner.builder(MINI).optimizer(Optimizer.sgd()).optimizer(Optimizer.adam()))
        .isInstanceOf(IllegalStateException.class).hasMessage("optimizer was already set to " + Optimizer.sgd());
    assertThatThrownBy(() -> FineTuner.builder(MINI).preprocessing(Preprocessing.RESCALE)
        .preprocessing(Preprocessing.CAFFE)).isInstanceOf(IllegalStateException.class)
        .hasMessage("preprocessing was already set to " + Preprocessing.RESCALE);
    assertThatThrownBy(() -> FineTuner.builder(MINI).seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("seed was already set to 1");
    assertThatThrownBy(() -> FineTuner.builder(MINI).threads(1).threads(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("threads was already set to 1");
    assertThatThrownBy(() -> FineTuner.builder(MINI).shuffle(false).shuffle(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("shuffle was already set to false");
    assertThatThrownBy(() -> FineTuner.builder(MINI).headWeights(Map.of()).headWeights(Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessage("headWeights was already set to weights []");
  }

  @Test
  void null_rejectedNamingTheOption() {
    assertThatThrownBy(() -> FineTuner.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("base must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).head(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("head must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).freeze(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("freeze must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).freezeUpTo(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("freezeUpTo must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).classNames(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("classNames must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).optimizer(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("optimizer must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).preprocessing(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("preprocessing must not be null");
    assertThatThrownBy(() -> FineTuner.builder(MINI).headWeights(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("headWeights must not be null");
  }
}
