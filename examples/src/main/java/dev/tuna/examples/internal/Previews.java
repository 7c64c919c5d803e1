package dev.tuna.examples.internal;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.layers.AugmentationLayer;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.MixUp;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.augment.layers.RandomBrightness;
import dev.tuna.augment.layers.RandomColorJitter;
import dev.tuna.augment.layers.RandomContrast;
import dev.tuna.augment.layers.RandomErasing;
import dev.tuna.augment.layers.RandomFlip;
import dev.tuna.augment.layers.RandomRotation;
import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * {@code count} copies of {@code image} as one batch through a Keras 3 {@code layer} in training mode (each copy
   * gets its own draw from the layer's seed stream, as in a Keras batch), returned one image per copy.
   */
  public static List<Image> layerSamples(AugmentationLayer layer, Image image, int count) {
    int n = image.data().length;
    float[] batch = new float[n * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(image.data(), 0, batch, i * n, n);
    }
    LayerBatch out = layer.apply(LayerBatch.of(batch, count, image.height(), image.width(), image.channels()));
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(Image.wrap(out.height(), out.width(), out.channels(),
          Arrays.copyOfRange(out.images(), i * n, (i + 1) * n)));
    }
    return images;
  }

  /** The original followed by the samples, captioned with their non-neutral parameters. */
  public static BufferedImage grid(Image original, List<Sample> samples, String title, boolean scale) {
    List<Image> images = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (Sample s : samples) {
      images.add(s.image());
      captions.add(caption(s.params()));
    }
    return grid(original, images, captions, title, scale);
  }

  /** The original followed by {@code images}, each with its caption, in a square-ish grid under {@code title}. */
  public static BufferedImage grid(Image original, List<Image> images, List<String> captions, String title,
      boolean scale) {
    List<BufferedImage> tiles = new ArrayList<>();
    List<String> all = new ArrayList<>();
    tiles.add(Pngs.toBuffered(original, false));
    all.add("original");
    for (Image image : images) {
      tiles.add(Pngs.toBuffered(image, scale));
    }
    all.addAll(captions);
    return Pngs.grid(tiles, all, (int) Math.ceil(Math.sqrt(tiles.size())), title);
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
   * ±10°, the lecture's generator with everything together (8 samples each), the four fill modes side by side
   * for one strong transform, then the lecture's "other methods" with Keras 3 layers (see {@link #otherMethods}).
   * Returns slide name to PNG file.
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
    i++;
    for (Map.Entry<String, Map.Entry<String, AugmentationLayer>> e : otherMethods(seed).entrySet()) {
      Path file = dir.resolve(String.format(Locale.ROOT, "%d-%s.png", i + 1, e.getKey()));
      List<Image> images = layerSamples(e.getValue().getValue(), photo, 8);
      List<String> captions = new ArrayList<>();
      for (int k = 0; k < images.size(); k++) {
        captions.add(String.format(Locale.ROOT, "draw %d (seed %d)", k + 1, seed));
      }
      Pngs.write(file, grid(photo, images, captions, e.getValue().getKey(), false));
      out.put(e.getKey(), file);
      i++;
    }
    return out;
  }

  /**
   * The lecture's "other methods" as seeded Keras 3 layers, slide name to (title, layer): colour (hue and
   * saturation jitter), brightness and contrast, Cutout ({@code RandomErasing}, always erasing) and Mixup (of
   * randomly flipped and rotated copies, since mixing identical copies changes nothing; alpha 2 keeps the weights
   * near 0.5). Fresh layer objects on every call.
   */
  public static Map<String, Map.Entry<String, AugmentationLayer>> otherMethods(long seed) {
    Map<String, Map.Entry<String, AugmentationLayer>> m = new LinkedHashMap<>();
    m.put("colour", Map.entry("RandomColorJitter(saturation_factor=(0.1, 0.9), hue_factor=0.3)",
        RandomColorJitter.builder().saturationFactor(0.1, 0.9).hueFactor(0.3).seed(seed).build()));
    m.put("brightness-contrast", Map.entry("RandomBrightness(0.3), RandomContrast(0.5)",
        Pipeline.of(RandomBrightness.builder(0.3).seed(seed).build(),
            RandomContrast.builder(0.5).seed(seed + 1).build())));
    m.put("cutout", Map.entry("RandomErasing(factor=(1.0, 1.0), scale=(0.05, 0.2)) (Cutout)",
        RandomErasing.builder(1.0, 1.0).scale(0.05, 0.2).seed(seed).build()));
    m.put("mixup", Map.entry("RandomFlip(\"horizontal_and_vertical\"), RandomRotation(0.1), MixUp(alpha=2.0)",
        Pipeline.of(RandomFlip.builder(RandomFlip.Mode.HORIZONTAL_AND_VERTICAL).seed(seed).build(),
            RandomRotation.builder(0.1).seed(seed + 1).build(), MixUp.builder(2.0).seed(seed + 2).build())));
    return m;
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
