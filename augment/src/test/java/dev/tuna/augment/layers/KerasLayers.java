package dev.tuna.augment.layers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Builds the tuna layer for a fixture's Keras class name and constructor kwargs. */
final class KerasLayers {
  private KerasLayers() {}

  static AugmentationLayer of(String className, JsonObject c) {
    return switch (className) {
      case "RandomFlip" -> common(c.has("mode")
          ? RandomFlip.builder(RandomFlip.Mode.valueOf(c.get("mode").getAsString().toUpperCase(java.util.Locale.ROOT)))
          : RandomFlip.builder(), c).build();
      case "RandomBrightness" -> {
        RandomBrightness.Builder b = isPair(c, "factor")
            ? RandomBrightness.builder(first(c, "factor"), second(c, "factor"))
            : RandomBrightness.builder(first(c, "factor"));
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        yield common(b, c).build();
      }
      case "RandomContrast" -> {
        RandomContrast.Builder b = isPair(c, "factor")
            ? RandomContrast.builder(first(c, "factor"), second(c, "factor"))
            : RandomContrast.builder(first(c, "factor"));
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        yield common(b, c).build();
      }
      case "RandomGrayscale" -> common(c.has("factor") ? RandomGrayscale.builder(first(c, "factor"))
          : RandomGrayscale.builder(), c).build();
      case "RandomErasing" -> {
        RandomErasing.Builder b = !c.has("factor") ? RandomErasing.builder()
            : isPair(c, "factor") ? RandomErasing.builder(first(c, "factor"), second(c, "factor"))
            : RandomErasing.builder(first(c, "factor"));
        if (c.has("scale")) {
          b.scale(first(c, "scale"), second(c, "scale"));
        }
        if (c.has("fill_value")) {
          b.fillValue(c.get("fill_value").getAsDouble());
        }
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        yield common(b, c).build();
      }
      case "MixUp" -> common(c.has("alpha") ? MixUp.builder(c.get("alpha").getAsDouble()) : MixUp.builder(), c)
          .build();
      case "CutMix" -> common(!c.has("factor") ? CutMix.builder()
          : isPair(c, "factor") ? CutMix.builder(first(c, "factor"), second(c, "factor"))
          : CutMix.builder(first(c, "factor")), c).build();
      case "RandomHue" -> {
        RandomHue.Builder b = isPair(c, "factor") ? RandomHue.builder(first(c, "factor"), second(c, "factor"))
            : RandomHue.builder(first(c, "factor"));
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        yield common(b, c).build();
      }
      case "RandomSaturation" -> {
        RandomSaturation.Builder b = isPair(c, "factor")
            ? RandomSaturation.builder(first(c, "factor"), second(c, "factor"))
            : RandomSaturation.builder(first(c, "factor"));
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        yield common(b, c).build();
      }
      case "RandomColorJitter" -> {
        RandomColorJitter.Builder b = RandomColorJitter.builder();
        if (c.has("value_range")) {
          b.valueRange(first(c, "value_range"), second(c, "value_range"));
        }
        if (c.has("brightness_factor")) {
          b.brightnessFactor(numbers(c, "brightness_factor"));
        }
        if (c.has("contrast_factor")) {
          b.contrastFactor(numbers(c, "contrast_factor"));
        }
        if (c.has("saturation_factor")) {
          b.saturationFactor(numbers(c, "saturation_factor"));
        }
        if (c.has("hue_factor")) {
          b.hueFactor(numbers(c, "hue_factor"));
        }
        yield common(b, c).build();
      }
      case "RandomRotation" -> affine(isPair(c, "factor")
          ? RandomRotation.builder(first(c, "factor"), second(c, "factor"))
          : RandomRotation.builder(first(c, "factor")), c).build();
      case "RandomTranslation" -> affine(isPair(c, "height_factor")
          ? RandomTranslation.builder(first(c, "height_factor"), second(c, "height_factor"),
              first(c, "width_factor"), second(c, "width_factor"))
          : RandomTranslation.builder(first(c, "height_factor"), first(c, "width_factor")), c).build();
      case "RandomZoom" -> {
        RandomZoom.Builder b = isPair(c, "height_factor")
            ? RandomZoom.builder(first(c, "height_factor"), second(c, "height_factor"))
            : RandomZoom.builder(first(c, "height_factor"));
        if (isPair(c, "width_factor")) {
          b.widthFactor(first(c, "width_factor"), second(c, "width_factor"));
        } else if (c.has("width_factor")) {
          b.widthFactor(first(c, "width_factor"));
        }
        yield affine(b, c).build();
      }
      case "RandomShear" -> {
        RandomShear.Builder b = RandomShear.builder();
        if (isPair(c, "x_factor")) {
          b.xFactor(first(c, "x_factor"), second(c, "x_factor"));
        } else if (c.has("x_factor")) {
          b.xFactor(first(c, "x_factor"));
        }
        if (isPair(c, "y_factor")) {
          b.yFactor(first(c, "y_factor"), second(c, "y_factor"));
        } else if (c.has("y_factor")) {
          b.yFactor(first(c, "y_factor"));
        }
        yield affine(b, c).build();
      }
      case "Rescaling" -> {
        Rescaling.Builder b = c.get("scale").isJsonArray()
            ? Rescaling.builder(numbersOf(c.getAsJsonArray("scale")))
            : Rescaling.builder(c.get("scale").getAsDouble());
        if (c.has("offset")) {
          b.offset(c.get("offset").getAsDouble());
        }
        yield b.build();
      }
      case "Resizing" -> {
        Resizing.Builder b = Resizing.builder(c.get("height").getAsInt(), c.get("width").getAsInt());
        if (c.has("interpolation")) {
          b.interpolation(ResizeInterpolation.fromKeras(c.get("interpolation").getAsString()));
        }
        if (c.has("crop_to_aspect_ratio")) {
          b.cropToAspectRatio(c.get("crop_to_aspect_ratio").getAsBoolean());
        }
        if (c.has("pad_to_aspect_ratio")) {
          b.padToAspectRatio(c.get("pad_to_aspect_ratio").getAsBoolean());
        }
        if (c.has("fill_value")) {
          b.fillValue(c.get("fill_value").getAsDouble());
        }
        if (c.has("antialias")) {
          b.antialias(c.get("antialias").getAsBoolean());
        }
        yield common(b, c).build();
      }
      case "CenterCrop" -> common(CenterCrop.builder(c.get("height").getAsInt(), c.get("width").getAsInt()), c)
          .build();
      case "RandomCrop" -> common(RandomCrop.builder(c.get("height").getAsInt(), c.get("width").getAsInt()), c)
          .build();
      case "RandomPerspective" -> {
        RandomPerspective.Builder b = RandomPerspective.builder();
        if (isPair(c, "factor")) {
          b.factor(first(c, "factor"), second(c, "factor"));
        } else if (c.has("factor")) {
          b.factor(first(c, "factor"));
        }
        if (c.has("scale")) {
          b.scale(c.get("scale").getAsDouble());
        }
        if (c.has("interpolation")) {
          b.interpolation(Interpolation.fromKeras(c.get("interpolation").getAsString()));
        }
        if (c.has("fill_value")) {
          b.fillValue(c.get("fill_value").getAsDouble());
        }
        yield common(b, c).build();
      }
      case "Pipeline" -> {
        java.util.List<AugmentationLayer> layers = new java.util.ArrayList<>();
        for (JsonElement e : c.getAsJsonArray("layers")) {
          JsonArray pair = e.getAsJsonArray();
          layers.add(of(pair.get(0).getAsString(), pair.get(1).getAsJsonObject()));
        }
        yield Pipeline.of(layers);
      }
      default -> throw new IllegalArgumentException("no tuna layer for " + className);
    };
  }

  static <B extends PreprocessingBuilder<?, B>> B common(B b, JsonObject c) {
    if (c.has("seed")) {
      ((LayerBuilder<?, ?>) b).seed(c.get("seed").getAsLong());
    }
    if (c.has("data_format")) {
      b.dataFormat(dev.tuna.augment.DataFormat.fromKeras(c.get("data_format").getAsString()));
    }
    if (c.has("bounding_box_format")) {
      b.boundingBoxFormat(c.get("bounding_box_format").getAsString());
    }
    return b;
  }

  static <B extends AffineBuilder<?, B>> B affine(B b, JsonObject c) {
    if (c.has("fill_mode")) {
      b.fillMode(dev.tuna.augment.FillMode.fromKeras(c.get("fill_mode").getAsString()));
    }
    if (c.has("interpolation")) {
      b.interpolation(Interpolation.fromKeras(c.get("interpolation").getAsString()));
    }
    if (c.has("fill_value")) {
      b.fillValue(c.get("fill_value").getAsDouble());
    }
    return common(b, c);
  }

  static double[] numbers(JsonObject c, String key) {
    return isPair(c, key) ? new double[] {first(c, key), second(c, key)} : new double[] {first(c, key)};
  }

  static double[] numbersOf(JsonArray a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  static boolean isPair(JsonObject c, String key) {
    return c.has(key) && c.get(key).isJsonArray();
  }

  static double first(JsonObject c, String key) {
    JsonElement e = c.get(key);
    return e.isJsonArray() ? e.getAsJsonArray().get(0).getAsDouble() : e.getAsDouble();
  }

  static double second(JsonObject c, String key) {
    JsonArray a = c.getAsJsonArray(key);
    return a.get(1).getAsDouble();
  }
}
