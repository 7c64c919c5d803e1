package dev.tuna.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuna.core.data.CsvFuzzing;
import dev.tuna.core.io.ImageFuzzing;
import dev.tuna.core.io.NpyFuzzing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All of core's fuzz targets in one, for the short fuzzing run of {@code mvn verify} (Jazzer fuzzes one target per
 * JVM, so one target per module keeps that run short). Inputs go to the {@code .npy} reader when they start with
 * its magic string, to the CSV reader when they look like text, and to the image loader otherwise; the seeds are
 * those of the single-format targets (FUZZING.md).
 */
@Tag("fuzz-quick")
final class CoreReadersFuzzTest {
  private static final List<String> SEED_DIRS = List.of("io/PngFuzzTestInputs", "io/JpegFuzzTestInputs",
      "io/BmpFuzzTestInputs", "io/TiffFuzzTestInputs", "io/PnmFuzzTestInputs", "io/NpyFuzzTestInputs",
      "data/CsvFuzzTestInputs");

  @MethodSource("seeds")
  @FuzzTest
  void anyReader(byte[] data) throws IOException {
    if (data.length >= 6 && (data[0] & 0xFF) == 0x93 && data[1] == 'N' && data[2] == 'U') {
      NpyFuzzing.check(data);
    } else if (data.length > 0 && isText(data[0])) {
      CsvFuzzing.check(data);
      ImageFuzzing.check(data); // PBM/PGM/PPM headers are text too
    } else {
      ImageFuzzing.check(data);
    }
  }

  private static boolean isText(byte b) {
    return (b >= 0x20 && b < 0x7F && b != 'B' && b != 'I' && b != 'M') || b == (byte) 0xEF || b == '\n';
  }

  /**
   * The single-format targets' inputs, when fuzzing; in regression mode those targets replay them already, so this
   * target then only checks the empty input.
   */
  static Stream<byte[]> seeds() throws IOException {
    Stream<byte[]> all = Stream.empty();
    if (System.getenv("JAZZER_FUZZ") == null || System.getenv("JAZZER_FUZZ").isEmpty()) {
      return all;
    }
    for (String dir : SEED_DIRS) {
      URL url = CoreReadersFuzzTest.class.getResource("/dev/tuna/core/" + dir);
      if (url == null) {
        throw new IllegalStateException("seed directory missing: " + dir);
      }
      try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
        List<byte[]> bytes = files.filter(Files::isRegularFile).sorted().map(CoreReadersFuzzTest::read).toList();
        all = Stream.concat(all, bytes.stream());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return all;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
