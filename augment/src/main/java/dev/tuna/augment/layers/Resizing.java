package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireState;

import dev.tuna.augment.layers.internal.TfResize;

/**
 * {@code keras.layers.Resizing(height, width, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio,
 * fill_value, antialias)}: every image is resized to {@code height × width} with TF's {@code tf.image.resize}
 * (bilinear, nearest, bicubic, area, lanczos3 or lanczos5, see {@link ResizeInterpolation}), in training and in
 * inference alike. With {@code cropToAspectRatio} the largest centred window of the target
 * aspect ratio is cut out first; with {@code padToAspectRatio} rows or columns of {@code fillValue} are added on both
 * sides first (Keras pads {@code floor(pad / 2)} on each side, so an odd padding loses one row). Masks take the same
 * path with nearest interpolation (and the same fill value); boxes are scaled (and shifted) as Keras does, clipped to
 * the new size, boxes left without area get label {@code -1}, and all-zero or all-{@code -1} padding boxes become
 * zeros. Not random: it has no seed.
 */
public final class Resizing extends SizedLayer {
  private final ResizeInterpolation interpolation;
  private final boolean cropToAspectRatio;
  private final boolean padToAspectRatio;
  private final float fillValue;
  private final boolean antialias;

  private Resizing(Builder b) {
    super(b, b.size);
    this.interpolation = b.interpolation.get();
    this.cropToAspectRatio = b.cropToAspectRatio.get();
    this.padToAspectRatio = b.padToAspectRatio.get();
    this.fillValue = b.fillValue.get();
    this.antialias = b.antialias.get();
  }

  /**
   * A builder for {@code Resizing(height, width)}.
   *
   * @param height the output height, positive
   * @param width the output width, positive
   * @return the builder
   */
  public static Builder builder(int height, int width) {
    return new Builder(new Size(height, width));
  }

  /** Building it draws no default seed (it has no randomness). */
  static int seedDraws(LayerConfig config) {
    return 0;
  }

  @Override
  float[] transformImages(LayerBatch batch, int[] t) {
    return resize(batch.images(), batch.size(), batch.height(), batch.width(), batch.channels(),
        interpolation.kernel(), antialias);
  }

  @Override
  Masks transformMasks(LayerBatch batch, int[] t) {
    return new Masks(resize(batch.masks(), batch.size(), batch.height(), batch.width(), batch.maskChannels(),
        TfResize.Method.NEAREST, false), batch.maskChannels());
  }

  /** Keras' TF {@code resize}: the aspect-ratio crop or pad (float32 sizes, as TF computes them), then the kernel. */
  private float[] resize(float[] src, int n, int h, int w, int c, TfResize.Method method, boolean aa) {
    float[] in = src;
    int ih = h;
    int iw = w;
    if (cropToAspectRatio) {
      int cropH = Math.max(Math.min(h, (int) ((float) (w * height) / (float) width)), 1);
      int cropW = Math.max(Math.min(w, (int) ((float) (h * width) / (float) height)), 1);
      int top = (int) ((float) (h - cropH) / 2f);
      int left = (int) ((float) (w - cropW) / 2f);
      in = Crops.window(src, n, h, w, c, top, left, cropH, cropW);
      ih = cropH;
      iw = cropW;
    } else if (padToAspectRatio) {
      int padH = Math.max(h, (int) ((float) (w * height) / (float) width));
      int padW = Math.max(w, (int) ((float) (h * width) / (float) height));
      int top = (int) ((float) (padH - h) / 2f);
      int left = (int) ((float) (padW - w) / 2f);
      ih = h + 2 * top;
      iw = w + 2 * left;
      in = Crops.pad(src, n, h, w, c, top, left, ih, iw, fillValue);
    }
    return TfResize.resize(in, n, ih, iw, c, height, width, method, aa);
  }

  @Override
  BoundingBoxes transformBoxes(LayerBatch batch, int[] t) {
    BoundingBoxes in = batch.boxes();
    BoxFormat format = BoxFormat.of(boundingBoxFormat);
    float h = batch.height();
    float w = batch.width();
    float th = height;
    float tw = width;
    float[] b = in.boxes().clone();
    int[] labels = in.labels().clone();
    float sx;
    float sy;
    float dx;
    float dy;
    if (padToAspectRatio) {
      float r = Math.min(th / h, tw / w);
      sx = r;
      sy = r;
      dx = (float) Math.floor((tw - w * r) / 2f);
      dy = (float) Math.floor((th - h * r) / 2f);
    } else if (cropToAspectRatio) {
      float source = w / h;
      float target = (float) ((double) width / height);
      float newW = source > target ? th * source : tw;
      float newH = source > target ? th : tw / source;
      sx = newW / w;
      sy = newH / h;
      dx = -(float) Math.floor((newW - tw) / 2f);
      dy = -(float) Math.floor((newH - th) / 2f);
    } else {
      sx = tw / w;
      sy = th / h;
      dx = 0;
      dy = 0;
    }
    for (int i = 0; i < labels.length; i++) {
      int o = 4 * i;
      boolean padding = allEqual(b, o, -1f) || allEqual(b, o, 0f);
      format.toXyxy(b, o, h, w);
      b[o] = clip(b[o] * sx + dx, tw);
      b[o + 1] = clip(b[o + 1] * sy + dy, th);
      b[o + 2] = clip(b[o + 2] * sx + dx, tw);
      b[o + 3] = clip(b[o + 3] * sy + dy, th);
      if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
        labels[i] = -1;
      }
      if (padding) {
        b[o] = 0;
        b[o + 1] = 0;
        b[o + 2] = 0;
        b[o + 3] = 0;
      }
      format.fromXyxy(b, o, th, tw);
    }
    return BoundingBoxes.of(in.batch(), in.maxBoxes(), b, labels);
  }

  private static boolean allEqual(float[] b, int o, float v) {
    return b[o] == v && b[o + 1] == v && b[o + 2] == v && b[o + 3] == v;
  }

  private static float clip(float v, float hi) {
    return Math.min(Math.max(v, 0f), hi);
  }

  @Override
  public String toString() {
    return "Resizing[" + height + "x" + width + ", " + interpolation.kerasName() + "]";
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys Resizing does not take and values Keras rejects
   */
  public static Resizing fromConfig(LayerConfig config) {
    config.checkKeys("height", "width", "interpolation", "crop_to_aspect_ratio", "pad_to_aspect_ratio", "fill_mode",
        "fill_value", "antialias", "data_format", "bounding_box_format");
    Builder b = builder(size(config, "height"), size(config, "width"));
    String interpolation = config.getString("interpolation", "bilinear");
    try {
      b.interpolation(ResizeInterpolation.fromKeras(interpolation));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Resizing config key 'interpolation': " + e.getMessage(), e);
    }
    if (!"constant".equals(config.getString("fill_mode", "constant"))) {
      throw config.invalid("fill_mode", "'constant' (the only mode Keras supports)");
    }
    b.antialias(config.getBoolean("antialias", false));
    b.cropToAspectRatio(config.getBoolean("crop_to_aspect_ratio", false));
    b.padToAspectRatio(config.getBoolean("pad_to_aspect_ratio", false));
    b.fillValue(config.getDouble("fill_value", 0));
    if (config.getBoolean("crop_to_aspect_ratio", false) && config.getBoolean("pad_to_aspect_ratio", false)) {
      throw new IllegalArgumentException(
          "Resizing: Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.");
    }
    return config.applyCommon(b).build();
  }

  /** Builder of {@link Resizing}. */
  public static final class Builder extends PreprocessingBuilder<Resizing, Builder> {
    private final Size size;
    private final SetOnce<ResizeInterpolation> interpolation =
        new SetOnce<>("interpolation", ResizeInterpolation.BILINEAR);
    private final SetOnce<Boolean> cropToAspectRatio = new SetOnce<>("cropToAspectRatio", false);
    private final SetOnce<Boolean> padToAspectRatio = new SetOnce<>("padToAspectRatio", false);
    private final FillValue fillValue = new FillValue();
    private final SetOnce<Boolean> antialias = new SetOnce<>("antialias", false);

    private Builder(Size size) {
      this.size = size;
    }

    /**
     * The resize kernel, as Keras' {@code interpolation} (default bilinear); masks always use nearest.
     *
     * @param interpolation the kernel
     * @return this builder
     */
    public Builder interpolation(ResizeInterpolation interpolation) {
      this.interpolation.set(interpolation);
      return this;
    }

    /**
     * Cut the largest centred window of the target aspect ratio before resizing, as Keras'
     * {@code crop_to_aspect_ratio} (default false).
     *
     * @param crop whether to crop
     * @return this builder
     */
    public Builder cropToAspectRatio(boolean crop) {
      this.cropToAspectRatio.set(crop);
      return this;
    }

    /**
     * Pad the short side with {@link #fillValue} to the target aspect ratio before resizing, as Keras'
     * {@code pad_to_aspect_ratio} (default false).
     *
     * @param pad whether to pad
     * @return this builder
     */
    public Builder padToAspectRatio(boolean pad) {
      this.padToAspectRatio.set(pad);
      return this;
    }

    /**
     * The padding value with {@code padToAspectRatio(true)}, as Keras' {@code fill_value} (default 0).
     *
     * @param fillValue the value
     * @return this builder
     */
    public Builder fillValue(double fillValue) {
      this.fillValue.set(fillValue);
      return this;
    }

    /**
     * Low-pass filter when downscaling, as Keras' {@code antialias} (default false): bilinear, bicubic and the
     * Lanczos modes run through TF's {@code ScaleAndTranslate} with the kernel widened by the downscaling factor;
     * nearest and area ignore it.
     *
     * @param antialias whether to antialias
     * @return this builder
     */
    public Builder antialias(boolean antialias) {
      this.antialias.set(antialias);
      return this;
    }

    /**
     * Builds the layer.
     *
     * @return the layer
     * @throws IllegalStateException when both aspect-ratio options are on (Keras' message)
     */
    @Override
    public Resizing build() {
      requireState(!(cropToAspectRatio.get() && padToAspectRatio.get()),
          "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.");
      return new Resizing(this);
    }
  }
}
