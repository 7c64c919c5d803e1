package dev.tuna.finetune.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link KerasWeights#load} on SavedModel input (see {@link WeightsFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class SavedModelFuzzTest {
  @FuzzTest
  void savedModel(byte[] data) throws IOException {
    WeightsFuzzing.savedModel(data);
  }
}
