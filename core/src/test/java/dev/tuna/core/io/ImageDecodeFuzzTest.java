package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.core.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated fixtures may decode or fail, but only with {@link ImageDecodeException}: no crash, no other exception.
 * OpenCV and libjpeg print warnings for some of the corrupt inputs; that output is expected.
 */
final class ImageDecodeFuzzTest {
  private static final int MUTATIONS_PER_FILE = 8;

  @Test
  void decode_mutatedFilesFailCleanly() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Fixtures.pil("decode"))) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).sorted()
          .collect(Collectors.toList());
    }
    SplittableRandom random = new SplittableRandom(20_26);
    int decoded = 0;
    int rejected = 0;
    for (Path file : files) {
      byte[] original = Files.readAllBytes(file);
      for (int m = 0; m < MUTATIONS_PER_FILE; m++) {
        byte[] data = mutate(original, random);
        try {
          ImageDecoder.defaults().decode(data, file.getFileName().toString(), ColorMode.RGBA);
          decoded++;
        } catch (ImageDecodeException e) {
          assertThat(e).hasMessageStartingWith(file.getFileName() + ": ");
          rejected++;
        }
      }
    }
    assertThat(decoded + rejected).isEqualTo(files.size() * MUTATIONS_PER_FILE);
  }

  private static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] data = original.clone();
    switch (random.nextInt(3)) {
      case 0: // flip a few bytes anywhere, headers included
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          data[random.nextInt(data.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return data;
      case 1: // cut at a random point
        return Arrays.copyOf(data, random.nextInt(data.length));
      default: // overwrite a run with random bytes
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(64));
        for (int i = from; i < to; i++) {
          data[i] = (byte) random.nextInt(256);
        }
        return data;
    }
  }
}
