package dev.tuna.core.io;

import java.io.IOException;

/**
 * An image could not be decoded: the bytes are empty, not an image of a supported format, corrupt, truncated, or
 * larger than the decoder's pixel limit. The message starts with the file (or source) name.
 */
public final class ImageDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file name or other source description. */
  private final String source;

  ImageDecodeException(String source, String problem) {
    super(source + ": " + problem);
    this.source = source;
  }

  ImageDecodeException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
  }

  /**
   * The file name or other source description the failing bytes came from.
   *
   * @return the source
   */
  public String source() {
    return source;
  }
}
