package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.data.ClassMode;
import dev.tuna.core.io.ColorMode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** augment's builders: each option is set at most once and never to null. */
final class BuilderRulesTest {
  private static Arguments twice(String option, String first, UnaryOperator<ImageDataGenerator.Builder> set) {
    return Arguments.of(option, first, set);
  }

  static Stream<Arguments> generatorOptions() {
    return Stream.of(
        twice("featurewiseCenter", "true", b -> b.featurewiseCenter(true)),
        twice("samplewiseCenter", "false", b -> b.samplewiseCenter(false)),
        twice("featurewiseStdNormalization", "true", b -> b.featurewiseStdNormalization(true)),
        twice("samplewiseStdNormalization", "true", b -> b.samplewiseStdNormalization(true)),
        twice("zcaWhitening", "true", b -> b.zcaWhitening(true)),
        twice("zcaEpsilon", "0.001", b -> b.zcaEpsilon(1e-3)),
        twice("rotationRange", "30.0", b -> b.rotationRange(30)),
        twice("widthShiftRange", "0.2", b -> b.widthShiftRange(0.2)),
        twice("heightShiftRange", "0.2", b -> b.heightShiftRange(0.2)),
        twice("brightnessRange", "[0.5, 1.5]", b -> b.brightnessRange(0.5, 1.5)),
        twice("shearRange", "10.0", b -> b.shearRange(10)),
        twice("zoomRange", "[0.8, 1.2]", b -> b.zoomRange(0.8, 1.2)),
        twice("channelShiftRange", "5.0", b -> b.channelShiftRange(5)),
        twice("fillMode", FillMode.REFLECT.toString(), b -> b.fillMode(FillMode.REFLECT)),
        twice("cval", "1.0", b -> b.cval(1)),
        twice("horizontalFlip", "true", b -> b.horizontalFlip(true)),
        twice("verticalFlip", "true", b -> b.verticalFlip(true)),
        twice("rescale", "0.5", b -> b.rescale(0.5)),
        twice("dataFormat", DataFormat.CHANNELS_FIRST.toString(), b -> b.dataFormat(DataFormat.CHANNELS_FIRST)),
        twice("validationSplit", "0.2", b -> b.validationSplit(0.2)),
        twice("interpolationOrder", "0", b -> b.interpolationOrder(0)),
        twice("dtype", "float32", b -> b.dtype("float32")),
        twice("fixKnownBugs", "true", b -> b.fixKnownBugs(true)),
        twice("warpBackend", WarpBackend.OPENCV.toString(), b -> b.warpBackend(WarpBackend.OPENCV)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generatorOptions")
  void generator_secondSet_rejectedNamingTheOption(String option, String first,
      UnaryOperator<ImageDataGenerator.Builder> set) {
    ImageDataGenerator.Builder b = set.apply(ImageDataGenerator.builder());
    assertThatThrownBy(() -> set.apply(b)).isInstanceOf(IllegalStateException.class)
        .hasMessage(option + " was already set to " + first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generatorOptions")
  void generator_newBuilder_mayChangeEachOptionOnce(String option, String first,
      UnaryOperator<ImageDataGenerator.Builder> set) {
    ImageDataGenerator built = set.apply(ImageDataGenerator.builder()).build();
    ImageDataGenerator.Builder variant = built.newBuilder();
    set.apply(variant);
    assertThatThrownBy(() -> set.apply(variant)).isInstanceOf(IllegalStateException.class)
        .hasMessage(option + " was already set to " + first);
  }

  @Test
  void generator_overloadsAreOneOption() {
    assertThatThrownBy(() -> ImageDataGenerator.builder().widthShiftRange(0.2).widthShiftRange(3))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("widthShiftRange was already set to ");
    assertThatThrownBy(() -> ImageDataGenerator.builder().zoomRange(0.2).zoomRange(List.of(0.5, 1.5)))
        .isInstanceOf(IllegalStateException.class).hasMessage("zoomRange was already set to [0.8, 1.2]");
    assertThatThrownBy(() -> ImageDataGenerator.builder().brightnessRange(List.of(0.5, 1.5)).brightnessRange(1, 2))
        .isInstanceOf(IllegalStateException.class).hasMessage("brightnessRange was already set to [0.5, 1.5]");
    assertThatThrownBy(() -> ImageDataGenerator.builder().rotationRange(30).rotationRange(10))
        .isInstanceOf(IllegalStateException.class).hasMessage("rotationRange was already set to 30.0");
  }

  @Test
  void generator_nullRejectedNamingTheOption() {
    List<Runnable> calls = List.of(
        () -> ImageDataGenerator.builder().fillMode(null),
        () -> ImageDataGenerator.builder().dataFormat(null),
        () -> ImageDataGenerator.builder().warpBackend(null),
        () -> ImageDataGenerator.builder().preprocessingFunction(null),
        () -> ImageDataGenerator.builder().widthShiftRange((List<Double>) null),
        () -> ImageDataGenerator.builder().heightShiftRange((List<Double>) null),
        () -> ImageDataGenerator.builder().zoomRange((List<Double>) null),
        () -> ImageDataGenerator.builder().brightnessRange((List<Double>) null),
        () -> ImageDataGenerator.builder().dtype(null));
    List<String> names = List.of("fillMode", "dataFormat", "warpBackend", "preprocessingFunction",
        "widthShiftRange", "heightShiftRange", "zoomRange", "brightnessRange", "dtype");
    for (int i = 0; i < calls.size(); i++) {
      assertThatThrownBy(calls.get(i)::run).as(names.get(i)).isInstanceOf(NullPointerException.class)
          .hasMessage(names.get(i) + " must not be null");
    }
  }

  @Test
  void flow_secondSetAndNull() {
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    float[] x = new float[2 * 2 * 2 * 1];
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).batchSize(4).batchSize(8))
        .isInstanceOf(IllegalStateException.class).hasMessage("batchSize was already set to 4");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("seed was already set to 1");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).shuffle(false).shuffle(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("shuffle was already set to false");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).workers(2).workers(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("workers was already set to 2");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).y(new float[] {0, 1}, 2).y(new float[] {1, 0}, 2))
        .isInstanceOf(IllegalStateException.class).hasMessage("y was already set to labels of shape [2]");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).sampleWeight(new float[] {1, 2}).sampleWeight(new float[2]))
        .isInstanceOf(IllegalStateException.class).hasMessage("sampleWeight was already set to [1.0, 2.0]");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).saveToDir(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("saveToDir must not be null");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).savePrefix(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("savePrefix must not be null");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).saveFormat(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("saveFormat must not be null");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).subset(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("subset must not be null");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).randomSource(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("randomSource must not be null");
    assertThatThrownBy(() -> gen.flow(x, 2, 2, 2, 1).y(null, 2)).isInstanceOf(NullPointerException.class)
        .hasMessage("y must not be null");
  }

  @Test
  void fileFlows_secondSetAndNull() {
    ImageDataGenerator gen = ImageDataGenerator.builder().build();
    Path dir = Path.of("data");
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).targetSize(64, 64).targetSize(32, 32))
        .isInstanceOf(IllegalStateException.class).hasMessage("targetSize was already set to (64, 64)");
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).colorMode(ColorMode.RGBA).colorMode(ColorMode.RGB))
        .isInstanceOf(IllegalStateException.class).hasMessage("colorMode was already set to " + ColorMode.RGBA);
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).classes(List.of("a")).classes(List.of("b")))
        .isInstanceOf(IllegalStateException.class).hasMessage("classes was already set to [a]");
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).followLinks(true).followLinks(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("followLinks was already set to true");
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).onBadImage(BadImagePolicy.SKIP)
        .onBadImage(BadImagePolicy.FAIL)).isInstanceOf(IllegalStateException.class)
        .hasMessage("onBadImage was already set to " + BadImagePolicy.SKIP);
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).classMode(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("classMode must not be null");
    assertThatThrownBy(() -> gen.flowFromDirectory(dir).classes(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("classes must not be null");
    assertThatThrownBy(() -> gen.flowFromDirectory(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("directory must not be null");
    assertThatThrownBy(() -> gen.flowFromDataframe(Path.of("a.csv")).xCol("f").xCol("g"))
        .isInstanceOf(IllegalStateException.class).hasMessage("xCol was already set to f");
    assertThatThrownBy(() -> gen.flowFromDataframe(Path.of("a.csv")).classMode(ClassMode.BINARY)
        .classMode(ClassMode.SPARSE)).isInstanceOf(IllegalStateException.class)
        .hasMessage("classMode was already set to " + ClassMode.BINARY);
    assertThatThrownBy(() -> gen.flowFromDataframe(Path.of("a.csv")).weightCol(null))
        .isInstanceOf(NullPointerException.class).hasMessage("weightCol must not be null");
    assertThat(gen.flowFromDirectory(dir).targetSize(8, 8).batchSize(2)).isNotNull();
  }
}
