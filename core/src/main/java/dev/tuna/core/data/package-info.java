/**
 * Datasets as Keras' iterators see them before any pixel is read: {@link dev.tuna.core.data.DirectoryScanner}
 * ({@code flow_from_directory} listing and per-class {@code validation_split}),
 * {@link dev.tuna.core.data.DataFrameReader} (a CSV version of {@code flow_from_dataframe}),
 * {@link dev.tuna.core.data.ImageListing}, and the label encodings of {@link dev.tuna.core.data.ClassMode}.
 */
package dev.tuna.core.data;
