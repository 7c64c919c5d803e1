package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tuna.core.Fixtures;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class NpyTest {
  private static final Path DIR = Fixtures.pil("npy");
  private static final JsonObject VALUES = Fixtures.json(DIR.resolve("values.json")).getAsJsonObject();

  static List<Arguments> numpyFiles() {
    List<Arguments> out = new ArrayList<>();
    VALUES.keySet().forEach(k -> out.add(Arguments.of(k, VALUES.getAsJsonObject(k))));
    return out;
  }

  private static double pythonFloat(String repr) {
    switch (repr) {
      case "inf": return Double.POSITIVE_INFINITY;
      case "-inf": return Double.NEGATIVE_INFINITY;
      case "nan": return Double.NaN;
      default: return Double.parseDouble(repr);
    }
  }

  private static int[] shapeOf(JsonObject o) {
    JsonArray s = o.getAsJsonArray("shape");
    int[] shape = new int[s.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = s.get(i).getAsInt();
    }
    return shape;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numpyFiles")
  void read_numpyWrittenFile(String file, JsonObject expected) throws IOException {
    NpyArray array = Npy.read(DIR.resolve(file));
    assertThat(array.dtype().descr()).isEqualTo(expected.get("dtype").getAsString());
    assertThat(array.shape()).containsExactly(shapeOf(expected));
    JsonArray values = expected.getAsJsonArray("values");
    assertThat(array.size()).isEqualTo(values.size());
    switch (array.dtype()) {
      case FLOAT32: {
        float[] f = array.floats();
        for (int i = 0; i < f.length; i++) {
          float want = (float) pythonFloat(values.get(i).getAsString());
          assertThat(Float.floatToIntBits(f[i])).as("element %d", i).isEqualTo(Float.floatToIntBits(want));
        }
        break;
      }
      case FLOAT64: {
        double[] d = array.doubles();
        for (int i = 0; i < d.length; i++) {
          assertThat(Double.doubleToLongBits(d[i])).as("element %d", i)
              .isEqualTo(Double.doubleToLongBits(pythonFloat(values.get(i).getAsString())));
        }
        break;
      }
      default: {
        long[] l = array.longs();
        for (int i = 0; i < l.length; i++) {
          assertThat(l[i]).as("element %d", i).isEqualTo(values.get(i).getAsLong());
        }
      }
    }
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("fortran.npy", "fortran_order=True arrays are not supported"),
        Arguments.of("big_endian.npy", "unsupported dtype '>f4' (supported: <f4, <f8, |u1, <u2, <i4, <i8)"),
        Arguments.of("complex.npy", "unsupported dtype '<c8'"),
        Arguments.of("truncated.npy", ".npy data is truncated (expected 96 bytes of little-endian data)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void read_unsupportedFileNamesItAndTheProblem(String file, String problem) {
    Path path = DIR.resolve(file);
    assertThatThrownBy(() -> Npy.read(path)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(path + ": ").hasMessageContaining(problem);
  }

  @Test
  void read_notAnNpyFile() {
    Path path = Fixtures.pil("decode", "rgb.png");
    assertThatThrownBy(() -> Npy.read(path)).isInstanceOf(IOException.class)
        .hasMessage(path + ": not a .npy file (bad magic string)");
  }

  /** The files tuna writes are byte-for-byte what {@code np.save} writes for the same arrays. */
  @Test
  void write_isByteIdenticalToNumpy(@TempDir Path dir) throws IOException {
    for (String file : List.of("f32_3d.npy", "f32_1d.npy", "f32_0d.npy", "f32_empty.npy")) {
      NpyArray a = Npy.read(DIR.resolve(file));
      Path out = dir.resolve(file);
      Npy.write(out, a.shape(), a.floats());
      assertThat(out).as(file).hasBinaryContent(Fixtures.bytes(DIR.resolve(file)));
    }
    NpyArray u8 = Npy.read(DIR.resolve("u8_4d.npy"));
    Npy.writeUint8(dir.resolve("u8.npy"), u8.shape(), u8.bytes());
    assertThat(dir.resolve("u8.npy")).hasBinaryContent(Fixtures.bytes(DIR.resolve("u8_4d.npy")));
    NpyArray i64 = Npy.read(DIR.resolve("i64_1d.npy"));
    Npy.writeInt64(dir.resolve("i64.npy"), i64.shape(), i64.longs());
    assertThat(dir.resolve("i64.npy")).hasBinaryContent(Fixtures.bytes(DIR.resolve("i64_1d.npy")));
  }

  @Test
  void write_roundTripsAnImageAndReplacesAtomically(@TempDir Path dir) throws IOException {
    Image image = Image.wrap(2, 3, 2, new float[] {0.5f, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Float.MIN_VALUE});
    Path file = dir.resolve("image.npy");
    Files.writeString(file, "old contents");
    Npy.write(file, image);
    assertThat(Npy.read(file).toImage()).isEqualTo(image);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void write_largeArrayAcrossChunks(@TempDir Path dir) throws IOException {
    float[] data = new float[600_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.5f;
    }
    Path file = dir.resolve("big.npy");
    Npy.write(file, new int[] {1000, 600}, data);
    assertThat(Npy.read(file).floats()).isEqualTo(data); // isEqualTo is linear; containsExactly is quadratic
  }

  @Test
  void write_rejectsShapeMismatchAndMissingDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> Npy.write(dir.resolve("a.npy"), new int[] {2, 2}, new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape [2, 2] needs 4 elements but data has 3");
    assertThatThrownBy(() -> Npy.write(dir.resolve("missing").resolve("a.npy"), new int[] {1}, new float[1]))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void header_usesVersion2WhenTheHeaderOutgrowsVersion1() {
    int[] shape = new int[30_000];
    Arrays.fill(shape, 1);
    byte[] header = Npy.header(shape, "<f4");
    assertThat(header[6]).isEqualTo((byte) 2);
    assertThat(header.length % 64).isZero();
    assertThat(Npy.header(new int[] {2, 3}, "<f4")[6]).isEqualTo((byte) 1);
  }

  @Test
  void accessors_checkTheDtype() throws IOException {
    NpyArray f = Npy.read(DIR.resolve("f32_3d.npy"));
    assertThatThrownBy(f::longs).isInstanceOf(IllegalStateException.class)
        .hasMessage("longs() needs an integer dtype but this array is <f4");
    assertThatThrownBy(f::bytes).isInstanceOf(IllegalStateException.class)
        .hasMessage("bytes() needs dtype |u1 but this array is <f4");
    assertThat(f.toImage().shape()).containsExactly(2, 3, 4);
    assertThat(Npy.read(DIR.resolve("i32_2d.npy")).floats()).containsExactly(1, -2, 3, 2147483647f, -2147483648f, 0);
    assertThatThrownBy(() -> Npy.read(DIR.resolve("f32_1d.npy")).toImage())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("toImage() needs a 3-D (height, width, channels) array but the shape is [6]");
  }

  @Test
  void arrays_areCopiesOfTheData(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.npy");
    Npy.write(f, new int[] {2}, new float[] {1, 2});
    NpyArray a = Npy.read(f);
    a.floats()[0] = 99;
    assertThat(a.floats()).containsExactly(1, 2);
    Path b = dir.resolve("b.npy");
    Npy.writeUint8(b, new int[] {2}, new byte[] {3, 4});
    NpyArray u = Npy.read(b);
    u.bytes()[0] = 99;
    assertThat(u.bytes()).containsExactly(3, 4);
  }
}
