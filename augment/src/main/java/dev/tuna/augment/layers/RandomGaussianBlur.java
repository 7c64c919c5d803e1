package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.layers.internal.GlibcMath;
import java.util.Locale;

/**
 * {@code keras.layers.RandomGaussianBlur(factor=1.0, kernel_size=3, sigma=1.0, value_range=(0, 255), seed)}: per
 * image a probability uniform in the factor range and a uniform threshold in [0, 1), and for the batch two sigmas
 * uniform in the sigma range (plus 1e-6), one for x, one for y; images whose threshold is below their probability
 * are convolved (TF's {@code depthwise_conv2d}, zero padding) with the Gaussian kernel Keras builds, then every
 * image is clipped to the value range (as given, unsorted). Single numbers {@code f} give {@code [0, f]}. Kernel
 * sizes are odd; for {@code (kx, ky)} Keras builds the {@code ky × kx} outer product and reads it as a
 * {@code kx × ky} kernel, and so does this layer. Draws only in training mode. Labels, masks and boxes pass
 * through.
 *
 * <p>The kernel is built as TF builds it elementwise ({@code exp} is glibc's, denormals flushed to zero): exact
 * for kernel sizes below 8; from 8 on TF evaluates {@code pow} and {@code exp} with Eigen's vectorised
 * approximations, which can differ in the last bit (measured: at most a few 1e-5 on the 0–255 scale).
 *
 * <p>{@code value_range}: the bounds are kept in the order given, as Keras keeps them.
 */
public final class RandomGaussianBlur extends FactorLayer<RandomGaussianBlur.Drawn> {
  private final int[] kernelSize;
  private final double[] sigma;

  private RandomGaussianBlur(Builder b) {
    super(b, b.factor);
    this.kernelSize = b.kernelSize;
    this.sigma = b.sigma;
  }

  /**
   * A builder with Keras' defaults: factor 1.0, kernel size 3, sigma 1.0, value range (0, 255).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(Factor.of("factor", 1.0, 0, 1));
  }

  /**
   * A builder for {@code RandomGaussianBlur(factor)}: blur probabilities in {@code [0, factor]}.
   *
   * @param factor in [0, 1]
   * @return the builder
   */
  public static Builder builder(double factor) {
    return new Builder(Factor.of("factor", factor, 0, 1));
  }

  /**
   * A builder for {@code RandomGaussianBlur((lower, upper))}.
   *
   * @param lower one bound
   * @param upper the other bound
   * @return the builder
   */
  public static Builder builder(double lower, double upper) {
    return new Builder(Factor.of("factor", lower, upper, 0, 1));
  }

  /** The drawn per-image choice and the batch's two sigmas (x, y). */
  record Drawn(boolean[] apply, float[] sigma) {}

  @Override
  Drawn randomTransformation(LayerBatch batch, boolean training, SeedGenerator gen) {
    if (!training) {
      return null;
    }
    boolean[] apply = drawApply(batch, gen);
    float[] s = KerasRandom.uniform(2, (float) sigma[0], (float) sigma[1], gen);
    for (int i = 0; i < 2; i++) {
      s[i] += 1e-6f;
    }
    return new Drawn(apply, s);
  }

  @Override
  float[] transformImages(LayerBatch batch, Drawn t) {
    int n = batch.size();
    int h = batch.height();
    int w = batch.width();
    int c = batch.channels();
    float[] in = batch.images();
    float[] kernel = kernel(kernelSize[0], kernelSize[1], t.sigma()[0], t.sigma()[1]);
    float[] blurred = DepthwiseConv.same(in, n, h, w, c, kernel, kernelSize[0], kernelSize[1]);
    float[] out = new float[in.length];
    int per = batch.imageLength();
    float lo = valueRange.lowF();
    float hi = valueRange.highF();
    for (int s = 0; s < n; s++) {
      float[] src = t.apply()[s] ? blurred : in;
      for (int i = s * per; i < (s + 1) * per; i++) {
        out[i] = Math.min(Math.max(src[i], lo), hi);
      }
    }
    return out;
  }

  /**
   * Keras' {@code _create_gaussian_kernel}: the outer product of the y and x kernels ({@code sizeY × sizeX}), read
   * row-major as a {@code sizeX × sizeY} kernel.
   */
  static float[] kernel(int sizeX, int sizeY, float sigmaX, float sigmaY) {
    float[] kx = kernel1d(sizeX, sigmaX);
    float[] ky = kernel1d(sizeY, sigmaY);
    float[] k = new float[sizeX * sizeY];
    for (int i = 0; i < sizeY; i++) {
      for (int j = 0; j < sizeX; j++) {
        k[i * sizeX + j] = ftz(ky[i] * kx[j]);
      }
    }
    return k;
  }

  /** {@code exp(-0.5 (x / sigma)^2) / sum} over {@code x = range(size) - (size - 1) / 2}, in float32. */
  static float[] kernel1d(int size, float sigma) {
    float fsize = size;
    float half = (fsize - 1f) / 2f;
    float[] e = new float[size];
    for (int i = 0; i < size; i++) {
      float q = ftz(((float) i - half) / sigma);
      e[i] = ftz(GlibcMath.expf(ftz(-0.5f * ftz(q * q))));
    }
    float sum = TfMean.sum(e, 0, size);
    for (int i = 0; i < size; i++) {
      e[i] = ftz(e[i] / sum);
    }
    return e;
  }

  /** TF runs with denormals flushed to zero. */
  private static float ftz(float v) {
    return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
  }

  /**
   * The layer of a Keras {@code get_config()} dict.
   *
   * @param config the config
   * @return the layer
   * @throws IllegalArgumentException for keys RandomGaussianBlur does not take and values Keras rejects
   */
  public static RandomGaussianBlur fromConfig(LayerConfig config) {
    config.checkKeys(LayerConfig.withCommon("factor", "kernel_size", "sigma", "value_range"));
    double[] f = config.getFactor("factor");
    Builder b = f == null ? builder() : f.length == 1 ? builder(f[0]) : builder(f[0], f[1]);
    double[] k = config.getFactor("kernel_size");
    if (k != null) {
      for (double v : k) {
        if (v != Math.rint(v)) {
          throw config.invalid("kernel_size", "an odd integer (or a list of two)");
        }
      }
      b.kernelSize((int) k[0], (int) k[k.length - 1]);
    }
    config.applyFactor("sigma", b::sigma, b::sigma);
    config.applyValueRange(b);
    return config.applyCommon(b).build();
  }

  /** Builder of {@link RandomGaussianBlur}. */
  public static final class Builder extends ValueRangeBuilder<RandomGaussianBlur, Builder> {
    private final double[] factor;
    private int[] kernelSize = {3, 3};
    private boolean kernelSizeSet;
    private double[] sigma = Factor.of("sigma", 1.0, 0, 1);
    private boolean sigmaSet;

    private Builder(double[] factor) {
      super(Bounds.AS_GIVEN);
      this.factor = factor;
    }

    /**
     * {@code kernel_size=k}: a {@code k × k} kernel.
     *
     * @param size an odd positive number
     * @return this builder
     */
    public Builder kernelSize(int size) {
      return kernelSize(size, size);
    }

    /**
     * {@code kernel_size=(kx, ky)}: the x kernel has {@code kx} taps, the y kernel {@code ky}.
     *
     * @param sizeX an odd positive number
     * @param sizeY an odd positive number
     * @return this builder
     */
    public Builder kernelSize(int sizeX, int sizeY) {
      requireUnset(kernelSizeSet, "kernelSize", String.format(Locale.ROOT, "(%d, %d)", kernelSize[0],
          kernelSize[1]));
      String shown = sizeX == sizeY ? Integer.toString(sizeX) : String.format(Locale.ROOT, "(%d, %d)", sizeX, sizeY);
      requireArgument(sizeX % 2 != 0 && sizeY % 2 != 0, "kernel_size must be an odd number. Received: kernel_size=%s",
          shown);
      requireArgument(sizeX > 0 && sizeY > 0, "kernelSize must be positive but was %s", shown);
      this.kernelSize = new int[] {sizeX, sizeY};
      this.kernelSizeSet = true;
      return this;
    }

    /**
     * {@code sigma=s}: sigmas in {@code [0, s]} (plus 1e-6).
     *
     * @param sigma in [0, 1]
     * @return this builder
     */
    public Builder sigma(double sigma) {
      requireUnset(sigmaSet, "sigma", java.util.Arrays.toString(this.sigma));
      this.sigma = Factor.of("sigma", sigma, 0, 1);
      this.sigmaSet = true;
      return this;
    }

    /**
     * {@code sigma=(lower, upper)}.
     *
     * @param lower one bound
     * @param upper the other bound
     * @return this builder
     */
    public Builder sigma(double lower, double upper) {
      requireUnset(sigmaSet, "sigma", java.util.Arrays.toString(this.sigma));
      this.sigma = Factor.of("sigma", lower, upper, 0, 1);
      this.sigmaSet = true;
      return this;
    }

    @Override
    public RandomGaussianBlur build() {
      return new RandomGaussianBlur(this);
    }
  }
}
