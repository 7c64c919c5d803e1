package dev.tuna.finetune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prediction is immutable: names and probabilities are copied in and out; it compares by value. */
final class PredictionTest {
  @Test
  void copiesInAndOut() {
    List<String> names = new ArrayList<>(List.of("cat", "dog"));
    float[] p = {0.25f, 0.75f};
    Prediction pred = new Prediction(names, p);
    names.set(0, "owl");
    p[0] = 1;
    pred.probabilities()[1] = 0;
    assertThat(pred.classNames()).containsExactly("cat", "dog");
    assertThat(pred.probabilities()).containsExactly(0.25f, 0.75f);
    assertThat(pred.topClass()).isEqualTo("dog");
    assertThat(pred).isEqualTo(new Prediction(List.of("cat", "dog"), new float[] {0.25f, 0.75f}))
        .hasSameHashCodeAs(new Prediction(List.of("cat", "dog"), new float[] {0.25f, 0.75f}));
  }

  @Test
  void oneProbabilityPerName() {
    assertThatThrownBy(() -> new Prediction(List.of("cat"), new float[] {0.5f, 0.5f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probabilities must hold one value per class name (1) but held 2");
  }
}
