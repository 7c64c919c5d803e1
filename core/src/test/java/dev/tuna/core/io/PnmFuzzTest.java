package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link ImageLoader} from PBM/PGM/PPM seeds (see {@link ImageFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class PnmFuzzTest {
  @FuzzTest
  void pnm(byte[] data) {
    ImageFuzzing.check(data);
  }
}
