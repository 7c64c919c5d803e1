package dev.tuna.finetune.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.finetune.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs for the Keras weight readers found by fuzzing or written to reach what fuzzing looks for
 * (src/test/resources/fuzz-findings), each failing with the {@link KerasModelException} the reader documents
 * (FUZZING.md).
 */
final class FuzzFindingsTest {
  @TempDir
  Path dir;

  @Test
  void savedModel_indexBlockHandlePastTheFileIsAKerasModelExceptionNotAnAbort() throws Exception {
    Path export = dir.resolve("export");
    Files.createDirectories(export.resolve("variables"));
    for (String f : new String[] {"saved_model.pb", "variables/variables.data-00000-of-00001"}) {
      Files.copy(Fixtures.resource("non-vgg-export/" + f), export.resolve(f));
    }
    Path index = export.resolve("variables/variables.index");
    Files.copy(Fixtures.resource("fuzz-findings/savedmodel-huge-block.index"), index,
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> KerasWeights.load(export)).isInstanceOf(KerasModelException.class)
        .hasMessageStartingWith("corrupt checkpoint index " + index + " (block of ");
  }

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
