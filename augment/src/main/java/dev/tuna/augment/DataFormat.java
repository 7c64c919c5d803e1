package dev.tuna.augment;

import dev.tuna.core.image.ImageLayout;

/** Axis layout of the arrays a generator accepts in {@code flow}/{@code fit} and returns in batches. */
public enum DataFormat {
  /** {@code (N, H, W, C)}, Keras' default. */
  CHANNELS_LAST("channels_last"),
  /** {@code (N, C, H, W)}. */
  CHANNELS_FIRST("channels_first");

  private final String kerasName;

  DataFormat(String kerasName) {
    this.kerasName = kerasName;
  }

  /** {@return the Keras spelling, {@code channels_last} or {@code channels_first}} */
  public String kerasName() {
    return kerasName;
  }

  /**
   * The layout of the batches this format produces.
   *
   * @return NCHW for channels-first, NHWC for channels-last
   */
  public ImageLayout layout() {
    return this == CHANNELS_FIRST ? ImageLayout.NCHW : ImageLayout.NHWC;
  }

  /**
   * Parses a Keras {@code data_format} string.
   *
   * @param name Keras' {@code data_format}
   * @return the data format
   */
  public static DataFormat fromKeras(String name) {
    for (DataFormat f : values()) {
      if (f.kerasName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("dataFormat should be \"channels_last\" (channel after row and column) or "
        + "\"channels_first\" (channel before row and column) but was " + name);
  }
}
