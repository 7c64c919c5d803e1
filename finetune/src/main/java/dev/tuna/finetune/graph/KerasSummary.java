package dev.tuna.finetune.graph;

import dev.tuna.core.internal.Preconditions;
import java.util.ArrayList;
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

  /**
   * The summary after {@code for layer in model.layers[:first]: layer.trainable = False}; the other layers keep the
   * trainable flags the model was saved with.
   *
   * @param first how many top-level layers to freeze, 0 to {@code rows().size()}
   * @return the summary with those rows' parameters counted as non-trainable
   * @throws IllegalArgumentException if {@code first} is out of range
   */
  public KerasSummary freezeFirst(int first) {
    Preconditions.requireArgument(first >= 0 && first <= rows.size(),
        "freeze must be between 0 and %d (the model's %d layers) but was %d", rows.size(), rows.size(), first);
    List<Row> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      out.add(i < first ? frozen(rows.get(i)) : rows.get(i));
    }
    return new KerasSummary(name, out);
  }

  /**
   * The summary after {@code model.trainable = False} (the keras.io recipe's frozen base).
   *
   * @return the summary with every parameter non-trainable
   */
  public KerasSummary freezeAll() {
    return freezeFirst(rows.size());
  }

  /**
   * The summary of the keras.io second phase: the layers before {@code layer} frozen, and every
   * BatchNormalization frozen (kept in inference mode), the others keep their saved trainable flags.
   *
   * @param layer the first layer to train
   * @return the summary for that freeze point
   * @throws IllegalArgumentException if no top-level layer has that name
   */
  public KerasSummary unfreezeFrom(String layer) {
    return unfreezeFrom(layer, true);
  }

  /**
   * The summary with the layers before {@code layer} frozen and, if {@code freezeBatchNormalization}, every
   * BatchNormalization too; the others keep their saved trainable flags.
   *
   * @param layer the first layer to train
   * @param freezeBatchNormalization whether BatchNormalization layers stay frozen (else the unfrozen ones count as
   *     trainable, as Keras counts a trainable BatchNormalization's gamma and beta)
   * @return the summary for that freeze point
   * @throws IllegalArgumentException if no top-level layer has that name
   */
  public KerasSummary unfreezeFrom(String layer, boolean freezeBatchNormalization) {
    int index = indexOf(layer);
    List<Row> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      out.add(i < index || freezeBatchNormalization && "BatchNormalization".equals(r.className()) ? frozen(r) : r);
    }
    return new KerasSummary(name, out);
  }

  /**
   * The position of a top-level layer.
   *
   * @param layer the layer name
   * @return its index in {@link #rows()}
   * @throws IllegalArgumentException naming the layer if the model has no such layer
   */
  public int indexOf(String layer) {
    Preconditions.requireNonNull("layer", layer);
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).name().equals(layer)) {
        return i;
      }
    }
    throw new IllegalArgumentException("model " + name + " has no layer named \"" + layer + "\" (its "
        + rows.size() + " layers run from " + rows.get(0).name() + " to " + rows.get(rows.size() - 1).name() + ")");
  }

  private static Row frozen(Row r) {
    return new Row(r.name(), r.className(), r.outputShape(), r.params(), 0);
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
