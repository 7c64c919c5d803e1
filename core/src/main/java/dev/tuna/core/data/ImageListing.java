package dev.tuna.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable list of image files with their classes, as Keras' {@code DirectoryIterator} and
 * {@code DataFrameIterator} build it: {@code filenames} (relative, '/'-separated for directories; as given for
 * data frames), {@code filepaths}, the class index of each file, and the class indices in class order.
 */
public final class ImageListing {
  private final List<String> filenames;
  private final List<Path> filepaths;
  private final int[] classes;
  private final Map<String, Integer> classIndices;
  private final int numClasses;
  private final float[] sampleWeights;

  ImageListing(List<String> filenames, List<Path> filepaths, int[] classes, Map<String, Integer> classIndices,
      int numClasses, float[] sampleWeights) {
    this.filenames = List.copyOf(filenames);
    this.filepaths = List.copyOf(filepaths);
    this.classes = classes.clone();
    this.classIndices = Collections.unmodifiableMap(new LinkedHashMap<>(classIndices));
    this.numClasses = numClasses;
    this.sampleWeights = sampleWeights == null ? null : sampleWeights.clone();
  }

  /**
   * Number of files.
   *
   * @return the file count
   */
  public int size() {
    return filenames.size();
  }

  /**
   * File names relative to the listed directory, e.g. {@code cats/sub/c6.bmp}.
   *
   * @return the file names, in listing order
   */
  public List<String> filenames() {
    return filenames;
  }

  /**
   * The files' paths (the directory joined with each file name).
   *
   * @return the paths, in listing order
   */
  public List<Path> filepaths() {
    return filepaths;
  }

  /**
   * The class index of every file, in listing order (a copy).
   *
   * @return the class indices
   */
  public int[] classes() {
    return classes.clone();
  }

  /**
   * The class index of file {@code i}.
   *
   * @param i the file's position in the listing
   * @return the class index
   */
  public int classOf(int i) {
    return classes[i];
  }

  /**
   * Class name to index, in class order (unmodifiable).
   *
   * @return the class indices by name
   */
  public Map<String, Integer> classIndices() {
    return classIndices;
  }

  /**
   * The number of classes; Keras counts every requested class, duplicates included.
   *
   * @return the class count
   */
  public int numClasses() {
    return numClasses;
  }

  /**
   * Per-file sample weights from a data frame's weight column, or null (a copy).
   *
   * @return the sample weights, or null
   */
  public float[] sampleWeights() {
    return sampleWeights == null ? null : sampleWeights.clone();
  }

  @Override
  public String toString() {
    return "ImageListing[" + size() + " images, " + numClasses + " classes " + classIndices.keySet()
        + (sampleWeights == null ? "" : ", weighted") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageListing l && filenames.equals(l.filenames) && filepaths.equals(l.filepaths)
        && Arrays.equals(classes, l.classes) && classIndices.equals(l.classIndices) && numClasses == l.numClasses
        && Arrays.equals(sampleWeights, l.sampleWeights);
  }

  @Override
  public int hashCode() {
    return 31 * filenames.hashCode() + Arrays.hashCode(classes);
  }
}
