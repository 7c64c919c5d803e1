package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.spark.Augmentation;
import dev.tuna.spark.Png;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SparkCommandTest {
  static final Path CLASSIFIER = Path.of(System.getProperty("tuna.finetuneResources",
      "../finetune/src/test/resources"), "keras3-classifier-export");

  @TempDir
  static Path tmp;

  static Path input;

  @BeforeAll
  static void images() throws Exception {
    input = tmp.resolve("in");
    Random r = new Random(3);
    for (String cls : List.of("cats", "dogs")) {
      Path dir = Files.createDirectories(input.resolve(cls));
      for (int i = 0; i < 3; i++) {
        BufferedImage img = new BufferedImage(9 + i, 7 + i, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            img.setRGB(x, y, r.nextInt(1 << 24));
          }
        }
        ImageIO.write(img, "png", dir.resolve(cls + i + ".png").toFile());
      }
    }
  }

  private static List<Path> files() throws Exception {
    try (Stream<Path> s = Files.walk(input)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void sparkClassifyEqualsClassifyJson() throws Exception {
    Path out = tmp.resolve("classified");
    CliRun run = CliRun.of("spark", "classify", "--input", input.toString(), "--output", out.toString(),
        "--master", "local[2]", "--partitions", "3", "--model", CLASSIFIER.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 input images, 6 rows written, 0 skipped");
    List<String> args = new ArrayList<>(List.of("classify", "--json", "--model", CLASSIFIER.toString()));
    files().forEach(p -> args.add(p.toString()));
    CliRun json = CliRun.of(args.toArray(String[]::new));
    assertThat(json.exitCode()).as(json.err()).isZero();
    List<Row> rows = SparkSession.active().read().parquet(out.toString()).collectAsList();
    assertThat(rows).hasSize(6);
    for (JsonElement e : JsonParser.parseString(json.out()).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      String file = Path.of(o.get("file").getAsString()).toUri().getPath();
      Row row = rows.stream().filter(x -> x.getString(0).endsWith(file)).findFirst().orElseThrow();
      assertThat(row.getString(row.fieldIndex("prediction"))).isEqualTo(o.get("class").getAsString());
      for (String cls : o.getAsJsonObject("probabilities").keySet()) {
        assertThat(row.getFloat(row.fieldIndex("probability_" + cls)))
            .isEqualTo(o.getAsJsonObject("probabilities").get(cls).getAsFloat());
      }
    }
  }

  @Test
  void sparkAugmentWritesTheSingleMachineAugmentationInClassFolders() throws Exception {
    Path out = tmp.resolve("augmented");
    CliRun run = CliRun.of("spark", "augment", "--input", input.toString(), "--output", out.toString(),
        "--master", "local[2]", "--partitions", "4", "--copies", "2", "--seed", "5", "--target-size", "8,9",
        "--rotation-range", "30", "--horizontal-flip", "--width-shift-range", "[-2,0,2]", "--fill-mode", "reflect");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 input images, 12 images written, 0 skipped");
    Augmentation single = Augmentation.builder().copies(2).seed(5).targetSize(8, 9).option("--rotation-range", "30")
        .option("--horizontal-flip", "true").option("--width-shift-range", "[-2,0,2]")
        .option("--fill-mode", "reflect").build();
    for (Path f : files()) {
      List<dev.tuna.core.image.Image> copies = single.augment(input, f);
      String key = Augmentation.key(input, f);
      for (int k = 0; k < 2; k++) {
        Path written = out.resolve(key.replace(".png", "_" + k + ".png"));
        assertThat(Files.readAllBytes(written)).as(key).isEqualTo(Png.encode(copies.get(k)));
      }
    }

    CliRun again = CliRun.of("spark", "augment", "--input", input.toString(), "--output", out.toString(),
        "--master", "local[2]");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("--output " + out).contains("already exists").contains("--overwrite");
  }

  @Test
  void sparkAugmentWithLayersEqualsTheSingleMachineAugmentationWithTheSameLayers() throws Exception {
    String spec = "[{\"class_name\": \"RandomFlip\", \"config\": {\"mode\": \"horizontal_and_vertical\", "
        + "\"seed\": 1}}, {\"class_name\": \"RandomContrast\", \"config\": {\"factor\": 0.4}}]";
    Path specFile = tmp.resolve("layers.json");
    Files.writeString(specFile, spec);
    Path out = tmp.resolve("augmented-layers");
    CliRun run = CliRun.of("spark", "augment", "--input", input.toString(), "--output", out.toString(),
        "--master", "local[2]", "--partitions", "3", "--copies", "2", "--seed", "9", "--target-size", "8,9",
        "--rotation-range", "20", "--layers", specFile.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 input images, 12 images written, 0 skipped");
    Augmentation single = Augmentation.builder().copies(2).seed(9).targetSize(8, 9).option("--rotation-range", "20")
        .layers(spec).build();
    for (Path f : files()) {
      List<dev.tuna.core.image.Image> copies = single.augment(input, f);
      String key = Augmentation.key(input, f);
      for (int k = 0; k < 2; k++) {
        Path written = out.resolve(key.replace(".png", "_" + k + ".png"));
        assertThat(Files.readAllBytes(written)).as(key).isEqualTo(Png.encode(copies.get(k)));
      }
    }
    CliRun missing = CliRun.of("spark", "augment", "--input", input.toString(), "--output",
        tmp.resolve("nolayers").toString(), "--master", "local[2]", "--layers", tmp.resolve("none.json").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("--layers").contains("none.json").contains("does not exist");
  }

  @Test
  void badInputIsNamed() {
    CliRun missing = CliRun.of("spark", "features", "--input", tmp.resolve("none").toString(), "--output",
        tmp.resolve("f").toString(), "--master", "local[2]", "--model", CLASSIFIER.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("--input").contains("none").contains("does not exist");
    CliRun unsupported = CliRun.of("spark", "augment", "--input", input.toString(), "--output",
        tmp.resolve("z").toString(), "--featurewise-center");
    assertThat(unsupported.exitCode()).isEqualTo(1);
    assertThat(unsupported.err()).contains("--featurewise-center").contains("not supported on Spark");
    assertThat(Files.exists(tmp.resolve("z"))).isFalse();
  }

  @Test
  void trainHeadOnSparkFeaturesExportsAClassifier() throws Exception {
    Path vgg = Path.of(System.getProperty("tuna.finetuneResources", "../finetune/src/test/resources"),
        "keras-mini-vgg", "keras3.keras");
    Path features = tmp.resolve("features");
    CliRun extract = CliRun.of("spark", "features", "--input", input.toString(), "--output", features.toString(),
        "--master", "local[2]", "--model", vgg.toString(), "--target-size", "32,32", "--preprocess", "rescale");
    assertThat(extract.exitCode()).as(extract.err()).isEqualTo(0);
    Path out = tmp.resolve("head");
    CliRun run = CliRun.of("spark", "train-head", "--features", features.toString(), "--validation",
        features.toString(), "--model", vgg.toString(), "--output", out.toString(), "--target-size", "32,32",
        "--preprocess", "rescale", "--epochs", "2", "--batch-size", "4", "--master", "local[2]");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("Epoch 2/2").contains("6 training and 6 validation samples of 2 classes "
        + "[cats, dogs], 2 epochs");
    try (dev.tuna.finetune.export.Classifier c = dev.tuna.finetune.export.Classifier.load(out.resolve("model"))) {
      assertThat(c.classNames()).containsExactly("cats", "dogs");
      assertThat(c.height()).isEqualTo(32);
    }
    assertThat(out.resolve("history.csv")).exists();
    CliRun again = CliRun.of("spark", "train-head", "--features", features.toString(), "--model", vgg.toString(),
        "--output", out.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
  }
}
