/**
 * Reading Keras weights from every Keras file layout: SavedModels by checkpoint key (RestoreV2 plus the
 * checkpoint's object graph), {@code .h5}, {@code .weights.h5} and {@code .keras} through jhdf.
 */
package dev.tuna.finetune.load;
