package dev.tuna.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations follow Keras' DataFrameIterator source (keras/src/legacy/preprocessing/image.py); the oracle
 * virtualenv has no pandas, so they are derived by hand rather than generated.
 */
final class DataFrameReaderTest {
  @TempDir
  Path dir;
  private Path csv;

  @BeforeEach
  void setUp() throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (String f : List.of("a.png", "b.jpg", "c.png", "d, with comma.png", "e.PNG", "f.png", "notes.txt")) {
      Files.createFile(images.resolve(f));
    }
    csv = Files.writeString(dir.resolve("labels.csv"), String.join("\r\n",
        "filename,class,weight",
        "a.png,dog,1.5",
        "b.jpg,cat,2",
        "missing.png,cat,3",
        "c.png,dog,0.5",
        "\"d, with comma.png\",\"bird\",1",
        "notes.txt,dog,1",
        "e.PNG,cat,4",
        "",
        "f.png,dog,5",
        ""));
  }

  private DataFrameReader.Builder reader() {
    return DataFrameReader.builder(csv).directory(dir.resolve("images"));
  }

  @Test
  void read_dropsInvalidFilesAndSortsClasses() throws IOException {
    ImageListing listing = reader().build().read();
    assertThat(listing.filenames()).containsExactly("a.png", "b.jpg", "c.png", "d, with comma.png", "e.PNG",
        "f.png");
    assertThat(listing.classIndices()).containsExactly(Map.entry("bird", 0), Map.entry("cat", 1),
        Map.entry("dog", 2));
    assertThat(listing.classes()).containsExactly(2, 1, 2, 0, 1, 2);
    assertThat(listing.filepaths().get(3)).isEqualTo(dir.resolve("images").resolve("d, with comma.png"));
    assertThat(listing.sampleWeights()).isNull();
  }

  @Test
  void read_splitsOnRowOrderAfterFiltering() throws IOException {
    ImageListing validation = reader().validationSplit(0.4).subset(Subset.VALIDATION).weightCol("weight").build()
        .read();
    assertThat(validation.filenames()).containsExactly("a.png", "b.jpg");
    assertThat(validation.sampleWeights()).containsExactly(1.5f, 2f);
    ImageListing training = reader().validationSplit(0.4).subset(Subset.TRAINING).build().read();
    assertThat(training.filenames()).containsExactly("c.png", "d, with comma.png", "e.PNG", "f.png");
  }

  @Test
  void read_givenClassesDropOtherLabels() throws IOException {
    ImageListing listing = reader().classes(List.of("dog", "cat", "dog")).build().read();
    assertThat(listing.classIndices()).containsExactly(Map.entry("dog", 0), Map.entry("cat", 1));
    assertThat(listing.filenames()).containsExactly("a.png", "b.jpg", "c.png", "e.PNG", "f.png");
    assertThat(listing.classes()).containsExactly(0, 1, 0, 1, 0);
  }

  @Test
  void read_withoutValidationKeepsEveryRow() throws IOException {
    ImageListing listing = reader().validateFilenames(false).classMode(ClassMode.NONE).build().read();
    assertThat(listing.size()).isEqualTo(8);
    assertThat(listing.classIndices()).isEmpty();
  }

  @Test
  void read_binaryNeedsTwoClasses() {
    assertThatThrownBy(() -> reader().classMode(ClassMode.BINARY).build().read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(csv + ": If class_mode=\"binary\" there must be 2 classes. Found 3 classes.");
  }

  @Test
  void read_missingColumnAndNonNumericWeightsNameTheFile() throws IOException {
    assertThatThrownBy(() -> reader().yCol("label").build().read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("yCol 'label' is not a column of " + csv + " (columns: filename, class, weight)");
    assertThatThrownBy(() -> reader().weightCol("class").build().read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(csv + ": Column weight_col=class must be numeric (found 'dog').");
  }

  @Test
  void csv_parsesQuotesAndEscapes() {
    assertThat(Csv.parse("a,b\n\"x \"\"q\"\"\",\"line\nbreak\"\n,\"\"\n"))
        .containsExactly(List.of("a", "b"), List.of("x \"q\"", "line\nbreak"), Arrays.asList(null, ""));
  }
}
