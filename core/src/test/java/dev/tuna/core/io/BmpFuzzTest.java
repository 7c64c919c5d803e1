package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link ImageLoader} from BMP seeds (see {@link ImageFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class BmpFuzzTest {
  @FuzzTest
  void bmp(byte[] data) {
    ImageFuzzing.check(data);
  }
}
