package dev.tuna.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.data.ClassMode;
import dev.tuna.core.data.DataFrameReader;
import dev.tuna.core.data.ImageListing;
import dev.tuna.core.io.ImageDecodeException;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the fuzzers found (src/test/resources/fuzz-findings), each failing now with the exception its reader
 * documents (FUZZING.md).
 */
final class FuzzFindingsTest {
  @TempDir
  Path dir;

  private static Path finding(String name) throws URISyntaxException {
    return Path.of(FuzzFindingsTest.class.getResource("/fuzz-findings/" + name).toURI());
  }

  @Test
  void npy_shapeWithANonNumberIsAnIoException() throws Exception {
    Path file = finding("npy-shape-not-a-number.npy");
    assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(IOException.class)
        .hasMessage(file + ": invalid dimension &3 in shape (2,&3)");
  }

  @Test
  void npy_hugeShapeWithoutDataFailsBeforeAllocating() throws Exception {
    Path file = finding("npy-huge-shape.npy");
    assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(IOException.class)
        .hasMessage(file + ": .npy data is truncated (expected 9600000000 bytes of little-endian data)");
  }

  @Test
  void png_hugeHeaderWithLittleDataFailsBeforeAllocating() throws Exception {
    Path file = finding("png-huge-header-little-data.png");
    assertThatThrownBy(() -> ImageLoader.builder().build().load(file)).isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(file + ": image file is truncated (")
        .hasMessageEndingWith(" bytes of PNG image data cannot inflate to the 1352013000 bytes of scanlines the "
            + "header declares)");
  }

  @Test
  void plainPpm_hugeHeaderWithLittleDataFailsBeforeAllocating() throws Exception {
    Path file = finding("ppm-plain-huge-header-little-data.ppm");
    assertThatThrownBy(() -> ImageLoader.builder().build().load(file)).isInstanceOf(ImageDecodeException.class)
        .hasMessage(file + ": not enough image data (plain PNM needs 507000000 values but only 6 bytes remain)");
  }

  @Test
  void csv_nulInAFileNameDropsTheRowWhenValidating() throws Exception {
    Path csv = Files.copy(finding("csv-nul-in-filename.csv"), dir.resolve("labels.csv"));
    Files.createFile(dir.resolve("a.png"));
    ImageListing listing = DataFrameReader.builder(csv).directory(dir).build().read();
    assertThat(listing.filenames()).containsExactly("a.png");
  }

  @Test
  void csv_nulInAFileNameIsAnIllegalArgumentNamingTheCsv() throws Exception {
    Path csv = Files.copy(finding("csv-nul-in-filename.csv"), dir.resolve("labels.csv"));
    DataFrameReader reader = DataFrameReader.builder(csv).directory(dir).classMode(ClassMode.INPUT)
        .validateFilenames(false).build();
    assertThatThrownBy(reader::read).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(csv + ": 'd, with co\0\0\0\0\0\0\0\0mma.\u000epng' in column x_col=filename is not "
            + "a valid path");
  }
}
