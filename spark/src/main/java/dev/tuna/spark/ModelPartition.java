package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Decodes a partition's images (RGB, resized to the model's input like {@code tuna classify}) in batches of
 * {@code batchSize} and emits {@code path, [key, label,] outputs..., error} per image.
 */
final class ModelPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final BatchRunner runner;
  private final int height;
  private final int width;
  private final int batchSize;
  private final BadImagePolicy policy;
  private final int pathIndex;
  private final int contentIndex;
  private final String base;

  ModelPartition(BatchRunner runner, int height, int width, int batchSize, BadImagePolicy policy, int pathIndex,
      int contentIndex, String baseDir) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    this.runner = runner;
    this.height = height;
    this.width = width;
    this.batchSize = batchSize;
    this.policy = policy;
    this.pathIndex = pathIndex;
    this.contentIndex = contentIndex;
    this.base = baseDir == null ? null : Rows.absolute(baseDir);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize(height, width).build();
    int per = height * width * 3;
    return new Iterator<>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && input.hasNext()) {
          nextBatch();
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }

      private void nextBatch() {
        float[] batch = new float[batchSize * per];
        List<String> paths = new ArrayList<>();
        List<Object> slots = new ArrayList<>(); // Integer batch index, or the error message
        int n = 0;
        while (n < batchSize && input.hasNext()) {
          Row row = input.next();
          String path = row.getString(pathIndex);
          paths.add(path);
          try {
            byte[] content = (byte[]) row.get(contentIndex);
            if (content == null) {
              throw new IOException("no content");
            }
            float[] x = loader.load(content, path).data();
            System.arraycopy(x, 0, batch, n * per, per);
            slots.add(n++);
          } catch (IOException | RuntimeException e) {
            String message = Rows.decodeError(path, e);
            if (policy == BadImagePolicy.FAIL) {
              throw new IllegalArgumentException(message, e);
            }
            slots.add(message);
          }
        }
        Object[][] out = n == 0 ? new Object[0][] : runner.run(n == batchSize ? batch
            : java.util.Arrays.copyOf(batch, n * per), n);
        for (int i = 0; i < paths.size(); i++) {
          Object slot = slots.get(i);
          pending.add(row(paths.get(i), slot instanceof Integer k ? out[k] : null,
              slot instanceof String s ? s : null));
        }
      }
    };
  }

  private Row row(String path, Object[] values, String error) {
    int extra = base == null ? 0 : 2;
    Object[] cells = new Object[2 + extra + runner.outputs()];
    cells[0] = path;
    if (base != null) {
      String key = Rows.key(path, base);
      cells[1] = key;
      cells[2] = Rows.label(key);
    }
    if (values != null) {
      System.arraycopy(values, 0, cells, 1 + extra, values.length);
    }
    cells[cells.length - 1] = error;
    return RowFactory.create(cells);
  }
}
