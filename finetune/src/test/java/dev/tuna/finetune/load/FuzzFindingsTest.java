package dev.tuna.finetune.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Inputs for the Keras weight readers found by fuzzing or written to reach what fuzzing looks for
 * (src/test/resources/fuzz-findings), each failing with the {@link KerasModelException} the reader documents
 * (FUZZING.md).
 */
final class FuzzFindingsTest {
  @Test
  void h5_hugeUnwrittenDatasetFailsBeforeReading() {
    Path file = Fixtures.resource("fuzz-findings/h5-huge-shape.weights.h5");
    assertThatThrownBy(() -> KerasWeights.load(file)).isInstanceOf(KerasModelException.class)
        .hasMessage(file + ": dataset /layers/dense/vars/0 declares shape [20000, 20000, 3] (4800000000 bytes), "
            + "more than a file of 16344 bytes can hold; the file is corrupt");
  }

  @Test
  void h5_objectHeaderDeclaringAHugeSizeIsAKerasModelException() {
    for (String name : new String[] {"h5-huge-object-header.h5", "h5-huge-object-header-2.h5"}) {
      Path file = Fixtures.resource("fuzz-findings/" + name);
      assertThatThrownBy(() -> KerasWeights.load(file)).isInstanceOf(KerasModelException.class)
          .hasMessageStartingWith("cannot read " + file + " as HDF5 (");
    }
  }

  @Test
  void kerasArchive_corruptWeightsFileIsAKerasModelException() {
    Path file = Fixtures.resource("fuzz-findings/keras-corrupt-weights-h5.keras");
    assertThatThrownBy(() -> KerasWeights.load(file)).isInstanceOf(KerasModelException.class)
        .hasMessageStartingWith("cannot read model.weights.h5 in " + file + " (Failed to load children");
  }
}
