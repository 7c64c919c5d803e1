package dev.tuna.finetune.load;

/**
 * A Keras file that cannot be used: missing, of an unsupported layout, not a VGG network, or with inconsistent
 * shapes. The message names the file or layer, what was found, and what to do.
 */
public final class KerasModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}.
   *
   * @param message what is wrong and how to fix it
   */
  public KerasModelException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} and the {@code cause}.
   *
   * @param message what is wrong and how to fix it
   * @param cause the underlying failure
   */
  public KerasModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
