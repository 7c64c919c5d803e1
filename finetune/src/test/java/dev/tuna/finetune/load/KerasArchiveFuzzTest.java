package dev.tuna.finetune.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link KerasWeights#load} on Keras 3 .keras archive input (see {@link WeightsFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class KerasArchiveFuzzTest {
  @FuzzTest
  void kerasArchive(byte[] data) throws IOException {
    WeightsFuzzing.kerasArchive(data);
  }
}
