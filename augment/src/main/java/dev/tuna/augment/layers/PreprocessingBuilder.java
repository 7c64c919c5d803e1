package dev.tuna.augment.layers;

import static dev.tuna.core.internal.Preconditions.requireArgument;
import static dev.tuna.core.internal.Preconditions.requireNonNull;
import static dev.tuna.core.internal.Preconditions.requireUnset;

import dev.tuna.augment.DataFormat;
import java.util.Arrays;

/**
 * The options every Keras image preprocessing layer takes: {@code bounding_box_format} and {@code data_format}.
 * Random layers add {@code seed} ({@link LayerBuilder}); {@link Resizing} and {@link CenterCrop} have none. Options
 * can be set once each; {@code build()} can be called again.
 *
 * @param <L> the layer
 * @param <B> the concrete builder
 */
public abstract class PreprocessingBuilder<L extends AugmentationLayer, B extends PreprocessingBuilder<L, B>> {
  String boundingBoxFormat;
  DataFormat dataFormat = DataFormat.CHANNELS_LAST;
  private boolean dataFormatSet;

  PreprocessingBuilder() {}

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /**
   * The coordinates of the boxes the layer transforms, as Keras' {@code bounding_box_format}: {@code "xyxy"},
   * {@code "yxyx"}, {@code "xywh"}, {@code "center_xywh"}, {@code "center_yxhw"}, {@code "rel_xyxy"},
   * {@code "rel_yxyx"}, {@code "rel_xywh"} or {@code "rel_center_xywh"}.
   *
   * @param format the format name
   * @return this builder
   */
  public B boundingBoxFormat(String format) {
    requireNonNull("boundingBoxFormat", format);
    requireUnset(boundingBoxFormat != null, "boundingBoxFormat", boundingBoxFormat);
    requireArgument(BoxFormat.of(format) != null, "boundingBoxFormat must be one of %s but was %s",
        Arrays.stream(BoxFormat.values()).map(BoxFormat::kerasName).toList(), format);
    this.boundingBoxFormat = format;
    return self();
  }

  /**
   * The axis order of the images the layer takes, as Keras' {@code data_format} (default channels_last); the
   * batch must be in this order ({@link LayerBatch#ofChannelsFirst}).
   *
   * @param dataFormat the axis order
   * @return this builder
   */
  public B dataFormat(DataFormat dataFormat) {
    requireNonNull("dataFormat", dataFormat);
    requireUnset(dataFormatSet, "dataFormat", this.dataFormat);
    this.dataFormat = dataFormat;
    this.dataFormatSet = true;
    return self();
  }

  /**
   * Builds the layer; the builder can be used again.
   *
   * @return the layer
   */
  public abstract L build();
}
