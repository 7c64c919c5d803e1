package dev.tuna.examples.cli;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.TransformParameters;
import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Npy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tuna transform}: Keras' {@code apply_transform} with one explicit parameter dict. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = {"Applies one explicit Keras transform parameter dict to an image, exactly like Keras' "
        + "ImageDataGenerator.apply_transform, and writes the float32 HWC result as .npy.",
        "Parameter keys: theta, tx, ty, shear, zx, zy, flip_horizontal, flip_vertical, "
            + "channel_shift_intensity, brightness (missing keys are neutral)."})
final class TransformCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "An image file or a 3-D HWC .npy array.")
  Path input;

  @Option(names = "--output", required = true, description = "The .npy file to write.")
  Path output;

  @Option(names = "--params", required = true, description = "The parameter dict as JSON, or a .json file.")
  String params;

  @Option(names = "--fill-mode", defaultValue = "nearest",
      description = "constant, nearest, reflect, wrap or mirror (default: ${DEFAULT-VALUE}).")
  String fillMode;

  @Option(names = "--cval", defaultValue = "0", description = "Fill value for constant mode.")
  double cval;

  @Option(names = "--interpolation-order", defaultValue = "1", description = "0 or 1 (default: ${DEFAULT-VALUE}).")
  int interpolationOrder;

  @Option(names = "--color-mode", defaultValue = "rgb", description = "For image input: rgb, rgba or grayscale.")
  String colorMode;

  @Option(names = "--fix-known-bugs", arity = "0..1", description = "Use the corrected (true-centre) geometry.")
  boolean fixKnownBugs;

  @Override
  public Integer call() throws Exception {
    ImageDataGenerator gen = ImageDataGenerator.builder().fillMode(FillMode.fromKeras(fillMode)).cval(cval)
        .interpolationOrder(interpolationOrder).fixKnownBugs(fixKnownBugs).build();
    TransformParameters p = TransformParameters.fromMap(readParams(params));
    Image x = readInput(input, ColorMode.parse(colorMode));
    Image y = gen.applyTransform(x, p);
    Npy.write(output, y);
    return 0;
  }

  static Image readInput(Path input, ColorMode mode) throws java.io.IOException {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + " does not exist or is not a file");
    }
    if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
      dev.tuna.core.io.NpyArray a = Npy.read(input);
      if (a.shape().length != 3) {
        throw new IllegalArgumentException("--input " + input + " must be a 3-D (height, width, channels) array "
            + "but has shape " + java.util.Arrays.toString(a.shape()));
      }
      return a.toImage();
    }
    return ImageLoader.builder().colorMode(mode).build().load(input);
  }

  static Map<String, Object> readParams(String value) throws java.io.IOException {
    String json = value.trim();
    if (!json.startsWith("{")) {
      Path file = Path.of(json);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--params must be a JSON object or a .json file but was " + value);
      }
      json = Files.readString(file, StandardCharsets.UTF_8);
    }
    try {
      Map<String, Object> m = new Gson().fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
      if (m == null) {
        throw new IllegalArgumentException("--params is empty");
      }
      return m;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("--params is not valid JSON: " + e.getMessage(), e);
    }
  }
}
