package dev.tuna.augment.layers;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.layers.internal.GlibcMath;
import dev.tuna.augment.layers.internal.ProjectiveTransform;

/**
 * The shared part of Keras' affine layers: the images go through TF's {@code ImageProjectiveTransformV3} with the
 * layer's interpolation, the masks with nearest interpolation, both with the layer's fill mode and fill value.
 *
 * @param <T> the drawn transformation, which carries the per-image transforms
 */
abstract class AffineLayer<T extends AffineLayer.Drawn> extends BaseLayer<T> {
  final FillMode fillMode;
  final Interpolation interpolation;
  final float fillValue;

  AffineLayer(AffineBuilder<?, ?> b) {
    super(b);
    this.fillMode = b.fillMode;
    this.interpolation = b.interpolation;
    this.fillValue = b.fillValue;
  }

  /** A drawn transformation: 8 transform values per image. */
  interface Drawn {
    float[] matrix();
  }

  /**
   * The fill mode.
   *
   * @return the fill mode
   */
  public FillMode fillMode() {
    return fillMode;
  }

  /**
   * The image interpolation.
   *
   * @return the image interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  /**
   * The constant fill value.
   *
   * @return the constant fill value
   */
  public float fillValue() {
    return fillValue;
  }

  @Override
  final float[] transformImages(LayerBatch batch, T t) {
    return warp(batch.images(), batch.channels(), batch, t.matrix(), interpolation);
  }

  @Override
  final Masks transformMasks(LayerBatch batch, T t) {
    return new Masks(warp(batch.masks(), batch.maskChannels(), batch, t.matrix(), Interpolation.NEAREST),
        batch.maskChannels());
  }

  private float[] warp(float[] src, int c, LayerBatch batch, float[] matrix, Interpolation interp) {
    return ProjectiveTransform.apply(src, batch.size(), batch.height(), batch.width(), c, matrix, batch.height(),
        batch.width(), interp.kernel(), ProjectiveTransform.FillMode.valueOf(fillMode.name()), fillValue);
  }

  /**
   * Keras' {@code _compute_affine_matrix} in float32 as TF evaluates it, per image: rotation by {@code angle}
   * degrees about the centre {@code (0.5 (w - 1), 0.5 (h - 1))}, scale, shear (degrees) and translation (pixels).
   */
  static float[] affineMatrix(float[] angle, float[] translateX, float[] translateY, float[] scale, float[] shearX,
      float[] shearY, int height, int width) {
    int n = angle.length;
    float degToRad = (float) (Math.PI / 180.0);
    float cx = 0.5f * (width - 1f);
    float cy = 0.5f * (height - 1f);
    float[] m = new float[8 * n];
    float[] sc = new float[2];
    for (int i = 0; i < n; i++) {
      GlibcMath.sincosf(angle[i] * degToRad, sc);
      float sin = sc[0];
      float cos = sc[1];
      float shx = tanf(shearX[i] * degToRad);
      float shy = tanf(shearY[i] * degToRad);
      float s = scale[i];
      float a0 = s * (cos + shx * sin);
      float a1 = s * (-sin + shx * cos);
      float a2 = translateX[i] + cx - cx * a0 - cy * a1;
      float b0 = s * (shy * cos + sin);
      float b1 = s * (shy * -sin + cos);
      float b2 = translateY[i] + cy - cx * b0 - cy * b1;
      m[8 * i] = a0;
      m[8 * i + 1] = a1;
      m[8 * i + 2] = a2;
      m[8 * i + 3] = b0;
      m[8 * i + 4] = b1;
      m[8 * i + 5] = b2;
    }
    return m;
  }

  /** {@code tan} in float32; exact for 0 (the only value rotation, translation and zoom pass). */
  static float tanf(float x) {
    return x == 0 ? x : (float) Math.tan(x);
  }
}
