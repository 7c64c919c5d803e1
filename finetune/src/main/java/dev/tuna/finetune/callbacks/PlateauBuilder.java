package dev.tuna.finetune.callbacks;

import dev.tuna.core.internal.Preconditions;
/**
 * The options of the callbacks that act after {@code patience} epochs without an improvement of more than
 * {@code minDelta}: {@link EarlyStopping} and {@link ReduceLROnPlateau}.
 *
 * @param <B> the concrete builder
 */
public abstract class PlateauBuilder<B extends PlateauBuilder<B>> extends MonitorBuilder<B> {
  int patience;
  double minDelta;

  PlateauBuilder(int patience, double minDelta) {
    this.patience = patience;
    this.minDelta = minDelta;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Epochs without improvement to wait before acting.
   *
   * @param epochs Keras' {@code patience}, {@code >= 0}
   * @return this builder
   */
  public B patience(int epochs) {
    Preconditions.requireArgument(epochs >= 0, "patience must be >= 0 but was %s", epochs);
    this.patience = options.set("patience", epochs);
    return self();
  }

  /**
   * The smallest change of the monitored value that counts as an improvement.
   *
   * @param value Keras' {@code min_delta}, finite
   * @return this builder
   */
  public B minDelta(double value) {
    this.minDelta = options.set("minDelta", Preconditions.requireFinite("minDelta", value));
    return self();
  }
}
