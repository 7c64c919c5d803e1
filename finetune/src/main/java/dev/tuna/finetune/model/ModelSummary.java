package dev.tuna.finetune.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Keras' {@code summary()} for the rebuilt model: one row per layer and the parameter totals. Backbone rows use the
 * base model's Keras indices; head rows continue the numbering.
 */
public final class ModelSummary {
  /**
   * One row: Keras index, name, output shape without the batch axis, parameter count, trainable, and the trainable
   * part of the parameters (a trainable BatchNormalization's moving statistics are not).
   */
  public record Row(int index, String name, int[] outputShape, long params, boolean trainable,
      long trainableParams) {
    /**
     * Copies the shape, so a row never changes after construction.
     *
     * @param index Keras layer index
     * @param name layer name
     * @param outputShape output shape without the batch axis
     * @param params parameter count
     * @param trainable whether the layer trains
     * @param trainableParams the trainable part of {@code params}, 0 when not {@code trainable}
     * @throws IllegalArgumentException if {@code trainableParams} is outside [0, params], or positive for a frozen
     *     layer
     */
    public Row {
      outputShape = outputShape.clone();
      if (trainableParams < 0 || trainableParams > params || !trainable && trainableParams > 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "trainableParams must be between 0 and "
            + "params %d (0 for a frozen layer) but was %d", params, trainableParams));
      }
    }

    /**
     * A row whose parameters are all trainable or all frozen.
     *
     * @param index Keras layer index
     * @param name layer name
     * @param outputShape output shape without the batch axis
     * @param params parameter count
     * @param trainable whether the layer (all of its parameters) trains
     */
    public Row(int index, String name, int[] outputShape, long params, boolean trainable) {
      this(index, name, outputShape, params, trainable, trainable ? params : 0);
    }

    /**
     * The output shape without the batch axis.
     *
     * @return a copy
     */
    @Override
    public int[] outputShape() {
      return outputShape.clone();
    }

    /** Equal when every component is, the shape by value. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Row r && index == r.index && name.equals(r.name) && Arrays.equals(outputShape, r.outputShape)
          && params == r.params && trainable == r.trainable && trainableParams == r.trainableParams;
    }

    @Override
    public int hashCode() {
      return Objects.hash(index, name, Arrays.hashCode(outputShape), params, trainable, trainableParams);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%3d %-14s %-16s %10d %s", index, name, Arrays.toString(outputShape),
          params, params == 0 ? "" : trainable ? "trainable" : "frozen");
    }
  }

  private final List<Row> rows;

  private ModelSummary(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * The summary of {@code arch} at {@code height}×{@code width} with {@code frozenLayers}, plus {@code head} if not
   * null.
   *
   * @param arch the backbone
   * @param height the input height
   * @param width the input width
   * @param frozenLayers the number of frozen leading layers
   * @param head the classifier head, or null for the backbone alone
   * @return the summary
   */
  public static ModelSummary of(VggArchitecture arch, int height, int width, int frozenLayers, Head head) {
    List<Row> rows = new ArrayList<>();
    int h = height;
    int w = width;
    int c = arch.inputChannels();
    int conv = 0;
    for (Layer l : arch.layers()) {
      long params = 0;
      if (l.kind() == Layer.Kind.CONV) {
        params = arch.kernels().get(conv).size() + arch.biases().get(conv).size();
        c = l.filters();
        conv++;
      } else if (l.kind() == Layer.Kind.POOL) {
        h /= 2;
        w /= 2;
      }
      rows.add(new Row(l.index(), l.name(), new int[] {h, w, c}, params, l.index() >= frozenLayers));
    }
    if (head != null && head.globalAveragePooling()) {
      int i = rows.size();
      rows.add(new Row(i++, "global_average_pooling2d", new int[] {c}, 0, true));
      rows.add(new Row(i++, "dropout", new int[] {c}, 0, true));
      rows.add(new Row(i, "dense", new int[] {head.classes()}, (long) c * head.classes() + head.classes(), true));
    } else if (head != null) {
      int i = rows.size();
      int flat = h * w * c;
      rows.add(new Row(i++, "flatten", new int[] {flat}, 0, true));
      rows.add(new Row(i++, "dense", new int[] {head.units()}, (long) flat * head.units() + head.units(), true));
      rows.add(new Row(i++, "dropout", new int[] {head.units()}, 0, true));
      rows.add(new Row(i, "dense_1", new int[] {head.classes()},
          (long) head.units() * head.classes() + head.classes(), true));
    }
    return new ModelSummary(rows);
  }

  /**
   * A summary of the given rows, e.g. of a model built from its Keras config.
   *
   * @param rows the rows in layer order
   * @return the summary
   */
  public static ModelSummary of(List<Row> rows) {
    return new ModelSummary(rows);
  }

  /** {@return the rows in layer order, as in Keras' {@code model.summary()}} */
  public List<Row> rows() {
    return rows;
  }

  /** {@return the parameter count of all layers} */
  public long totalParams() {
    return rows.stream().mapToLong(Row::params).sum();
  }

  /** {@return the parameter count of the trainable layers} */
  public long trainableParams() {
    return rows.stream().mapToLong(Row::trainableParams).sum();
  }

  /** {@return the parameter count of the frozen layers} */
  public long nonTrainableParams() {
    return totalParams() - trainableParams();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%3s %-14s %-16s %10s%n", "#", "Layer",
        "Output shape", "Param #"));
    rows.forEach(r -> sb.append(r).append(System.lineSeparator()));
    sb.append(String.format(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n",
        totalParams(), trainableParams(), nonTrainableParams()));
    return sb.toString();
  }
}
