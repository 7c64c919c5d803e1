package dev.tuna.examples.internal;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.TransformParameters;
import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Augmentation previews: seeded samples of a generator, captioned with the drawn parameters, as PNG grids. */
public final class Previews {
  /** One augmented sample and the Keras parameters that produced it. */
  public record Sample(Image image, TransformParameters params) {}

  private Previews() {}

  /**
   * {@code count} samples: sample {@code i} is Keras' {@code random_transform(x, seed + i)} followed by
   * {@code standardize}.
   */
  public static List<Sample> samples(ImageDataGenerator gen, Image image, int count, long seed) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TransformParameters p = gen.getRandomTransform(image, seed + i);
      out.add(new Sample(gen.standardize(gen.applyTransform(image, p)), p));
    }
    return out;
  }

  /** Whether pixel values leave [0, 255], so PNGs need Keras' min-max stretch ({@code array_to_img(scale=True)}). */
  public static boolean rescales(ImageDataGenerator gen) {
    return (gen.rescale() != 0 && gen.rescale() != 1) || gen.samplewiseCenter() || gen.samplewiseStdNormalization()
        || gen.featurewiseCenter() || gen.featurewiseStdNormalization() || gen.zcaWhitening();
  }

  /** The original followed by the samples, captioned with their non-neutral parameters. */
  public static BufferedImage grid(Image original, List<Sample> samples, String title, boolean scale) {
    List<BufferedImage> tiles = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    tiles.add(Pngs.toBuffered(original, false));
    captions.add("original");
    for (Sample s : samples) {
      tiles.add(Pngs.toBuffered(s.image(), scale));
      captions.add(caption(s.params()));
    }
    return Pngs.grid(tiles, captions, (int) Math.ceil(Math.sqrt(tiles.size())), title);
  }

  /** A short description of what {@code p} does, e.g. {@code "θ -12.3° zoom 0.91×1.07"}. */
  public static String caption(TransformParameters p) {
    List<String> parts = new ArrayList<>();
    if (p.theta() != 0) {
      parts.add(String.format(Locale.ROOT, "θ %.1f°", p.theta()));
    }
    if (p.tx() != 0 || p.ty() != 0) {
      parts.add(String.format(Locale.ROOT, "shift %.0f,%.0f", p.tx(), p.ty()));
    }
    if (p.shear() != 0) {
      parts.add(String.format(Locale.ROOT, "shear %.1f°", p.shear()));
    }
    if (p.zx() != 1 || p.zy() != 1) {
      parts.add(String.format(Locale.ROOT, "zoom %.2f×%.2f", p.zx(), p.zy()));
    }
    if (p.flipHorizontal()) {
      parts.add("h-flip");
    }
    if (p.flipVertical()) {
      parts.add("v-flip");
    }
    if (p.channelShiftIntensity() != null) {
      parts.add(String.format(Locale.ROOT, "ch %+.0f", p.channelShiftIntensity()));
    }
    if (p.brightness() != null) {
      parts.add(String.format(Locale.ROOT, "bright %.2f", p.brightness()));
    }
    return parts.isEmpty() ? "unchanged" : String.join(" ", parts);
  }

  /**
   * The lecture's augmentation slides for {@code photo}: flips, rotation ±30°, zoom ±20 %, shifts ±20 %, shear
   * ±10°, the lecture's generator with everything together (8 samples each), and the four fill modes side by side
   * for one strong transform. Returns slide name to PNG file.
   */
  public static Map<String, Path> lectureSlides(Image photo, Path dir, long seed) throws IOException {
    Map<String, ImageDataGenerator> slides = new LinkedHashMap<>();
    slides.put("flips", ImageDataGenerator.builder().horizontalFlip(true).verticalFlip(true).build());
    slides.put("rotation", ImageDataGenerator.builder().rotationRange(30).build());
    slides.put("zoom", ImageDataGenerator.builder().zoomRange(0.2).build());
    slides.put("shift", ImageDataGenerator.builder().widthShiftRange(0.2).heightShiftRange(0.2).build());
    slides.put("shear", ImageDataGenerator.builder().shearRange(10).build());
    slides.put("lecture", FineTuneJob.lectureAugmentation());
    String[] titles = {"horizontal_flip=True, vertical_flip=True", "rotation_range=30",
        "zoom_range=0.2", "width_shift_range=0.2, height_shift_range=0.2", "shear_range=10",
        "rotation 30, shifts 0.2, shear 10, zoom 0.2, horizontal flip (the lecture's generator)"};
    Map<String, Path> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, ImageDataGenerator> e : slides.entrySet()) {
      Path file = dir.resolve(String.format(Locale.ROOT, "%d-%s.png", i + 1, e.getKey()));
      Pngs.write(file, grid(photo, samples(e.getValue(), photo, 8, seed), titles[i], false));
      out.put(e.getKey(), file);
      i++;
    }
    Path fill = dir.resolve(String.format(Locale.ROOT, "%d-fill-modes.png", i + 1));
    Pngs.write(fill, fillModes(photo));
    out.put("fill-modes", fill);
    return out;
  }

  /** One zoom-out + rotation + shift rendered with constant, nearest, reflect and wrap. */
  public static BufferedImage fillModes(Image photo) {
    TransformParameters p = TransformParameters.fromMap(Map.of("theta", 20.0, "tx", -0.15 * photo.height(),
        "ty", 0.2 * photo.width(), "zx", 1.4, "zy", 1.4));
    List<BufferedImage> tiles = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (FillMode mode : List.of(FillMode.CONSTANT, FillMode.NEAREST, FillMode.REFLECT, FillMode.WRAP)) {
      ImageDataGenerator gen = ImageDataGenerator.builder().fillMode(mode).build();
      tiles.add(Pngs.toBuffered(gen.applyTransform(photo, p), false));
      captions.add("fill_mode=\"" + mode.kerasName() + "\"");
    }
    return Pngs.grid(tiles, captions, 4, "θ 20°, shift, zoom 1.4 (zoomed out): how each fill mode fills the gap");
  }
}
