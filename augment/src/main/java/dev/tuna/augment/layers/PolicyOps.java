package dev.tuna.augment.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operations {@link RandAugment} and {@link AugMix} choose from, built as Keras builds them from the policy's
 * {@code factor} (a sorted pair in [0, 1]), {@code value_range}, {@code interpolation}, seed and formats, and the
 * calls into them with a transformation of unknown type.
 */
final class PolicyOps {
  private PolicyOps() {}

  /** The named operations, in Keras' attribute names, built from the policy's options and resolved seed. */
  static Map<String, BaseLayer<?>> build(PolicyBuilder<?, ?> p, long seed) {
    double f0 = p.factor[0];
    double f1 = p.factor[1];
    double lo = p.valueRange.low();
    double hi = p.valueRange.high();
    Interpolation interpolation = p.interpolation.get();
    Map<String, BaseLayer<?>> m = new LinkedHashMap<>();
    m.put("random_shear", common(RandomShear.builder().xFactor(f0, f1).yFactor(f0, f1)
        .interpolation(interpolation), p, seed).build());
    m.put("random_translation", common(RandomTranslation.builder(f0, f1, f0, f1).interpolation(interpolation), p,
        seed).build());
    m.put("random_rotation", common(RandomRotation.builder(f0, f1).interpolation(interpolation), p, seed).build());
    m.put("random_brightness", common(RandomBrightness.builder(f0, f1).valueRange(lo, hi), p, seed).build());
    m.put("random_color_degeneration", common(RandomColorDegeneration.builder(f0, f1).valueRange(lo, hi), p, seed)
        .build());
    m.put("random_contrast", common(RandomContrast.builder(f0, f1).valueRange(lo, hi), p, seed).build());
    m.put("random_sharpness", common(RandomSharpness.builder(f0, f1).valueRange(lo, hi), p, seed).build());
    m.put("random_posterization", common(RandomPosterization.builder(Math.max(1, (int) (8 * f1)))
        .valueRange(lo, hi), p, seed).build());
    m.put("solarization", common(Solarization.builder().additionFactor(f0, f1).thresholdFactor(f0, f1)
        .valueRange(lo, hi), p, seed).build());
    m.put("auto_contrast", common(AutoContrast.builder().valueRange(lo, hi), p, seed).build());
    m.put("equalization", common(Equalization.builder().valueRange(lo, hi), p, seed).build());
    return m;
  }

  private static <B extends LayerBuilder<?, B>> B common(B b, PolicyBuilder<?, ?> p, long seed) {
    b.seed(seed).dataFormat(p.dataFormat);
    if (p.boundingBoxFormat != null) {
      b.boundingBoxFormat(p.boundingBoxFormat);
    }
    return b;
  }

  /** Sets the policy's {@code interpolation} from its config where given. */
  static <B extends PolicyBuilder<?, B>> B applyInterpolation(LayerConfig config, B b) {
    if (config.has("interpolation")) {
      b.interpolation(interpolation(config));
    }
    return b;
  }

  /** The {@code interpolation} of a policy's config: nearest or bilinear. */
  static Interpolation interpolation(LayerConfig config) {
    String i = config.getString("interpolation", null);
    if (!i.equals("nearest") && !i.equals("bilinear")) {
      throw config.invalid("interpolation", "'nearest' or 'bilinear'");
    }
    return Interpolation.fromKeras(i);
  }

  /** The operation's {@code get_random_transformation(data, training=True, seed=gen)}. */
  static Object draw(BaseLayer<?> layer, LayerBatch batch, SeedGenerator gen) {
    return layer.randomTransformation(batch, true, gen);
  }

  /** The operation's {@code transform_images}. */
  static float[] images(BaseLayer<?> layer, LayerBatch batch, Object t) {
    return imagesOf(layer, batch, t);
  }

  @SuppressWarnings("unchecked")
  private static <T> float[] imagesOf(BaseLayer<T> layer, LayerBatch batch, Object t) {
    return layer.transformImages(batch, (T) t);
  }

  /** The operation's {@code transform_segmentation_masks}. */
  static float[] masks(BaseLayer<?> layer, LayerBatch batch, Object t) {
    return masksOf(layer, batch, t).data();
  }

  @SuppressWarnings("unchecked")
  private static <T> BaseLayer.Masks masksOf(BaseLayer<T> layer, LayerBatch batch, Object t) {
    return layer.transformMasks(batch, (T) t);
  }

  /** The operation's {@code transform_bounding_boxes}. */
  static BoundingBoxes boxes(BaseLayer<?> layer, LayerBatch batch, Object t) {
    return boxesOf(layer, batch, t);
  }

  @SuppressWarnings("unchecked")
  private static <T> BoundingBoxes boxesOf(BaseLayer<T> layer, LayerBatch batch, Object t) {
    return layer.transformBoxes(batch, (T) t);
  }
}
