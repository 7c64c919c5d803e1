package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link ImageLoader} from JPEG seeds (see {@link ImageFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class JpegFuzzTest {
  @FuzzTest
  void jpeg(byte[] data) {
    ImageFuzzing.check(data);
  }
}
