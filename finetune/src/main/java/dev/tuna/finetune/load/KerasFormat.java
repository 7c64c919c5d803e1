package dev.tuna.finetune.load;

/** The Keras file layouts {@link KerasWeights} reads. */
public enum KerasFormat {
  /** Keras 3 {@code model.export(dir)} (ExportArchive SavedModel). */
  KERAS3_EXPORT("Keras 3 model.export() SavedModel"),
  /** tf_keras / Keras 2 {@code model.save(dir)} or {@code tf.saved_model.save(model, dir)}. */
  TF_KERAS_SAVED_MODEL("tf_keras (Keras 2) SavedModel"),
  /** Keras 2 full-model HDF5 ({@code model.save("x.h5")}, weights under {@code model_weights}). */
  KERAS2_H5("Keras 2 full-model .h5"),
  /** Keras 2 weights-only HDF5, the layout of {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}. */
  KERAS2_WEIGHTS_H5("Keras 2 weights .h5"),
  /** Keras 3 {@code model.save("x.keras")}. */
  KERAS3_KERAS("Keras 3 .keras archive"),
  /** Keras 3 {@code model.save_weights("x.weights.h5")}. */
  KERAS3_WEIGHTS_H5("Keras 3 .weights.h5");

  private final String description;

  KerasFormat(String description) {
    this.description = description;
  }

  /**
   * A human-readable name used in messages.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
