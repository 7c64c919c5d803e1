package dev.tuna.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** An embedded Spark for tests, and tiny class-folder image sets. */
final class LocalSpark {
  private LocalSpark() {}

  /** The session on {@code master}, stopping one on another master first. */
  static synchronized SparkSession session(String master) {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null && !active.sparkContext().master().equals(master)) {
      active.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    return SparkSession.builder().master(master).appName("tuna-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** binaryFile rows of every file under {@code dir}, in {@code partitions} partitions. */
  static Dataset<Row> images(SparkSession spark, Path dir, int partitions) {
    return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(dir.toString())
        .repartition(partitions);
  }

  /** {@code classes} folders of {@code perClass} random PNG images of {@code h × w} under {@code dir}. */
  static Path classFolders(Path dir, int classes, int perClass, int h, int w, long seed) throws IOException {
    Random r = new Random(seed);
    for (int c = 0; c < classes; c++) {
      Path folder = Files.createDirectories(dir.resolve("class" + c));
      for (int i = 0; i < perClass; i++) {
        BufferedImage img = new BufferedImage(w + i, h + c, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            img.setRGB(x, y, r.nextInt(1 << 24));
          }
        }
        ImageIO.write(img, i % 2 == 0 ? "png" : "jpeg", folder.resolve("img" + i + (i % 2 == 0 ? ".png" : ".jpg"))
            .toFile());
      }
    }
    return dir;
  }
}
