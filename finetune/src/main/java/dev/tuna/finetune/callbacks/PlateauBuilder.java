package dev.tuna.finetune.callbacks;

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

  /** Epochs without improvement to wait before acting. */
  public B patience(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("patience must be >= 0 but was " + epochs);
    }
    this.patience = epochs;
    return self();
  }

  /** The smallest change of the monitored value that counts as an improvement. */
  public B minDelta(double value) {
    this.minDelta = value;
    return self();
  }
}
