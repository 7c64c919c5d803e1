package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FitStatistics is immutable: its arrays are copied in and out, and it compares by value. */
final class FitStatisticsTest {
  @Test
  void arraysAreCopiedInAndOut() {
    float[] mean = {1, 2, 3};
    float[] std = {4, 5, 6};
    float[] zca = {1, 0, 0, 1};
    FitStatistics s = new FitStatistics(mean, std, zca);
    mean[0] = 99;
    std[0] = 99;
    zca[0] = 99;
    assertThat(s.mean()).containsExactly(1, 2, 3);
    assertThat(s.std()).containsExactly(4, 5, 6);
    assertThat(s.zcaWhiteningMatrix()).containsExactly(1, 0, 0, 1);
    s.mean()[1] = 99;
    s.std()[1] = 99;
    s.zcaWhiteningMatrix()[1] = 99;
    assertThat(s.mean()).containsExactly(1, 2, 3);
    assertThat(s.std()).containsExactly(4, 5, 6);
    assertThat(s.zcaWhiteningMatrix()).containsExactly(1, 0, 0, 1);
  }

  @Test
  void equalByValue_nullsAllowed() {
    FitStatistics a = new FitStatistics(new float[] {1}, null, null);
    assertThat(a).isEqualTo(new FitStatistics(new float[] {1}, null, null))
        .hasSameHashCodeAs(new FitStatistics(new float[] {1}, null, null))
        .isNotEqualTo(new FitStatistics(new float[] {2}, null, null));
    assertThat(a.std()).isNull();
    assertThat(a.toString()).isEqualTo("FitStatistics[mean=[1.0], std=null]");
  }

  @Test
  void fittedGenerator_cannotBeChangedThroughItsStatistics() {
    ImageDataGenerator gen = ImageDataGenerator.builder().featurewiseCenter(true).build();
    float[] x = {0, 2, 4, 6};
    ImageDataGenerator fitted = gen.fit(x, new int[] {4, 1, 1, 1});
    FitStatistics stats = fitted.statistics();
    stats.mean()[0] = 1000;
    assertThat(fitted.statistics().mean()).containsExactly(3f);
  }
}
