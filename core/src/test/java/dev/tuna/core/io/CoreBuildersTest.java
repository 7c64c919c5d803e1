package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.data.DataFrameReader;
import dev.tuna.core.data.DirectoryScanner;
import dev.tuna.core.data.Subset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** core's builders: a second set of an option is an IllegalStateException, null a NullPointerException. */
final class CoreBuildersTest {
  @Test
  void imageLoader() {
    assertThatThrownBy(() -> ImageLoader.builder().interpolation(Interpolation.BILINEAR)
        .interpolation(Interpolation.NEAREST)).isInstanceOf(IllegalStateException.class)
        .hasMessage("interpolation was already set to " + Interpolation.BILINEAR);
    assertThatThrownBy(() -> ImageLoader.builder().keepAspectRatio(true).keepAspectRatio(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("keepAspectRatio was already set to true");
    assertThatThrownBy(() -> ImageLoader.builder().colorMode(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("colorMode must not be null");
    assertThatThrownBy(() -> ImageLoader.builder().interpolation(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("interpolation must not be null");
    assertThatThrownBy(() -> ImageLoader.builder().decoder(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("decoder must not be null");
  }

  @Test
  void directoryScanner() {
    Path dir = Path.of("data");
    assertThatThrownBy(() -> DirectoryScanner.builder(dir).classes(List.of("a")).classes(List.of("b")))
        .isInstanceOf(IllegalStateException.class).hasMessage("classes was already set to [a]");
    assertThatThrownBy(() -> DirectoryScanner.builder(dir).validationSplit(0.2).validationSplit(0.3))
        .isInstanceOf(IllegalStateException.class).hasMessage("validationSplit was already set to 0.2");
    assertThatThrownBy(() -> DirectoryScanner.builder(dir).subset(Subset.TRAINING).subset(Subset.VALIDATION))
        .isInstanceOf(IllegalStateException.class).hasMessage("subset was already set to training");
    assertThatThrownBy(() -> DirectoryScanner.builder(dir).classes(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("classes must not be null");
    assertThatThrownBy(() -> DirectoryScanner.builder(dir).subset(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("subset must not be null");
  }

  @Test
  void dataFrameReader() {
    Path csv = Path.of("data.csv");
    assertThatThrownBy(() -> DataFrameReader.builder(csv).xCol("file").xCol("path"))
        .isInstanceOf(IllegalStateException.class).hasMessage("xCol was already set to file");
    assertThatThrownBy(() -> DataFrameReader.builder(csv).validateFilenames(false).validateFilenames(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("validateFilenames was already set to false");
    assertThatThrownBy(() -> DataFrameReader.builder(csv).yCol(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("yCol must not be null");
    assertThatThrownBy(() -> DataFrameReader.builder(csv).classes(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("classes must not be null");
    assertThatThrownBy(() -> DataFrameReader.builder(csv).directory(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("directory must not be null");
  }

  @Test
  void imageDecoder() {
    assertThatThrownBy(() -> ImageDecoder.builder().maxPixels(10).maxPixels(20))
        .isInstanceOf(IllegalStateException.class).hasMessage("maxPixels was already set to 10");
  }
}
