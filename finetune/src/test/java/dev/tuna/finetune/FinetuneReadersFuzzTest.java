package dev.tuna.finetune;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuna.finetune.load.WeightsFuzzing;
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
 * All of finetune's fuzz targets in one, for the short fuzzing run of {@code mvn verify} (Jazzer fuzzes one target
 * per JVM). Zip inputs go to the {@code .keras} reader, HDF5 inputs to the {@code .h5} reader, everything else to
 * the SavedModel reader; the seeds are those of the single-format targets (FUZZING.md).
 */
@Tag("fuzz-quick")
final class FinetuneReadersFuzzTest {
  private static final List<String> SEED_DIRS = List.of("H5FuzzTestInputs", "KerasArchiveFuzzTestInputs",
      "SavedModelFuzzTestInputs");

  @MethodSource("seeds")
  @FuzzTest
  void anyWeights(byte[] data) throws IOException {
    if (data.length >= 4 && data[0] == 'P' && data[1] == 'K') {
      WeightsFuzzing.kerasArchive(data);
    } else if (data.length >= 4 && (data[0] & 0xFF) == 0x89 && data[1] == 'H' && data[2] == 'D') {
      WeightsFuzzing.h5(data);
    } else {
      WeightsFuzzing.savedModel(data);
    }
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
      URL url = FinetuneReadersFuzzTest.class.getResource("/dev/tuna/finetune/load/" + dir);
      if (url == null) {
        throw new IllegalStateException("seed directory missing: " + dir);
      }
      try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
        List<byte[]> bytes = files.filter(Files::isRegularFile).sorted().map(FinetuneReadersFuzzTest::read)
            .toList();
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
