package dev.tuna.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class BuilderOptionsTest {
  @Test
  void set_returnsTheValue_andRejectsASecondSetNamingTheFirstValue() {
    BuilderOptions o = new BuilderOptions();
    assertThat(o.isSet("rotationRange")).isFalse();
    assertThat(o.set("rotationRange", 30.0)).isEqualTo(30.0);
    assertThat(o.isSet("rotationRange")).isTrue();
    assertThatThrownBy(() -> o.set("rotationRange", 10.0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("rotationRange was already set to 30.0");
    assertThat(o.set("zoomRange", new double[] {0.8, 1.2})).containsExactly(0.8, 1.2);
    assertThatThrownBy(() -> o.set("zoomRange", new double[] {1, 1})).isInstanceOf(IllegalStateException.class)
        .hasMessage("zoomRange was already set to [0.8, 1.2]");
  }

  @Test
  void set_rejectsNullNamingTheOption_withoutMarkingIt() {
    BuilderOptions o = new BuilderOptions();
    assertThatThrownBy(() -> o.set("fillMode", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("fillMode must not be null");
    assertThat(o.isSet("fillMode")).isFalse();
  }

  @Test
  void mark_showsTheGivenText() {
    BuilderOptions o = new BuilderOptions();
    o.mark("targetSize", "150x150");
    assertThatThrownBy(() -> o.mark("targetSize", "64x64")).isInstanceOf(IllegalStateException.class)
        .hasMessage("targetSize was already set to 150x150");
  }
}
