package dev.tuna.examples.cli;

import dev.tuna.augment.DataFormat;
import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Every {@code ImageDataGenerator} constructor option as a command-line flag, spelled like Keras' keyword with
 * dashes. Values keep Python's meaning: {@code --width-shift-range 0.2} is a float range, {@code 3} an int range and
 * {@code [-8,0,8]} a list of choices.
 */
final class GeneratorOptions {
  @Option(names = "--featurewise-center", arity = "0..1", description = "Subtract the fitted per-channel mean.")
  boolean featurewiseCenter;

  @Option(names = "--samplewise-center", arity = "0..1", description = "Subtract each image's mean.")
  boolean samplewiseCenter;

  @Option(names = "--featurewise-std-normalization", arity = "0..1",
      description = "Divide by the fitted per-channel std.")
  boolean featurewiseStdNormalization;

  @Option(names = "--samplewise-std-normalization", arity = "0..1", description = "Divide each image by its std.")
  boolean samplewiseStdNormalization;

  @Option(names = "--zca-whitening", arity = "0..1", description = "ZCA whitening (needs fitted statistics).")
  boolean zcaWhitening;

  @Option(names = "--zca-epsilon", description = "ZCA regulariser (default: ${DEFAULT-VALUE}).")
  double zcaEpsilon = ImageDataGenerator.DEFAULT_ZCA_EPSILON;

  @Option(names = "--rotation-range", description = "Rotation range in degrees.")
  double rotationRange;

  @Option(names = "--width-shift-range", description = "Float fraction/pixels, int pixels, or [a,b,...] choices.")
  String widthShiftRange;

  @Option(names = "--height-shift-range", description = "Float fraction/pixels, int pixels, or [a,b,...] choices.")
  String heightShiftRange;

  @Option(names = "--brightness-range", description = "Two PIL brightness factors, e.g. 0.8,1.2.")
  String brightnessRange;

  @Option(names = "--shear-range", description = "Shear range in degrees.")
  double shearRange;

  @Option(names = "--zoom-range", description = "z for [1-z, 1+z], or low,high.")
  String zoomRange;

  @Option(names = "--channel-shift-range", description = "Channel shift range.")
  double channelShiftRange;

  @Option(names = "--fill-mode", description = "constant, nearest, reflect, wrap or mirror (default: nearest).")
  String fillMode;

  @Option(names = "--cval", description = "Fill value for constant mode.")
  double cval;

  @Option(names = "--horizontal-flip", arity = "0..1", description = "Random horizontal flips.")
  boolean horizontalFlip;

  @Option(names = "--vertical-flip", arity = "0..1", description = "Random vertical flips.")
  boolean verticalFlip;

  @Option(names = "--rescale", description = "Rescale factor, e.g. 1/255.")
  String rescale;

  @Option(names = "--data-format", description = "channels_last (default) or channels_first.")
  String dataFormat;

  @Option(names = "--validation-split", description = "Fraction for the validation subset.")
  double validationSplit;

  @Option(names = "--interpolation-order", description = "Warp spline order, 0 or 1 (default: 1).")
  Integer interpolationOrder;

  @Option(names = "--dtype", description = "Output dtype (float32).")
  String dtype;

  @Option(names = "--precision", description = "Bilinear warp arithmetic: float32 (default; within 2e-4 of Keras on the "
      + "0-255 scale) or exact (bit-identical to Keras).")
  String precision;

  @Option(names = "--fix-known-bugs", arity = "0..1",
      description = "Correct Keras' swapped shift axes and non-square centre.")
  boolean fixKnownBugs;

  /** A builder with every option that was given. */
  ImageDataGenerator.Builder toBuilder() {
    ImageDataGenerator.Builder b = ImageDataGenerator.builder()
        .featurewiseCenter(featurewiseCenter).samplewiseCenter(samplewiseCenter)
        .featurewiseStdNormalization(featurewiseStdNormalization)
        .samplewiseStdNormalization(samplewiseStdNormalization).zcaWhitening(zcaWhitening).zcaEpsilon(zcaEpsilon)
        .rotationRange(rotationRange).shearRange(shearRange).channelShiftRange(channelShiftRange).cval(cval)
        .horizontalFlip(horizontalFlip).verticalFlip(verticalFlip).validationSplit(validationSplit)
        .fixKnownBugs(fixKnownBugs);
    if (widthShiftRange != null) {
      applyShift(widthShiftRange, "--width-shift-range", b, true);
    }
    if (heightShiftRange != null) {
      applyShift(heightShiftRange, "--height-shift-range", b, false);
    }
    if (brightnessRange != null) {
      b.brightnessRange(numbers(brightnessRange, "--brightness-range"));
    }
    if (zoomRange != null) {
      List<Double> z = numbers(zoomRange, "--zoom-range");
      if (z.size() == 1 && !zoomRange.trim().startsWith("[")) {
        b.zoomRange(z.get(0));
      } else {
        b.zoomRange(z);
      }
    }
    if (fillMode != null) {
      b.fillMode(FillMode.fromKeras(fillMode));
    }
    if (rescale != null) {
      b.rescale(parseNumber(rescale, "--rescale"));
    }
    if (dataFormat != null) {
      b.dataFormat(DataFormat.fromKeras(dataFormat));
    }
    if (interpolationOrder != null) {
      b.interpolationOrder(interpolationOrder);
    }
    if (dtype != null) {
      b.dtype(dtype);
    }
    if (precision != null) {
      b.precision(precision(precision));
    }
    return b;
  }

  private static Precision precision(String value) {
    for (Precision p : Precision.values()) {
      if (p.name().equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("--precision must be float32 or exact but was " + value);
  }

  private static void applyShift(String value, String option, ImageDataGenerator.Builder b, boolean width) {
    String v = value.trim();
    if (v.startsWith("[") || v.contains(",")) {
      List<Double> choices = numbers(v, option);
      if (width) {
        b.widthShiftRange(choices);
      } else {
        b.heightShiftRange(choices);
      }
    } else if (v.matches("[+-]?\\d+")) {
      int n = Integer.parseInt(v);
      if (width) {
        b.widthShiftRange(n);
      } else {
        b.heightShiftRange(n);
      }
    } else {
      double f = parseNumber(v, option);
      if (width) {
        b.widthShiftRange(f);
      } else {
        b.heightShiftRange(f);
      }
    }
  }

  /** Parses {@code a,b}, {@code [a, b]} or a single number. */
  static List<Double> numbers(String value, String option) {
    String v = value.trim();
    if (v.startsWith("[") || v.startsWith("(")) {
      v = v.substring(1, v.length() - 1);
    }
    List<Double> out = new ArrayList<>();
    if (v.isBlank()) {
      return out;
    }
    for (String part : v.split(",")) {
      out.add(parseNumber(part, option));
    }
    return out;
  }

  /** Parses a number or a fraction such as {@code 1/255}. */
  static double parseNumber(String value, String option) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      int slash = v.indexOf('/');
      if (slash > 0) {
        return Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
      }
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number but was " + value, e);
    }
  }
}
