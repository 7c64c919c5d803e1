package dev.tuna.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FineTuningTest {
  @Test
  void runExample_twentyEpochs_learnsTheHeldOutClasses() {
    FineTuning.Result r = TrainedDemoModel.get();

    assertThat(r.classNames()).containsExactly("ankle_boot", "sandal");
    List<Double> valAccuracy = r.history().get("val_accuracy");
    List<Double> loss = r.history().get("loss");
    assertThat(valAccuracy).hasSize(TrainedDemoModel.EPOCHS);
    // Measured (seed 42): best val_accuracy 0.925 at epoch 14, final 0.85; chance is 0.5.
    assertThat(valAccuracy.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThanOrEqualTo(0.8);
    assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
    assertThat(r.bestModel()).isNotNull();
    assertThat(Files.isRegularFile(r.bestModel().resolve("saved_model.pb"))).isTrue();
  }
}
