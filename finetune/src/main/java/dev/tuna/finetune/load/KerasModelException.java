package dev.tuna.finetune.load;

/**
 * A Keras file that cannot be used: missing, of an unsupported layout, not a VGG network, or with inconsistent
 * shapes. The message names the file or layer, what was found, and what to do.
 */
public final class KerasModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public KerasModelException(String message) {
    super(message);
  }

  public KerasModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
