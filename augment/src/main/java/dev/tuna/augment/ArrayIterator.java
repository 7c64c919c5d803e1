package dev.tuna.augment;

import dev.tuna.core.data.Subset;
import dev.tuna.core.internal.Preconditions;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Keras' {@code NumpyArrayIterator} ({@code flow}): batches from an in-memory rank-4 array with optional labels and
 * sample weights. Labels are sliced as given (no encoding).
 */
public final class ArrayIterator extends BatchIterator {
  private final float[] x;
  private final int offset;
  private final int per;
  private final float[] y;
  private final int[] yShape;
  private final int yPer;
  private final float[] weights;

  private ArrayIterator(Builder b, float[] x, int offset, int n, int h, int w, int c, float[] y, int[] yShape,
      float[] weights) {
    super(b.generator, n, h, w, c, b.settings());
    this.x = x;
    this.offset = offset;
    this.per = h * w * c;
    this.y = y;
    this.yShape = yShape;
    this.yPer = yShape == null ? 0 : y.length / Math.max(yShape[0], 1);
    this.weights = weights;
  }

  @Override
  float[] loadSample(int index) {
    int from = offset + index * per;
    return Arrays.copyOfRange(x, from, from + per);
  }

  @Override
  boolean loadSampleInto(int index, float[] dst, int at) {
    System.arraycopy(x, offset + index * per, dst, at, per);
    return true;
  }

  @Override
  Labels labels(int[] indices, float[] images) {
    if (y == null) {
      return null;
    }
    float[] out = new float[indices.length * yPer];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(y, (indices[i] + labelOffset()) * yPer, out, i * yPer, yPer);
    }
    int[] shape = yShape.clone();
    shape[0] = indices.length;
    return new Labels(out, shape);
  }

  private int labelOffset() {
    return offset / per;
  }

  @Override
  float[] sampleWeights(int[] indices) {
    if (weights == null) {
      return null;
    }
    float[] out = new float[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = weights[indices[i] + labelOffset()];
    }
    return out;
  }

  @Override
  long saveHashBound() {
    return 10_000L;
  }

  /** Collects {@code flow}'s arguments; from {@link ImageDataGenerator#flow}. */
  public static final class Builder extends FlowBuilder<Builder> {
    private final float[] x;
    private final int[] shape;
    private float[] y;
    private int[] yShape;
    private float[] sampleWeight;
    private boolean ignoreClassSplit;

    Builder(ImageDataGenerator generator, float[] x, int[] shape) {
      super(generator);
      Preconditions.requireArgument(shape.length == 4,
          "Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape %s",
          Arrays.toString(shape));
      long n = 1;
      for (int d : shape) {
        Preconditions.requireArgument(d >= 0, "shape must not be negative but was %s", Arrays.toString(shape));
        n *= d;
      }
      Preconditions.requireArgument(n == x.length, "x has %s values but shape %s needs %s", x.length,
          Arrays.toString(shape), n);
      this.x = x;
      this.shape = shape.clone();
    }

    /**
     * Labels with shape {@code [n, ...]}, sliced per batch as given.
     *
     * @param labels the labels, as Keras' {@code y}
     * @param labelShape their shape, first dimension the sample count
     * @return this builder
     */
    public Builder y(float[] labels, int... labelShape) {
      Preconditions.requireNonNull("y", labels);
      Preconditions.requireNonNull("labelShape", labelShape);
      Preconditions.requireArgument(labelShape.length >= 1 && labelShape[0] == shape[0],
          "`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = %s, y.shape = %s",
          Arrays.toString(shape), Arrays.toString(labelShape));
      long n = 1;
      for (int d : labelShape) {
        n *= d;
      }
      Preconditions.requireArgument(n == labels.length, "y has %s values but shape %s needs %s", labels.length,
          Arrays.toString(labelShape), n);
      options.mark("y", "labels of shape " + Arrays.toString(labelShape));
      this.y = labels;
      this.yShape = labelShape.clone();
      return this;
    }

    /**
     * One weight per sample.
     *
     * @param weights Keras' {@code sample_weight}, one per sample
     * @return this builder
     */
    public Builder sampleWeight(float[] weights) {
      Preconditions.requireNonNull("sampleWeight", weights);
      Preconditions.requireArgument(weights.length == shape[0],
          "`x` (images tensor) and `sample_weight` should have the same length. Found: x.shape = %s, "
              + "sample_weight.shape = [%s]", Arrays.toString(shape), weights.length);
      options.mark("sampleWeight", Arrays.toString(weights));
      this.sampleWeight = weights;
      return this;
    }

    /**
     * Skip the check that both subsets contain the same classes. Default false.
     *
     * @param on Keras' {@code ignore_class_split}
     * @return this builder
     */
    public Builder ignoreClassSplit(boolean on) {
      this.ignoreClassSplit = options.set("ignoreClassSplit", on);
      return this;
    }

    /**
     * Builds the iterator.
     *
     * @return the iterator
     */
    public ArrayIterator build() {
      boolean first = generator.dataFormat() == DataFormat.CHANNELS_FIRST;
      int n = shape[0];
      int h = first ? shape[2] : shape[1];
      int w = first ? shape[3] : shape[2];
      int c = first ? shape[1] : shape[3];
      float[] data = first ? Layout.toChannelsLast(x, n, c, h, w) : x;
      if (c != 1 && c != 3 && c != 4) {
        ImageDataGenerator.LOG.log(System.Logger.Level.WARNING, "NumpyArrayIterator is set to use the data format "
            + "convention \"" + generator.dataFormat().kerasName() + "\" but the input array has " + c
            + " channels.");
      }
      int from = 0;
      int count = n;
      if (subset != null) {
        int split = (int) (n * generator.validationSplit());
        if (y != null && !ignoreClassSplit) {
          int yPer = n == 0 ? 0 : y.length / n;
          TreeSet<Float> head = new TreeSet<>();
          TreeSet<Float> tail = new TreeSet<>();
          for (int i = 0; i < y.length; i++) {
            (i / Math.max(yPer, 1) < split ? head : tail).add(y[i]);
          }
          Preconditions.requireArgument(head.equals(tail), "Training and validation subsets have different number of "
              + "classes after the split. If your numpy arrays are sorted by the label, you might want to shuffle "
              + "them.");
        }
        if (subset == Subset.VALIDATION) {
          count = split;
        } else {
          from = split;
          count = n - split;
        }
      }
      settings();
      return new ArrayIterator(this, data, from * h * w * c, count, h, w, c, y, yShape, sampleWeight);
    }
  }
}
