package dev.tuna.core.data;

import dev.tuna.core.internal.Preconditions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lists a class-per-folder image directory exactly like Keras' {@code DirectoryIterator}
 * ({@code flow_from_directory}).
 *
 * <ul>
 *   <li>Classes: the sub-directories (symbolic links to directories count, and so do hidden ones such as
 *       {@code .ipynb_checkpoints}) sorted by code point ({@code "Birds" < "cats"}), or the given
 *       {@link Builder#classes classes} in the given order. A given class without a folder keeps its index and
 *       contributes no files.
 *   <li>Files: every directory below a class folder (links followed only with {@link Builder#followLinks}),
 *       sorted by full directory path, then file name; a file is an image when its lower-cased name ends with
 *       {@code png, jpg, jpeg, bmp, ppm, tif} or {@code tiff} (no dot, so {@code foopng} counts). Files directly in
 *       the directory are ignored.
 *   <li>Split: per class, the first {@code (int) (validationSplit * n)} files are the validation subset and the
 *       rest the training subset.
 * </ul>
 *
 * <p>Unlike Keras, a missing {@code directory} is an error even with explicit classes, and with
 * {@code followLinks} a link back to an ancestor directory is not followed (Python would recurse until the path
 * gets too long). Instances are immutable; {@link #scan()} reads the file system each time.
 */
public final class DirectoryScanner {
  private final Path directory;
  private final List<String> classes;
  private final boolean followLinks;
  private final double validationSplit;
  private final Subset subset;

  private DirectoryScanner(Builder b) {
    this.directory = b.directory;
    this.classes = b.classes == null ? List.of() : b.classes;
    this.followLinks = b.followLinks != null && b.followLinks;
    this.validationSplit = Double.isNaN(b.validationSplit) ? 0.0 : b.validationSplit;
    this.subset = b.subset;
  }

  /**
   * A builder for listing {@code directory}.
   *
   * @param directory the directory with one sub-directory per class, as Keras' {@code directory}
   * @return the builder
   */
  public static Builder builder(Path directory) {
    return new Builder(Preconditions.requireNonNull("directory", directory));
  }

  /**
   * Lists the directory.
   *
   * @return the listing
   * @throws NoSuchFileException if {@code directory} does not exist
   * @throws NotDirectoryException if it is not a directory
   * @throws IOException if it cannot be listed
   */
  public ImageListing scan() throws IOException {
    if (!Files.exists(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "image directory does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new NotDirectoryException(directory + ": not a directory (flow_from_directory needs one sub-directory "
          + "per class)");
    }
    List<String> names = classes.isEmpty() ? discoverClasses() : classes;
    Map<String, Integer> indices = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      indices.put(names.get(i), i);
    }
    List<String> filenames = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (String name : names) {
      List<String> files = listClass(name);
      int from = 0;
      int to = files.size();
      if (subset != null) {
        int[] range = subset.range(validationSplit, files.size());
        from = range[0];
        to = range[1];
      }
      for (String f : files.subList(from, to)) {
        filenames.add(f);
        labels.add(indices.get(name));
      }
    }
    List<Path> filepaths = new ArrayList<>(filenames.size());
    for (String f : filenames) {
      filepaths.add(directory.resolve(f));
    }
    return new ImageListing(filenames, filepaths, labels.stream().mapToInt(Integer::intValue).toArray(), indices,
        names.size(), null);
  }

  private List<String> discoverClasses() throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path p : entries) {
        if (Files.isDirectory(p)) {
          found.add(p.getFileName().toString());
        }
      }
    }
    found.sort(PythonOrder.CODE_POINTS);
    return found;
  }

  /** One class's image files as {@code class/sub/file} names, in Keras order. */
  private List<String> listClass(String name) {
    List<Root> roots = new ArrayList<>();
    Path top = directory.resolve(name);
    walk(top, "", roots, new HashSet<>());
    roots.sort((a, b) -> PythonOrder.CODE_POINTS.compare(a.relative, b.relative));
    List<String> out = new ArrayList<>();
    for (Root root : roots) {
      root.files.sort(PythonOrder.CODE_POINTS);
      for (String f : root.files) {
        if (PythonOrder.hasImageExtension(f)) {
          out.add(name + root.relative + "/" + f);
        }
      }
    }
    return out;
  }

  private record Root(String relative, List<String> files) {}

  /** {@code os.walk(top, followlinks)}: unreadable directories are skipped silently, as with {@code onerror=None}. */
  private void walk(Path dir, String relative, List<Root> roots, Set<Path> ancestors) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return;
    }
    if (!ancestors.add(real)) {
      return;
    }
    List<String> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        (Files.isDirectory(p) ? dirs : files).add(p.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      ancestors.remove(real);
      return;
    }
    roots.add(new Root(relative, files));
    for (String d : dirs) {
      Path sub = dir.resolve(d);
      if (followLinks || !Files.isSymbolicLink(sub)) {
        walk(sub, relative + "/" + d, roots, ancestors);
      }
    }
    ancestors.remove(real);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DirectoryScanner[%s, classes=%s, followLinks=%s, validationSplit=%s, "
        + "subset=%s]", directory, classes.isEmpty() ? "(discovered)" : classes, followLinks, validationSplit,
        subset == null ? "none" : subset.kerasName());
  }

  /** Builds a {@link DirectoryScanner}; each option may be set once. */
  public static final class Builder {
    private final Path directory;
    private List<String> classes;
    private Boolean followLinks;
    private double validationSplit = Double.NaN;
    private Subset subset;

    private Builder(Path directory) {
      this.directory = directory;
    }

    /**
     * Explicit class names in index order (default: the sorted sub-directories). An empty list means default.
     *
     * @param classes Keras' {@code classes}
     * @return this builder
     */
    public Builder classes(List<String> classes) {
      if (this.classes != null) {
        throw new IllegalStateException("classes was already set to " + this.classes);
      }
      this.classes = List.copyOf(Preconditions.requireNonNull("classes", classes));
      return this;
    }

    /**
     * Whether to descend into symbolic links to directories below a class folder (default false).
     *
     * @param followLinks Keras' {@code follow_links}
     * @return this builder
     */
    public Builder followLinks(boolean followLinks) {
      if (this.followLinks != null) {
        throw new IllegalStateException("followLinks was already set to " + this.followLinks);
      }
      this.followLinks = followLinks;
      return this;
    }

    /**
     * The fraction of each class reserved for validation (default 0).
     *
     * @param validationSplit Keras' {@code validation_split}
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= validationSplit < 1}
     */
    public Builder validationSplit(double validationSplit) {
      this.validationSplit = Subset.checkValidationSplit(this.validationSplit, validationSplit);
      return this;
    }

    /**
     * Which subset to list (default: all files).
     *
     * @param subset Keras' {@code subset}
     * @return this builder
     */
    public Builder subset(Subset subset) {
      if (this.subset != null) {
        throw new IllegalStateException("subset was already set to " + this.subset.kerasName());
      }
      this.subset = Preconditions.requireNonNull("subset", subset);
      return this;
    }

    /** {@return the scanner} */
    public DirectoryScanner build() {
      return new DirectoryScanner(this);
    }
  }
}
