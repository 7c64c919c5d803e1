package dev.tuna.augment.layers;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.layers.internal.BatchParallel;
import dev.tuna.augment.layers.internal.EigenTrig;
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
    this.interpolation = b.interpolation.get();
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
    return transformImages(batch, t, null);
  }

  @Override
  final float[] transformImages(LayerBatch batch, T t, Scratch scratch) {
    float[] src = batch.images();
    return warp(src, batch.channels(), batch, t.matrix(), interpolation,
        Scratch.take(scratch, src.length, src));
  }

  @Override
  final boolean stepsImages(LayerBatch batch) {
    return true;
  }

  @Override
  final ImageStep imageStep(LayerBatch batch, T t) {
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    float[] matrix = t.matrix();
    ProjectiveTransform.Interpolation interp = interpolation.kernel();
    ProjectiveTransform.FillMode mode = ProjectiveTransform.FillMode.valueOf(fillMode.name());
    return (n, src, srcOffset, dst, dstOffset) -> ProjectiveTransform.applyImageInto(src, srcOffset, h, w, c,
        matrix, matrixOffset(matrix, n), h, w, interp, mode, fillValue, dst, dstOffset);
  }

  /** Where image {@code n}'s 8 transform values start in a batch's {@code matrix} (0 when all images share 8). */
  static int matrixOffset(float[] matrix, int n) {
    return matrix.length == 8 ? 0 : 8 * n;
  }

  @Override
  final Masks transformMasks(LayerBatch batch, T t) {
    float[] src = batch.masks();
    return new Masks(warp(src, batch.maskChannels(), batch, t.matrix(), Interpolation.NEAREST,
        new float[src.length]), batch.maskChannels());
  }

  private float[] warp(float[] src, int c, LayerBatch batch, float[] matrix, Interpolation interp, float[] out) {
    return ProjectiveTransform.applyInto(src, batch.size(), batch.height(), batch.width(), c, matrix,
        batch.height(), batch.width(), interp.kernel(), ProjectiveTransform.FillMode.valueOf(fillMode.name()),
        fillValue, BatchParallel.threads(), out);
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
    float[] rad = new float[n];
    for (int i = 0; i < n; i++) {
      rad[i] = angle[i] * degToRad;
    }
    float[] sins = EigenTrig.apply(rad, true);
    float[] coss = EigenTrig.apply(rad, false);
    for (int i = 0; i < n; i++) {
      float sin = sins[i];
      float cos = coss[i];
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

  /**
   * Keras' box path of the affine layers ({@code converters.affine_transform}, then
   * {@code clip_to_image_size} and {@code convert_format} from xyxy): the box values are taken as xyxy pixels
   * whatever the declared format (Keras' behaviour), the four corners go through the inverse affine matrix in
   * float32, their bounding box is clipped to {@code [0, w] × [0, h]}, boxes without area get label {@code -1}, and
   * the result is written in the declared format.
   */
  static BoundingBoxes affineBoxes(BoundingBoxes in, String format, float[] angle, float[] translateX,
      float[] translateY, float[] scale, float[] shearX, float[] shearY, int height, int width) {
    float[] b = in.boxes().clone();
    int[] labels = in.labels().clone();
    int m = in.maxBoxes();
    float h = height;
    float w = width;
    float cx = 0.5f * (w - 1);
    float cy = 0.5f * (h - 1);
    float toRad = (float) (1.0 / 180.0 * Math.PI);
    int batch = in.batch();
    float[] rot = new float[batch];
    float[] sy = new float[batch];
    float[] rotMinusSy = new float[batch];
    for (int n = 0; n < batch; n++) {
      rot[n] = -angle[n] * toRad;
      sy[n] = -shearY[n] * toRad;
      rotMinusSy[n] = rot[n] - sy[n];
    }
    float[] cosSyAll = EigenTrig.apply(sy, false);
    float[] sinRmsAll = EigenTrig.apply(rotMinusSy, true);
    float[] cosRmsAll = EigenTrig.apply(rotMinusSy, false);
    float[] sinRotAll = EigenTrig.apply(rot, true);
    float[] cosRotAll = EigenTrig.apply(rot, false);
    float[] p = new float[8];
    BoxFormat target = BoxFormat.of(format);
    for (int n = 0; n < batch; n++) {
      float tx = -translateX[n] * (w - 1);
      float ty = -translateY[n] * (h - 1);
      float sx = -shearX[n] * toRad;
      float cosSy = cosSyAll[n];
      float tanSx = tanf(sx);
      float sinRms = sinRmsAll[n];
      float cosRms = cosRmsAll[n];
      float sinRot = sinRotAll[n];
      float cosRot = cosRotAll[n];
      float cxTx = cx + tx;
      float cyTy = cy + ty;
      float a = cosRms / cosSy;
      float bb = a * tanSx + sinRot;
      float c = -sinRms / cosSy;
      float d = cosRot - c * tanSx;
      float a0 = d * scale[n];
      float a1 = -bb * scale[n];
      float b0 = -c * scale[n];
      float b1 = a * scale[n];
      float a2 = cx - a0 * cxTx - a1 * cyTy;
      float b2 = cy - b0 * cxTx - b1 * cyTy;
      for (int k = 0; k < m; k++) {
        int o = (n * m + k) * 4;
        p[0] = b[o];
        p[1] = b[o + 1];
        p[2] = b[o + 2];
        p[3] = b[o + 1];
        p[4] = b[o + 2];
        p[5] = b[o + 3];
        p[6] = b[o];
        p[7] = b[o + 3];
        float x1 = Float.POSITIVE_INFINITY;
        float y1 = Float.POSITIVE_INFINITY;
        float x2 = Float.NEGATIVE_INFINITY;
        float y2 = Float.NEGATIVE_INFINITY;
        for (int q = 0; q < 8; q += 2) {
          float x = p[q] * a0 + p[q + 1] * a1 + a2;
          float y = p[q] * b0 + p[q + 1] * b1 + b2;
          x1 = Math.min(x1, x);
          x2 = Math.max(x2, x);
          y1 = Math.min(y1, y);
          y2 = Math.max(y2, y);
        }
        b[o] = Math.min(Math.max(x1, 0f), w);
        b[o + 1] = Math.min(Math.max(y1, 0f), h);
        b[o + 2] = Math.min(Math.max(x2, 0f), w);
        b[o + 3] = Math.min(Math.max(y2, 0f), h);
        if (!((b[o + 2] - b[o]) * (b[o + 3] - b[o + 1]) > 0)) {
          labels[n * m + k] = -1;
        }
        target.fromXyxy(b, o, h, w);
      }
    }
    return BoundingBoxes.of(in.batch(), m, b, labels);
  }

  /** {@code tan} in float32; exact for 0 (the only value rotation, translation and zoom pass). */
  static float tanf(float x) {
    return x == 0 ? x : (float) Math.tan(x);
  }
}
