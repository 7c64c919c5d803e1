package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link ImageLoader} from PNG seeds (see {@link ImageFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class PngFuzzTest {
  @FuzzTest
  void png(byte[] data) {
    ImageFuzzing.check(data);
  }
}
