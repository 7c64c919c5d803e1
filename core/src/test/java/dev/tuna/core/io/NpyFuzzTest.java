package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link Npy#read} (see {@link NpyFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class NpyFuzzTest {
  @FuzzTest
  void npy(byte[] data) throws IOException {
    NpyFuzzing.check(data);
  }
}
