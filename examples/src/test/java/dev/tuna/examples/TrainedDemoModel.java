package dev.tuna.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One {@link FineTuning} run (20 epochs, about 10 s) shared by the tests that need a trained model. */
public final class TrainedDemoModel {
  /** Epochs of the shared run; the accuracy floors below were measured with it. */
  public static final int EPOCHS = 20;
  private static FineTuning.Result result;
  private static Path dir;

  private TrainedDemoModel() {}

  public static synchronized FineTuning.Result get() {
    if (result == null) {
      try {
        dir = Files.createTempDirectory(Path.of("target"), "trained-demo-model-");
        result = FineTuning.runExample(Integer.toString(EPOCHS), dir.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }

  /** The extracted data directory of the shared run. */
  public static Path data() {
    get();
    return dir.resolve("embedded");
  }

  /** The 20 + 20 held-out test images, sorted, with their true class (the parent directory's name). */
  public static List<Path> testImages() {
    try (Stream<Path> s = Files.walk(data().resolve("data/test"))) {
      List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".png")).sorted().toList());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
