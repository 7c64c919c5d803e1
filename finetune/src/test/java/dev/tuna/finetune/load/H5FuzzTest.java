package dev.tuna.finetune.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link KerasWeights#load} on HDF5 (.h5, .weights.h5) input (see {@link WeightsFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class H5FuzzTest {
  @FuzzTest
  void h5(byte[] data) throws IOException {
    WeightsFuzzing.h5(data);
  }
}
