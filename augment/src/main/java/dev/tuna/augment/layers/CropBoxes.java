package dev.tuna.augment.layers;

/**
 * The random rectangles of Keras' {@code RandomErasing} and {@code CutMix} ({@code _compute_crop_bounds},
 * {@code _generate_batch_mask}): per image a start {@code uniform() × (length - crop)} and an end
 * {@code start + crop} along each axis, in float32; pixel {@code (y, x)} is inside when {@code x0 <= x < x1} and
 * {@code y0 <= y < y1}.
 */
final class CropBoxes {
  final float[] x0;
  final float[] x1;
  final float[] y0;
  final float[] y1;

  private CropBoxes(float[] x0, float[] x1, float[] y0, float[] y1) {
    this.x0 = x0;
    this.x1 = x1;
    this.y0 = y0;
    this.y1 = y1;
  }

  /** Draws the x bounds, then the y bounds (two draws from {@code gen}). */
  static CropBoxes draw(int n, int height, int width, float[] ratioX, float[] ratioY, SeedGenerator gen) {
    float[][] x = bounds(n, width, ratioX, gen);
    float[][] y = bounds(n, height, ratioY, gen);
    return new CropBoxes(x[0], x[1], y[0], y[1]);
  }

  private static float[][] bounds(int n, int length, float[] ratio, SeedGenerator gen) {
    float[] start = KerasRandom.uniform(n, 0f, 1f, gen);
    float[] end = new float[n];
    for (int i = 0; i < n; i++) {
      float crop = ratio[i] * length;
      start[i] = start[i] * (length - crop);
      end[i] = start[i] + crop;
    }
    return new float[][] {start, end};
  }

  boolean inside(int n, int y, int x) {
    return x >= x0[n] && x < x1[n] && y >= y0[n] && y < y1[n];
  }
}
