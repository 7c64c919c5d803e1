package dev.tuna.augment.layers;

import static dev.tuna.augment.layers.KerasLayers.common;
import static dev.tuna.augment.layers.KerasLayers.first;
import static dev.tuna.augment.layers.KerasLayers.isPair;
import static dev.tuna.augment.layers.KerasLayers.second;

import com.google.gson.JsonObject;

/** Builds the tuna layer for a policy fixture's Keras class name and constructor kwargs. */
final class PolicyLayers {
  private PolicyLayers() {}

  static AugmentationLayer of(String className, JsonObject c, Long pySeed) {
    return switch (className) {
      case "Solarization" -> {
        Solarization.Builder b = Solarization.builder();
        if (isPair(c, "addition_factor")) {
          b.additionFactor(first(c, "addition_factor"), second(c, "addition_factor"));
        } else if (c.has("addition_factor")) {
          b.additionFactor(first(c, "addition_factor"));
        }
        if (isPair(c, "threshold_factor")) {
          b.thresholdFactor(first(c, "threshold_factor"), second(c, "threshold_factor"));
        } else if (c.has("threshold_factor")) {
          b.thresholdFactor(first(c, "threshold_factor"));
        }
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "RandomInvert" -> {
        RandomInvert.Builder b = !c.has("factor") ? RandomInvert.builder()
            : isPair(c, "factor") ? RandomInvert.builder(first(c, "factor"), second(c, "factor"))
            : RandomInvert.builder(first(c, "factor"));
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "RandomPosterization" -> {
        RandomPosterization.Builder b = isPair(c, "factor")
            ? RandomPosterization.builder((int) first(c, "factor"), (int) second(c, "factor"))
            : RandomPosterization.builder((int) first(c, "factor"));
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "AutoContrast" -> {
        AutoContrast.Builder b = AutoContrast.builder();
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "Equalization" -> {
        Equalization.Builder b = Equalization.builder();
        valueRange(c, b::valueRange);
        if (c.has("bins")) {
          b.bins(c.get("bins").getAsInt());
        }
        yield common(b, c).build();
      }
      case "RandomColorDegeneration" -> {
        RandomColorDegeneration.Builder b = isPair(c, "factor")
            ? RandomColorDegeneration.builder(first(c, "factor"), second(c, "factor"))
            : RandomColorDegeneration.builder(first(c, "factor"));
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "RandomSharpness" -> {
        RandomSharpness.Builder b = isPair(c, "factor")
            ? RandomSharpness.builder(first(c, "factor"), second(c, "factor"))
            : RandomSharpness.builder(first(c, "factor"));
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "RandomGaussianBlur" -> {
        RandomGaussianBlur.Builder b = !c.has("factor") ? RandomGaussianBlur.builder()
            : isPair(c, "factor") ? RandomGaussianBlur.builder(first(c, "factor"), second(c, "factor"))
            : RandomGaussianBlur.builder(first(c, "factor"));
        if (isPair(c, "kernel_size")) {
          b.kernelSize((int) first(c, "kernel_size"), (int) second(c, "kernel_size"));
        } else if (c.has("kernel_size")) {
          b.kernelSize((int) first(c, "kernel_size"));
        }
        if (isPair(c, "sigma")) {
          b.sigma(first(c, "sigma"), second(c, "sigma"));
        } else if (c.has("sigma")) {
          b.sigma(first(c, "sigma"));
        }
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      case "RandAugment" -> {
        RandAugment.Builder b = RandAugment.builder();
        valueRange(c, b::valueRange);
        if (c.has("num_ops")) {
          b.numOps(c.get("num_ops").getAsInt());
        }
        if (isPair(c, "factor")) {
          b.factor(first(c, "factor"), second(c, "factor"));
        } else if (c.has("factor")) {
          b.factor(first(c, "factor"));
        }
        if (c.has("interpolation")) {
          b.interpolation(Interpolation.fromKeras(c.get("interpolation").getAsString()));
        }
        yield common(b, c).build();
      }
      case "AugMix" -> {
        AugMix.Builder b = AugMix.builder();
        valueRange(c, b::valueRange);
        if (c.has("num_chains")) {
          b.numChains(c.get("num_chains").getAsInt());
        }
        if (c.has("chain_depth")) {
          b.chainDepth(c.get("chain_depth").getAsInt());
        }
        if (isPair(c, "factor")) {
          b.factor(first(c, "factor"), second(c, "factor"));
        } else if (c.has("factor")) {
          b.factor(first(c, "factor"));
        }
        if (c.has("alpha")) {
          b.alpha(c.get("alpha").getAsDouble());
        }
        if (c.has("all_ops")) {
          b.allOps(c.get("all_ops").getAsBoolean());
        }
        if (c.has("interpolation")) {
          b.interpolation(Interpolation.fromKeras(c.get("interpolation").getAsString()));
        }
        if (pySeed != null) {
          b.choiceSeed(pySeed);
        }
        yield common(b, c).build();
      }
      case "RandomElasticTransform" -> {
        RandomElasticTransform.Builder b = !c.has("factor") ? RandomElasticTransform.builder()
            : isPair(c, "factor") ? RandomElasticTransform.builder(first(c, "factor"), second(c, "factor"))
            : RandomElasticTransform.builder(first(c, "factor"));
        if (isPair(c, "scale")) {
          b.scale(first(c, "scale"), second(c, "scale"));
        } else if (c.has("scale")) {
          b.scale(first(c, "scale"));
        }
        if (c.has("interpolation")) {
          b.interpolation(Interpolation.fromKeras(c.get("interpolation").getAsString()));
        }
        if (c.has("fill_mode")) {
          b.fillMode(dev.tuna.augment.FillMode.fromKeras(c.get("fill_mode").getAsString()));
        }
        if (c.has("fill_value")) {
          b.fillValue(c.get("fill_value").getAsDouble());
        }
        valueRange(c, b::valueRange);
        yield common(b, c).build();
      }
      default -> KerasLayers.of(className, c);
    };
  }

  interface RangeSetter {
    Object set(double low, double high);
  }

  static void valueRange(JsonObject c, RangeSetter setter) {
    if (c.has("value_range")) {
      setter.set(first(c, "value_range"), second(c, "value_range"));
    }
  }
}
