package dev.tuna.finetune.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Keras' {@code model.summary()} of a {@link KerasModel}: one row per top-level layer, and the parameter totals. */
public final class KerasSummary {
  /**
   * One row.
   *
   * @param name the layer name
   * @param className the Keras class (a nested model's row holds all its weights)
   * @param outputShape the output shape without the batch axis, -1 where unknown
   * @param params the layer's parameter count
   * @param trainableParams the trainable part of {@code params}
   */
  public record Row(String name, String className, long[] outputShape, long params, long trainableParams) {
    /**
     * Keeps a copy of the shape.
     *
     * @param name the layer name
     * @param className the Keras class
     * @param outputShape the output shape without the batch axis
     * @param params the parameter count
     * @param trainableParams the trainable part of {@code params}
     */
    public Row {
      outputShape = outputShape.clone();
    }

    /**
     * The output shape.
     *
     * @return a copy of the shape without the batch axis
     */
    @Override
    public long[] outputShape() {
      return outputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Row r && r.name.equals(name) && r.className.equals(className)
          && Arrays.equals(r.outputShape, outputShape) && r.params == params && r.trainableParams == trainableParams;
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(outputShape);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-34s %-28s %,12d", name + " (" + className + ")", shape(outputShape),
          params);
    }
  }

  private final String name;
  private final List<Row> rows;

  KerasSummary(String name, List<Row> rows) {
    this.name = name;
    this.rows = List.copyOf(rows);
  }

  /**
   * The model's name.
   *
   * @return the Keras model name
   */
  public String name() {
    return name;
  }

  /**
   * The rows.
   *
   * @return one row per top-level layer, in model order
   */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Total parameters.
   *
   * @return the sum over all rows
   */
  public long totalParams() {
    return rows.stream().mapToLong(Row::params).sum();
  }

  /**
   * Trainable parameters.
   *
   * @return the trainable sum over all rows
   */
  public long trainableParams() {
    return rows.stream().mapToLong(Row::trainableParams).sum();
  }

  /**
   * Non-trainable parameters (moving statistics, frozen layers).
   *
   * @return total minus trainable
   */
  public long nonTrainableParams() {
    return totalParams() - trainableParams();
  }

  private static String shape(long[] s) {
    StringBuilder b = new StringBuilder("(None");
    for (long d : s) {
      b.append(", ").append(d < 0 ? "None" : Long.toString(d));
    }
    return b.append(')').toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Model: \"" + name + "\"").append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%-34s %-28s %12s%n", "Layer (type)", "Output Shape", "Param #"));
    rows.forEach(r -> sb.append(r).append(System.lineSeparator()));
    sb.append(String.format(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n",
        totalParams(), trainableParams(), nonTrainableParams()));
    return sb.toString();
  }
}
