package dev.tuna.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DirectoryScannerTest {
  private static final Path TREE = Fixtures.pil("directory", "tree");
  private static final JsonObject LISTINGS = Fixtures.json(Fixtures.pil("directory", "listings.json"))
      .getAsJsonObject();

  private static void assertMatchesKeras(ImageListing listing, String caseName) {
    JsonObject expected = LISTINGS.getAsJsonObject(caseName);
    List<String> filenames = new ArrayList<>();
    expected.getAsJsonArray("filenames").forEach(e -> filenames.add(e.getAsString()));
    List<Integer> classes = new ArrayList<>();
    expected.getAsJsonArray("classes").forEach(e -> classes.add(e.getAsInt()));
    Map<String, Integer> indices = new LinkedHashMap<>();
    for (JsonElement e : expected.getAsJsonArray("class_indices")) {
      JsonArray pair = e.getAsJsonArray();
      indices.put(pair.get(0).getAsString(), pair.get(1).getAsInt());
    }
    assertThat(listing.filenames()).as(caseName).containsExactlyElementsOf(filenames);
    assertThat(listing.classes()).as(caseName).containsExactly(classes.stream().mapToInt(i -> i).toArray());
    assertThat(listing.classIndices()).as(caseName).containsExactlyEntriesOf(indices);
    assertThat(listing.numClasses()).isEqualTo(expected.get("num_classes").getAsInt());
    List<Path> paths = new ArrayList<>();
    expected.getAsJsonArray("filepaths_relative").forEach(e -> paths.add(TREE.resolve(e.getAsString())));
    assertThat(listing.filepaths()).containsExactlyElementsOf(paths);
  }

  @Test
  void scan_matchesKerasDirectoryIterator() throws IOException {
    assertMatchesKeras(DirectoryScanner.builder(TREE).build().scan(), "default");
  }

  @Test
  void scan_splitsPerClassLikeKeras() throws IOException {
    assertMatchesKeras(DirectoryScanner.builder(TREE).validationSplit(0.3).subset(Subset.TRAINING).build().scan(),
        "split0.3_training");
    assertMatchesKeras(DirectoryScanner.builder(TREE).validationSplit(0.3).subset(Subset.VALIDATION).build().scan(),
        "split0.3_validation");
  }

  @Test
  void scan_explicitClassesKeepTheirOrderAndIndices() throws IOException {
    assertMatchesKeras(DirectoryScanner.builder(TREE).classes(List.of("dogs", "cats", "missing", "notes.txt"))
        .build().scan(), "classes_given");
    assertMatchesKeras(DirectoryScanner.builder(TREE).classes(List.of("dogs", "cats")).validationSplit(0.5)
        .subset(Subset.VALIDATION).build().scan(), "classes_given_split0.5_validation");
  }

  @Test
  void scan_truncatesTheSplitInDoublePrecision(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve("a"));
    for (int k = 0; k < 100; k++) {
      Files.createFile(dir.resolve("a").resolve(String.format(Locale.ROOT, "f%03d.png", k)));
    }
    JsonObject expected = LISTINGS.getAsJsonObject("hundred_files_split0.29");
    ImageListing validation = DirectoryScanner.builder(dir).validationSplit(0.29).subset(Subset.VALIDATION)
        .build().scan();
    ImageListing training = DirectoryScanner.builder(dir).validationSplit(0.29).subset(Subset.TRAINING)
        .build().scan();
    assertThat(validation.size()).isEqualTo(expected.get("validation").getAsInt()).isEqualTo(28);
    assertThat(training.size()).isEqualTo(expected.get("training").getAsInt());
    assertThat(training.filenames().get(0)).isEqualTo(expected.get("first_training").getAsString());
  }

  @Test
  void scan_sortsByCodePointAndKeepsKerasExtensionRules(@TempDir Path dir) throws IOException {
    Path c = Files.createDirectories(dir.resolve("cls"));
    for (String name : List.of("b.png", "B.png", "a.PNG", "\uFFFD.png", "\uD83D\uDE00.png", "é.jpg", "tiff",
        "x.gif", "y.webp", "z.jpeg.txt", "archive.tar.bmp", "noext")) {
      Files.createFile(c.resolve(name));
    }
    Files.createDirectories(c.resolve("a-b"));
    Files.createFile(c.resolve("a-b").resolve("1.png"));
    Files.createDirectories(c.resolve("a").resolve("x"));
    Files.createFile(c.resolve("a").resolve("x").resolve("2.png"));
    Files.createFile(c.resolve("a").resolve("3.png"));
    ImageListing listing = DirectoryScanner.builder(dir).build().scan();
    assertThat(listing.filenames()).containsExactly("cls/B.png", "cls/a.PNG", "cls/archive.tar.bmp", "cls/b.png",
        "cls/tiff", "cls/é.jpg", "cls/\uFFFD.png", "cls/\uD83D\uDE00.png", "cls/a/3.png", "cls/a-b/1.png",
        "cls/a/x/2.png");
  }

  @Test
  void scan_emptyAndMissingClassesGiveNoFiles(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Files.createDirectories(dir.resolve("full"));
    Files.createFile(dir.resolve("full").resolve("1.png"));
    Files.createFile(dir.resolve("stray.png"));
    ImageListing discovered = DirectoryScanner.builder(dir).build().scan();
    assertThat(discovered.classIndices()).containsExactly(Map.entry("empty", 0), Map.entry("full", 1));
    assertThat(discovered.filenames()).containsExactly("full/1.png");
    ImageListing given = DirectoryScanner.builder(dir).classes(List.of("ghost", "full", "stray.png")).build().scan();
    assertThat(given.filenames()).containsExactly("full/1.png");
    assertThat(given.classes()).containsExactly(1);
    assertThat(given.numClasses()).isEqualTo(3);
    ImageListing none = DirectoryScanner.builder(dir).classes(List.of("empty")).build().scan();
    assertThat(none.size()).isZero();
  }

  @Test
  void scan_hiddenDirectoriesAreClassesLikeInKeras(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve(".ipynb_checkpoints"));
    Files.createDirectories(dir.resolve("cats"));
    assertThat(DirectoryScanner.builder(dir).build().scan().classIndices())
        .containsExactly(Map.entry(".ipynb_checkpoints", 0), Map.entry("cats", 1));
  }

  @Test
  void scan_followsLinksOnlyWhenAsked(@TempDir Path dir) throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createFile(outside.resolve("o.png"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path cls = Files.createDirectories(data.resolve("cls"));
    Files.createFile(cls.resolve("c.png"));
    Files.createSymbolicLink(cls.resolve("linked"), outside);
    Files.createSymbolicLink(cls.resolve("file-link.png"), outside.resolve("o.png"));
    Files.createSymbolicLink(cls.resolve("loop"), cls);
    Files.createSymbolicLink(data.resolve("alias"), outside); // a linked class folder is a class
    ImageListing plain = DirectoryScanner.builder(data).build().scan();
    assertThat(plain.classIndices().keySet()).containsExactly("alias", "cls");
    assertThat(plain.filenames()).containsExactly("alias/o.png", "cls/c.png", "cls/file-link.png");
    ImageListing followed = DirectoryScanner.builder(data).followLinks(true).build().scan();
    assertThat(followed.filenames()).containsExactly("alias/o.png", "cls/c.png", "cls/file-link.png",
        "cls/linked/o.png");
  }

  @Test
  void scan_missingDirectoryOrFileNamesThePath(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("no-such-dir");
    assertThatThrownBy(() -> DirectoryScanner.builder(missing).build().scan())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": image directory does not exist");
    assertThatThrownBy(() -> DirectoryScanner.builder(missing).classes(List.of("a")).build().scan())
        .isInstanceOf(NoSuchFileException.class);
    Path file = Files.createFile(dir.resolve("file.png"));
    assertThatThrownBy(() -> DirectoryScanner.builder(file).build().scan())
        .isInstanceOf(NotDirectoryException.class)
        .hasMessageStartingWith(file + ": not a directory");
  }

  @Test
  void builder_rejectsBadOptions() {
    DirectoryScanner.Builder b = DirectoryScanner.builder(TREE);
    assertThatThrownBy(() -> b.validationSplit(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validationSplit must be in [0, 1) but was 1.0");
    assertThatThrownBy(() -> b.validationSplit(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validationSplit must be in [0, 1) but was NaN");
    b.followLinks(true);
    assertThatThrownBy(() -> b.followLinks(false)).isInstanceOf(IllegalStateException.class)
        .hasMessage("followLinks was already set to true");
  }

  @Test
  void subset_parsesKerasNames() {
    assertThat(Subset.parse("validation")).isEqualTo(Subset.VALIDATION);
    assertThatThrownBy(() -> Subset.parse("test")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid subset name: test;expected \"training\" or \"validation\"");
  }

  @Test
  void listing_isImmutable() throws IOException {
    ImageListing listing = DirectoryScanner.builder(TREE).build().scan();
    assertThatThrownBy(() -> listing.filenames().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> listing.classIndices().put("x", 9)).isInstanceOf(UnsupportedOperationException.class);
    listing.classes()[0] = 99;
    assertThat(listing.classOf(0)).isZero();
    assertThat(listing).isEqualTo(DirectoryScanner.builder(TREE).build().scan());
  }
}
