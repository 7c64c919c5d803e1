package dev.tuna.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link ImageLoader} from TIFF seeds (see {@link ImageFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class TiffFuzzTest {
  @FuzzTest
  void tiff(byte[] data) {
    ImageFuzzing.check(data);
  }
}
