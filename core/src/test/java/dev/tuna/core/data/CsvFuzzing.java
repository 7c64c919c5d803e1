package dev.tuna.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The property the CSV fuzz target checks, with two reader configurations: {@link DataFrameReader#read} either
 * lists images consistently or fails with an {@link IOException} or an {@link IllegalArgumentException} naming the
 * CSV file, as documented; anything else is a finding.
 */
public final class CsvFuzzing {
  private static final Path DIR = tempDir();
  private static final Path CSV = DIR.resolve("labels.csv");

  private CsvFuzzing() {}

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("tuna-csv-fuzz");
      for (String f : List.of("a.png", "b.jpg", "c.png", "d, with comma.png")) {
        Files.createFile(dir.resolve(f)).toFile().deleteOnExit();
      }
      dir.toFile().deleteOnExit();
      dir.resolve("labels.csv").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks one input; throws {@link AssertionError} (or whatever escaped) on a finding. */
  public static void check(byte[] data) throws IOException {
    Files.write(CSV, data);
    check(DataFrameReader.builder(CSV).directory(DIR).build());
    check(DataFrameReader.builder(CSV).classMode(ClassMode.BINARY).weightCol("weight").validateFilenames(false)
        .validationSplit(0.25).subset(Subset.VALIDATION).build());
  }

  private static void check(DataFrameReader reader) {
    ImageListing listing;
    try {
      listing = reader.read();
    } catch (IOException e) {
      return;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().contains(CSV.toString())) {
        throw new AssertionError("IllegalArgumentException without the CSV file name: " + e.getMessage(), e);
      }
      return;
    }
    int n = listing.filenames().size();
    if (listing.filepaths().size() != n || (listing.classes().length != 0 && listing.classes().length != n)) {
      throw new AssertionError("inconsistent listing of " + n + " files");
    }
  }
}
