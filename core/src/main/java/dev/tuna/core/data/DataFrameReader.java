package dev.tuna.core.data;

import dev.tuna.core.internal.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds an {@link ImageListing} from a CSV file with Keras' {@code flow_from_dataframe} rules (a deliberately
 * small subset: one label per row, string labels).
 *
 * <ul>
 *   <li>With {@code validateFilenames} (default) rows are dropped whose path (the directory joined with the
 *       {@code xCol} value) is not an existing regular file or lacks an image extension.
 *   <li>For categorical, binary and sparse labels the classes are the given ones (duplicates removed, rows with
 *       other labels dropped) or the sorted set of labels; binary needs exactly two.
 *   <li>The split is on row order after filtering: the first {@code (int) (validationSplit * rows)} rows are the
 *       validation subset.
 * </ul>
 *
 * <p>Differences to Keras with pandas: every cell is a string (pandas would parse numeric label columns as numbers,
 * which Keras then rejects), and multi-label list cells are not supported.
 */
public final class DataFrameReader {
  private final Path csv;
  private final Path directory;
  private final String xCol;
  private final String yCol;
  private final String weightCol;
  private final List<String> classes;
  private final ClassMode classMode;
  private final boolean validateFilenames;
  private final double validationSplit;
  private final Subset subset;

  private DataFrameReader(Builder b) {
    this.csv = b.csv;
    this.directory = b.directory;
    this.xCol = b.xCol == null ? "filename" : b.xCol;
    this.yCol = b.yCol == null ? "class" : b.yCol;
    this.weightCol = b.weightCol;
    this.classes = b.classes == null ? List.of() : b.classes;
    this.classMode = b.classMode == null ? ClassMode.CATEGORICAL : b.classMode;
    this.validateFilenames = b.validateFilenames == null || b.validateFilenames;
    this.validationSplit = Double.isNaN(b.validationSplit) ? 0.0 : b.validationSplit;
    this.subset = b.subset;
  }

  /**
   * A builder reading the CSV file {@code csv} (UTF-8, header row first).
   *
   * @param csv the CSV file, as Keras' {@code dataframe}
   * @return a builder
   */
  public static Builder builder(Path csv) {
    return new Builder(Preconditions.requireNonNull("csv", csv));
  }

  /**
   * Reads the CSV and lists its images.
   *
   * @return the listing
   * @throws IOException if the CSV cannot be read
   * @throws IllegalArgumentException if a column is missing or a value violates Keras' rules; the message names
   *     the CSV file
   */
  public ImageListing read() throws IOException {
    List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(csv + ": the CSV file has no header row");
    }
    List<String> header = rows.get(0);
    int x = column(header, xCol, "xCol");
    boolean labelled = classMode == ClassMode.CATEGORICAL || classMode == ClassMode.BINARY
        || classMode == ClassMode.SPARSE;
    int y = labelled ? column(header, yCol, "yCol") : -1;
    int w = weightCol == null ? -1 : column(header, weightCol, "weightCol");
    List<List<String>> data = new ArrayList<>(rows.subList(1, rows.size()));
    for (List<String> r : data) {
      if (r.size() > header.size()) {
        throw new IllegalArgumentException(csv + ": a row has " + r.size() + " fields but the header has "
            + header.size() + ": " + r);
      }
      if (cell(r, x) == null) {
        throw new IllegalArgumentException(csv + ": All values in column x_col=" + xCol + " must be strings.");
      }
      if (y >= 0 && cell(r, y) == null) {
        throw new IllegalArgumentException(csv + ": If class_mode=\"" + classMode.kerasName() + "\", y_col=\""
            + yCol + "\" column values must be strings (found an empty cell).");
      }
    }
    if (classMode == ClassMode.BINARY) {
      int n = classes.isEmpty() ? (int) data.stream().map(r -> cell(r, y)).distinct().count()
          : new LinkedHashSet<>(classes).size();
      if (n != 2) {
        throw new IllegalArgumentException(csv + ": If class_mode=\"binary\" there must be 2 classes. "
            + (classes.isEmpty() ? "Found " + n + " classes." : n + " class/es were given."));
      }
    }
    float[] allWeights = w < 0 ? null : weights(data, w);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      if (!validateFilenames || validFile(cell(data.get(i), x))) {
        kept.add(i);
      }
    }
    Map<String, Integer> indices = new LinkedHashMap<>();
    if (labelled) {
      List<String> names;
      if (classes.isEmpty()) {
        TreeSet<String> sorted = new TreeSet<>(PythonOrder.CODE_POINTS);
        kept.forEach(i -> sorted.add(cell(data.get(i), y)));
        names = new ArrayList<>(sorted);
      } else {
        names = new ArrayList<>(new LinkedHashSet<>(classes));
      }
      for (int i = 0; i < names.size(); i++) {
        indices.put(names.get(i), i);
      }
      kept.removeIf(i -> !indices.containsKey(cell(data.get(i), y)));
    }
    int from = 0;
    int to = kept.size();
    if (subset != null) {
      int[] range = subset.range(validationSplit, kept.size());
      from = range[0];
      to = range[1];
    }
    List<Integer> selected = kept.subList(from, to);
    List<String> filenames = new ArrayList<>();
    List<Path> filepaths = new ArrayList<>();
    int[] labels = new int[labelled ? selected.size() : 0];
    float[] weights = allWeights == null ? null : new float[selected.size()];
    for (int k = 0; k < selected.size(); k++) {
      List<String> r = data.get(selected.get(k));
      filenames.add(cell(r, x));
      filepaths.add(resolve(cell(r, x)));
      if (labelled) {
        labels[k] = indices.get(cell(r, y));
      }
      if (weights != null) {
        weights[k] = allWeights[selected.get(k)];
      }
    }
    return new ImageListing(filenames, filepaths, labels, indices, indices.size(), weights);
  }

  private int column(List<String> header, String name, String option) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(option + " '" + name + "' is not a column of " + csv + " (columns: "
          + String.join(", ", header.stream().map(String::valueOf).toList()) + ")");
    }
    return i;
  }

  private static String cell(List<String> row, int i) {
    return i < row.size() ? row.get(i) : null;
  }

  private float[] weights(List<List<String>> data, int w) {
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) {
      String v = cell(data.get(i), w);
      try {
        out[i] = v == null ? Float.NaN : Float.parseFloat(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(csv + ": Column weight_col=" + weightCol + " must be numeric (found '"
            + v + "').", e);
      }
    }
    return out;
  }

  private Path resolve(String filename) {
    try {
      return directory == null ? Path.of(filename) : directory.resolve(filename);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(csv + ": '" + filename + "' in column x_col=" + xCol
          + " is not a valid path (" + e.getReason() + ")", e);
    }
  }

  /** Like Keras' {@code os.path.isfile} check: a name that cannot be a path (e.g. with a NUL) is no file. */
  private boolean validFile(String filename) {
    Path p;
    try {
      p = directory == null ? Path.of(filename) : directory.resolve(filename);
    } catch (InvalidPathException e) {
      return false;
    }
    return PythonOrder.hasImageExtension(p.toString()) && Files.isRegularFile(p);
  }

  /** Builds a {@link DataFrameReader}; each option may be set once. */
  public static final class Builder {
    private final Path csv;
    private Path directory;
    private String xCol;
    private String yCol;
    private String weightCol;
    private List<String> classes;
    private ClassMode classMode;
    private Boolean validateFilenames;
    private double validationSplit = Double.NaN;
    private Subset subset;

    private Builder(Path csv) {
      this.csv = csv;
    }

    private static void requireUnset(Object value, String option) {
      Preconditions.requireUnset(value != null, option, value);
    }

    /**
     * The directory the file names are relative to (default: none, names are used as given).
     *
     * @param directory Keras' {@code directory}
     * @return this builder
     */
    public Builder directory(Path directory) {
      requireUnset(this.directory, "directory");
      this.directory = Preconditions.requireNonNull("directory", directory);
      return this;
    }

    /**
     * The file name column (default {@code filename}).
     *
     * @param xCol Keras' {@code x_col}
     * @return this builder
     */
    public Builder xCol(String xCol) {
      requireUnset(this.xCol, "xCol");
      this.xCol = Preconditions.requireNonNull("xCol", xCol);
      return this;
    }

    /**
     * The label column (default {@code class}).
     *
     * @param yCol Keras' {@code y_col}
     * @return this builder
     */
    public Builder yCol(String yCol) {
      requireUnset(this.yCol, "yCol");
      this.yCol = Preconditions.requireNonNull("yCol", yCol);
      return this;
    }

    /**
     * A numeric sample-weight column (default: none).
     *
     * @param weightCol Keras' {@code weight_col}
     * @return this builder
     */
    public Builder weightCol(String weightCol) {
      requireUnset(this.weightCol, "weightCol");
      this.weightCol = Preconditions.requireNonNull("weightCol", weightCol);
      return this;
    }

    /**
     * Explicit classes in index order (default: the sorted labels).
     *
     * @param classes Keras' {@code classes}
     * @return this builder
     */
    public Builder classes(List<String> classes) {
      requireUnset(this.classes, "classes");
      this.classes = List.copyOf(Preconditions.requireNonNull("classes", classes));
      return this;
    }

    /**
     * The label encoding (default {@link ClassMode#CATEGORICAL}); INPUT and NONE read no label column.
     *
     * @param classMode Keras' {@code class_mode}
     * @return this builder
     */
    public Builder classMode(ClassMode classMode) {
      requireUnset(this.classMode, "classMode");
      this.classMode = Preconditions.requireNonNull("classMode", classMode);
      return this;
    }

    /**
     * Whether to drop rows whose file is missing or not an image by extension (default true).
     *
     * @param validateFilenames Keras' {@code validate_filenames}
     * @return this builder
     */
    public Builder validateFilenames(boolean validateFilenames) {
      requireUnset(this.validateFilenames, "validateFilenames");
      this.validateFilenames = validateFilenames;
      return this;
    }

    /**
     * The fraction of rows reserved for validation (default 0).
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
     * Which subset to list (default: all rows).
     *
     * @param subset Keras' {@code subset}
     * @return this builder
     */
    public Builder subset(Subset subset) {
      requireUnset(this.subset, "subset");
      this.subset = Preconditions.requireNonNull("subset", subset);
      return this;
    }

    /** {@return the reader} */
    public DataFrameReader build() {
      return new DataFrameReader(this);
    }
  }
}
