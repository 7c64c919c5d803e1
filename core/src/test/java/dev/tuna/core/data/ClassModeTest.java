package dev.tuna.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ClassModeTest {
  @Test
  void encode_categoricalIsOneHot() {
    assertThat(ClassMode.CATEGORICAL.encode(new int[] {2, 0, 1}, 3))
        .containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
    assertThat(ClassMode.CATEGORICAL.labelShape(3, 3)).containsExactly(3, 3);
  }

  @Test
  void encode_binaryAndSparseAreTheIndexEvenWithMoreThanTwoClasses() {
    assertThat(ClassMode.BINARY.encode(new int[] {0, 2, 1}, 3)).containsExactly(0f, 2f, 1f);
    assertThat(ClassMode.SPARSE.encode(new int[] {4}, 5)).containsExactly(4f);
    assertThat(ClassMode.SPARSE.labelShape(7, 5)).containsExactly(7);
  }

  @Test
  void encode_inputAndNoneHaveNoLabelArray() {
    assertThat(ClassMode.INPUT.encode(new int[] {0}, 1)).isNull();
    assertThat(ClassMode.NONE.encode(new int[] {0}, 1)).isNull();
    assertThat(ClassMode.NONE.labelShape(2, 2)).isNull();
  }

  @Test
  void encode_rejectsAnOutOfRangeIndex() {
    assertThatThrownBy(() -> ClassMode.CATEGORICAL.encode(new int[] {0, 3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("classIndices[1] must be in [0, 3) but was 3");
  }

  @Test
  void parse_acceptsKerasNamesAndNone() {
    assertThat(ClassMode.parse("sparse")).isEqualTo(ClassMode.SPARSE);
    assertThat(ClassMode.parse(null)).isEqualTo(ClassMode.NONE);
    assertThatThrownBy(() -> ClassMode.parse("raw")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid class_mode: raw; expected one of: {'categorical', 'binary', 'sparse', 'input', None}");
  }
}
