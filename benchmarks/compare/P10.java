import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.spark.Png;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The single-machine side of P10 (run by p10.py with the Java source launcher on the examples' runtime classpath).
 *
 * <pre>
 *   inputs DIR N SEED    N smooth JPEGs (160-320 px a side) in two class folders, unless DIR already holds N
 *   flow DIR TARGET PASSES   PASSES passes of flowFromDirectory over DIR in this JVM, one worker, the augmentation
 *                        of p10.py's spark augment run; prints {"images": n, "seconds": s, "images_per_s": r} per pass
 *   flowpng DIR TARGET OUT PASSES   the same passes, and every augmented image written as tuna spark augment writes
 *                        it: the same PNG encoder (dev.tuna.spark.Png) and file names (OUT/class/name_0.png), each
 *                        file into a hidden sibling of OUT that is moved into place at the end; the same JSON lines
 *   spark PASSES ARGS…   PASSES runs of dev.tuna.spark.Main with ARGS in this JVM (one Spark session), each printing
 *                        its summary line
 * </pre>
 */
public final class P10 {
  private P10() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "inputs" -> inputs(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
      case "flow" -> passes(Integer.parseInt(args[3]), () -> flow(Path.of(args[1]), Integer.parseInt(args[2]), null));
      case "flowpng" -> passes(Integer.parseInt(args[4]),
          () -> flow(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3])));
      case "spark" -> passes(Integer.parseInt(args[1]), () -> {
        int rc = dev.tuna.spark.Main.run(System.out, System.err, Arrays.copyOfRange(args, 2, args.length));
        if (rc != 0) {
          throw new IllegalStateException("tuna spark exited with " + rc);
        }
      });
      default -> throw new IllegalArgumentException("mode must be inputs, flow, flowpng or spark but was " + args[0]);
    }
  }

  interface Pass {
    void run() throws Exception;
  }

  static void passes(int n, Pass pass) throws Exception {
    for (int i = 0; i < n; i++) {
      pass.run();
    }
  }

  static void inputs(Path dir, int n, long seed) throws Exception {
    if (Files.isDirectory(dir)) {
      try (var s = Files.walk(dir)) {
        if (s.filter(p -> p.toString().endsWith(".jpg")).count() == n) {
          return;
        }
      }
    }
    Random r = new Random(seed);
    for (int k = 0; k < n; k++) {
      Path cls = Files.createDirectories(dir.resolve(k % 2 == 0 ? "cats" : "dogs"));
      int h = 160 + r.nextInt(161);
      int w = 160 + r.nextInt(161);
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      double[] f = {r.nextDouble() * 0.05, r.nextDouble() * 0.05, r.nextDouble() * 0.05, r.nextDouble() * 6};
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int red = (int) (127.5 + 127 * Math.sin(f[0] * x + f[3]));
          int green = (int) (127.5 + 127 * Math.sin(f[1] * y + f[3]));
          int blue = (int) (127.5 + 127 * Math.sin(f[2] * (x + y)));
          img.setRGB(x, y, (red << 16) | (green << 8) | blue);
        }
      }
      ImageIO.write(img, "jpeg", cls.resolve(String.format(Locale.ROOT, "%05d.jpg", k)).toFile());
    }
  }

  /**
   * One pass; with {@code out}, every image is also encoded as PNG and written as the Spark job writes it: each file
   * straight into a hidden sibling directory, which is moved into place at the end (out is replaced).
   */
  static void flow(Path dir, int target, Path out) throws Exception {
    if (out != null && Files.exists(out)) {
      try (var s = Files.walk(out)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    long t0 = System.nanoTime();
    Path staging = out == null ? null : out.resolveSibling("." + out.getFileName() + ".tmp");
    ImageDataGenerator gen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2)
        .heightShiftRange(0.2).shearRange(20).zoomRange(0.2).horizontalFlip(true).fillMode(FillMode.NEAREST)
        .build();
    long images = 0;
    try (DirectoryIterator it = gen.flowFromDirectory(dir).targetSize(target, target).batchSize(32).seed(1)
        .workers(1).build()) {
      List<String> names = it.filenames();
      while (it.hasNext()) {
        ImageBatch batch = it.next();
        if (out != null) {
          int[] indices = batch.indices();
          for (int i = 0; i < batch.size(); i++) {
            String name = names.get(indices[i]);
            Path file = staging.resolve(name.substring(0, name.lastIndexOf('.')) + "_0.png");
            Files.createDirectories(file.getParent());
            Files.write(file, Png.encode(batch.image(i)));
          }
        }
        images += batch.size();
      }
    }
    if (out != null) {
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "{\"images\": %d, \"seconds\": %.3f, \"images_per_s\": %.3f}%n", images, seconds,
        images / seconds);
  }
}
