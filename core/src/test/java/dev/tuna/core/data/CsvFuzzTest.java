package dev.tuna.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Fuzzes {@link DataFrameReader#read} and its CSV parser (see {@link CsvFuzzing}; FUZZING.md). */
@Tag("fuzz")
final class CsvFuzzTest {
  @FuzzTest
  void csv(byte[] data) throws IOException {
    CsvFuzzing.check(data);
  }
}
