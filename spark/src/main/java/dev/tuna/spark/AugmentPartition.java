package dev.tuna.spark;

import dev.tuna.augment.BadImagePolicy;
import dev.tuna.core.image.Image;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** {@link ImageAugmenter}'s work on one partition: rows in, {@code copies} rows out per image, lazily. */
final class AugmentPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Augmentation augmentation;
  private final BadImagePolicy policy;
  private final boolean floats;
  private final String base;
  private final int pathIndex;
  private final int contentIndex;

  AugmentPartition(Augmentation augmentation, BadImagePolicy policy, boolean floats, String baseDir, int pathIndex,
      int contentIndex) {
    this.augmentation = augmentation;
    this.policy = policy;
    this.floats = floats;
    this.base = Rows.absolute(baseDir);
    this.pathIndex = pathIndex;
    this.contentIndex = contentIndex;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();
      /** For PNG output, reused from image to image: the decoded pixels and the warp's output. */
      private float[] decoded;
      private Image warped;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && input.hasNext()) {
          expand(input.next());
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

      private void expand(Row row) {
        String path = row.getString(pathIndex);
        String key = Rows.key(path, base);
        String label = Rows.label(key);
        Image loaded;
        try {
          byte[] content = (byte[]) row.get(contentIndex);
          if (content == null) {
            throw new IOException("no content");
          }
          loaded = augmentation.loader().load(content, path, floats ? null : decoded);
        } catch (IOException | RuntimeException e) {
          String message = Rows.decodeError(path, e);
          if (policy == BadImagePolicy.FAIL) {
            throw new IllegalArgumentException(message, e);
          }
          pending.add(RowFactory.create(path, key, label, -1, 0, 0, 0, null, message));
          return;
        }
        if (floats) {
          for (int k = 0; k < augmentation.copies(); k++) {
            Image x = augmentation.augment(loaded, key, k);
            pending.add(RowFactory.create(path, key, label, k, x.height(), x.width(), x.channels(), x.data(), null));
          }
          return;
        }
        // PNG bytes: every copy is encoded before the next image is decoded, so the pixel arrays are reused
        decoded = loaded.data();
        if (warped == null || !warped.sameShape(loaded)) {
          warped = Image.wrap(loaded.height(), loaded.width(), loaded.channels(),
              new float[loaded.height() * loaded.width() * loaded.channels()]);
        }
        for (int k = 0; k < augmentation.copies(); k++) {
          Image x = augmentation.augment(loaded, key, k, warped);
          Object value = Png.encode(x);
          pending.add(RowFactory.create(path, key, label, k, x.height(), x.width(), x.channels(), value, null));
        }
      }
    };
  }
}
