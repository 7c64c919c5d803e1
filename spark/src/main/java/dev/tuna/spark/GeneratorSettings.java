package dev.tuna.spark;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ImageDataGenerator} options given as text, spelled and valued like {@code tuna flow}'s flags: the key is the
 * builder method ({@code rotationRange}) or the flag ({@code --rotation-range}); {@code widthShiftRange} {@code 0.2}
 * is a float range, {@code 3} an int range and {@code [-8,0,8]} a list of choices; {@code rescale} may be
 * {@code 1/255}.
 */
final class GeneratorSettings {
  /** The options a distributed run supports: everything that needs no fitted statistics or Java function. */
  static final Set<String> NAMES = Set.of("samplewiseCenter", "samplewiseStdNormalization", "rotationRange",
      "widthShiftRange", "heightShiftRange", "brightnessRange", "shearRange", "zoomRange", "channelShiftRange",
      "fillMode", "cval", "horizontalFlip", "verticalFlip", "rescale", "interpolationOrder", "fixKnownBugs");

  private GeneratorSettings() {}

  /** {@code --width-shift-range} or {@code widthShiftRange} → {@code widthShiftRange}. */
  static String canonical(String key) {
    String k = key.startsWith("--") ? key.substring(2) : key;
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char ch : k.toCharArray()) {
      if (ch == '-' || ch == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    String name = sb.toString();
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("generator option " + key + " is not supported on Spark; supported: "
          + new java.util.TreeSet<>(NAMES));
    }
    return name;
  }

  /** A generator with the given options (keys in canonical form). */
  static ImageDataGenerator build(Map<String, String> options) {
    ImageDataGenerator.Builder b = ImageDataGenerator.builder();
    for (Map.Entry<String, String> e : options.entrySet()) {
      apply(b, e.getKey(), e.getValue().trim());
    }
    return b.build();
  }

  private static void apply(ImageDataGenerator.Builder b, String name, String v) {
    switch (name) {
      case "samplewiseCenter" -> b.samplewiseCenter(bool(name, v));
      case "samplewiseStdNormalization" -> b.samplewiseStdNormalization(bool(name, v));
      case "rotationRange" -> b.rotationRange(number(v, name));
      case "widthShiftRange", "heightShiftRange" -> shift(b, name, v);
      case "brightnessRange" -> b.brightnessRange(numbers(v, name));
      case "shearRange" -> b.shearRange(number(v, name));
      case "zoomRange" -> {
        List<Double> z = numbers(v, name);
        if (z.size() == 1 && !v.startsWith("[")) {
          b.zoomRange(z.get(0));
        } else {
          b.zoomRange(z);
        }
      }
      case "channelShiftRange" -> b.channelShiftRange(number(v, name));
      case "fillMode" -> b.fillMode(FillMode.fromKeras(v));
      case "cval" -> b.cval(number(v, name));
      case "horizontalFlip" -> b.horizontalFlip(bool(name, v));
      case "verticalFlip" -> b.verticalFlip(bool(name, v));
      case "rescale" -> b.rescale(number(v, name));
      case "interpolationOrder" -> b.interpolationOrder(integer(v, name));
      case "fixKnownBugs" -> b.fixKnownBugs(bool(name, v));
      default -> throw new IllegalArgumentException("generator option " + name + " is not supported on Spark");
    }
  }

  private static void shift(ImageDataGenerator.Builder b, String name, String v) {
    boolean width = name.equals("widthShiftRange");
    if (v.startsWith("[") || v.contains(",")) {
      List<Double> choices = numbers(v, name);
      if (width) {
        b.widthShiftRange(choices);
      } else {
        b.heightShiftRange(choices);
      }
    } else if (v.matches("[+-]?\\d+")) {
      if (width) {
        b.widthShiftRange(integer(v, name));
      } else {
        b.heightShiftRange(integer(v, name));
      }
    } else if (width) {
      b.widthShiftRange(number(v, name));
    } else {
      b.heightShiftRange(number(v, name));
    }
  }

  static boolean bool(String name, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false but was " + v);
    };
  }

  private static int integer(String v, String name) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer but was " + v, e);
    }
  }

  private static List<Double> numbers(String value, String name) {
    String v = value.trim();
    if (v.startsWith("[") || v.startsWith("(")) {
      v = v.substring(1, v.length() - 1);
    }
    List<Double> out = new ArrayList<>();
    if (!v.isBlank()) {
      for (String part : v.split(",")) {
        out.add(number(part, name));
      }
    }
    return out;
  }

  /** A number or a fraction such as {@code 1/255}. */
  static double number(String value, String name) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      int slash = v.indexOf('/');
      if (slash > 0) {
        return Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
      }
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was " + value, e);
    }
  }
}
