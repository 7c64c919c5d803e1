package dev.tuna.augment;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds generators from the Keras constructor kwargs recorded in the fixtures, honouring Python types. */
final class KerasConfig {
  private KerasConfig() {}

  static ImageDataGenerator.Builder builder(JsonObject kwargs, JsonObject types) {
    ImageDataGenerator.Builder b = ImageDataGenerator.builder();
    for (Map.Entry<String, JsonElement> e : kwargs.entrySet()) {
      String key = e.getKey();
      JsonElement v = e.getValue();
      String type = types != null && types.has(key) ? types.get(key).getAsString() : "";
      switch (key) {
        case "featurewise_center" -> b.featurewiseCenter(v.getAsBoolean());
        case "samplewise_center" -> b.samplewiseCenter(v.getAsBoolean());
        case "featurewise_std_normalization" -> b.featurewiseStdNormalization(v.getAsBoolean());
        case "samplewise_std_normalization" -> b.samplewiseStdNormalization(v.getAsBoolean());
        case "zca_whitening" -> b.zcaWhitening(v.getAsBoolean());
        case "zca_epsilon" -> b.zcaEpsilon(v.getAsDouble());
        case "rotation_range" -> b.rotationRange(v.getAsDouble());
        case "width_shift_range" -> {
          if (v.isJsonArray()) {
            b.widthShiftRange(numbers(v.getAsJsonArray()));
          } else if (type.equals("int")) {
            b.widthShiftRange(v.getAsInt());
          } else {
            b.widthShiftRange(v.getAsDouble());
          }
        }
        case "height_shift_range" -> {
          if (v.isJsonArray()) {
            b.heightShiftRange(numbers(v.getAsJsonArray()));
          } else if (type.equals("int")) {
            b.heightShiftRange(v.getAsInt());
          } else {
            b.heightShiftRange(v.getAsDouble());
          }
        }
        case "brightness_range" -> {
          if (!v.isJsonNull()) {
            b.brightnessRange(numbers(v.getAsJsonArray()));
          }
        }
        case "shear_range" -> b.shearRange(v.getAsDouble());
        case "zoom_range" -> {
          if (v.isJsonArray()) {
            b.zoomRange(numbers(v.getAsJsonArray()));
          } else {
            b.zoomRange(v.getAsDouble());
          }
        }
        case "channel_shift_range" -> b.channelShiftRange(v.getAsDouble());
        case "fill_mode" -> b.fillMode(FillMode.fromKeras(v.getAsString()));
        case "cval" -> b.cval(v.getAsDouble());
        case "horizontal_flip" -> b.horizontalFlip(v.getAsBoolean());
        case "vertical_flip" -> b.verticalFlip(v.getAsBoolean());
        case "rescale" -> b.rescale(v.isJsonNull() ? 0 : v.getAsDouble());
        case "data_format" -> b.dataFormat(DataFormat.fromKeras(v.getAsString()));
        case "validation_split" -> b.validationSplit(v.getAsDouble());
        case "interpolation_order" -> b.interpolationOrder(v.getAsInt());
        case "dtype" -> b.dtype(v.getAsString());
        default -> throw new IllegalArgumentException("unknown generator option " + key);
      }
    }
    return b;
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.getAsString()));
    return out;
  }

  static List<Double> numbers(JsonArray a) {
    List<Double> out = new ArrayList<>();
    a.forEach(x -> out.add(x.getAsDouble()));
    return out;
  }
}
