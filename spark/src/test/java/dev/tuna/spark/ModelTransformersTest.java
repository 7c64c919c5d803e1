package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.Image;
import dev.tuna.core.io.ColorMode;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.FineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTransformersTest {
  static final Path CLASSIFIER = Path.of(System.getProperty("tuna.finetuneResources"), "keras3-classifier-export");
  static final Path MINI_VGG = Path.of(System.getProperty("tuna.finetuneResources"), "keras-mini-vgg",
      "keras3.keras");

  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path input;

  @BeforeAll
  static void start() throws Exception {
    spark = LocalSpark.session("local[2]");
    input = LocalSpark.classFolders(tmp.resolve("in"), 2, 3, 20, 18, 11);
  }

  private static List<Path> files() throws Exception {
    try (Stream<Path> s = Files.walk(input)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void classifierEqualsClassifierLoadOneImageAtATime() throws Exception {
    ImageClassifier t = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setBatchSize(4);
    List<Row> rows = t.transform(LocalSpark.images(spark, input, 3)).collectAsList();
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("path", "probability_0", "probability_1",
        "probability_2", "prediction", "error");
    try (Classifier c = Classifier.load(CLASSIFIER)) {
      ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize(c.height(), c.width()).build();
      for (Path f : files()) {
        Prediction p = c.predict(loader.load(f));
        Row row = rows.stream().filter(r -> r.getString(0).endsWith(input.relativize(f).toString())).findFirst()
            .orElseThrow();
        for (int k = 0; k < 3; k++) {
          assertThat(row.getFloat(1 + k)).isEqualTo(p.probabilities()[k]);
        }
        assertThat(row.getString(4)).isEqualTo(p.topClass());
        assertThat(row.isNullAt(5)).isTrue();
      }
    }
  }

  @Test
  void classifierShippedWithAddFileGivesTheSameProbabilities() {
    Dataset<Row> images = LocalSpark.images(spark, input, 2);
    List<Row> shared = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setModelDistribution("shared")
        .transform(images).orderBy("path").collectAsList();
    List<Row> shipped = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setModelDistribution("addFile")
        .transform(images).orderBy("path").collectAsList();
    assertThat(shipped).isEqualTo(shared);
  }

  @Test
  void featuresEqualTheBackboneOnOneImage() throws Exception {
    FeatureExtractor t = new FeatureExtractor().setModelPath(MINI_VGG.toString()).setInputSize(32, 32)
        .setPreprocessing("none").setBatchSize(4).setBaseDir(input.toString());
    List<Row> rows = t.transform(LocalSpark.images(spark, input, 2)).collectAsList();
    assertThat(rows).hasSize(6);
    ImageLoader loader = ImageLoader.builder().colorMode(ColorMode.RGB).targetSize(32, 32).build();
    try (FineTuner tuner = FineTuner.builder(KerasWeights.load(MINI_VGG)).inputShape(32, 32).classes(2)
        .preprocessing(Preprocessing.NONE).build()) {
      for (Path f : files()) {
        Image x = loader.load(f);
        float[] expected = tuner.features(x.data(), 1);
        String key = Augmentation.key(input, f);
        Row row = rows.stream().filter(r -> r.getString(1).equals(key)).findFirst().orElseThrow();
        assertThat(row.getString(2)).isEqualTo(key.substring(0, key.indexOf('/')));
        double[] actual = ((Vector) row.get(3)).toArray();
        assertThat(actual).hasSize(8);
        for (int i = 0; i < expected.length; i++) {
          assertThat((float) actual[i]).isEqualTo(expected[i]);
        }
      }
    }
  }

  @Test
  void aModelThatDoesNotLoadIsNamed() throws Exception {
    Path notAModel = Files.createDirectories(tmp.resolve("not-a-model"));
    assertThatThrownBy(() -> new ImageClassifier().setModelPath(notAModel.toString())
        .transform(LocalSpark.images(spark, input, 1))).hasMessageContaining("no saved_model.pb in " + notAModel);
    Path bad = Files.write(tmp.resolve("bad.h5"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> new FeatureExtractor().setModelPath(bad.toString()).setInputSize(32, 32)
        .transform(LocalSpark.images(spark, input, 1)).collectAsList())
        .hasStackTraceContaining("cannot load the model " + bad);
    assertThatThrownBy(() -> new FeatureExtractor().setModelPath(tmp.resolve("missing").toString())
        .transform(LocalSpark.images(spark, input, 1))).hasMessageContaining("does not exist");
  }

  @Test
  void corruptImageIsSkippedWithItsReason() throws Exception {
    Path in = LocalSpark.classFolders(tmp.resolve("corrupt"), 1, 1, 8, 8, 5);
    Files.write(in.resolve("class0/zz.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
    List<Row> rows = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setOnBadImage("skip")
        .transform(LocalSpark.images(spark, in, 1)).orderBy("path").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).isNullAt(5)).isTrue();
    assertThat(rows.get(1).getString(5)).contains("cannot decode image").contains("zz.jpg");
    assertThat(rows.get(1).isNullAt(4)).isTrue();
  }

  @Test
  void savedTransformersKeepTheirParams() throws Exception {
    FeatureExtractor f = new FeatureExtractor().setModelPath(MINI_VGG.toString()).setInputSize(32, 32);
    f.write().save(tmp.resolve("fe").toString());
    FeatureExtractor g = FeatureExtractor.load(tmp.resolve("fe").toString());
    assertThat(g.getOrDefault(g.inputSize())).containsExactly(32, 32);
    assertThat(g.getOrDefault(g.modelPath())).isEqualTo(MINI_VGG.toString());
    assertThat(g.getOrDefault(g.pathCol())).isEqualTo("path");
    assertThat(g.getOrDefault(g.modelDistribution())).isEqualTo("auto");
    ImageClassifier c = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setBatchSize(5)
        .setModelDistribution("addFile").setPathCol("file").setContentCol("bytes").setOnBadImage("skip");
    c.write().save(tmp.resolve("ic").toString());
    ImageClassifier d = ImageClassifier.load(tmp.resolve("ic").toString());
    assertThat(d.uid()).isEqualTo(c.uid());
    assertThat((Integer) d.getOrDefault(d.batchSize())).isEqualTo(5);
    assertThat(d.getOrDefault(d.modelDistribution())).isEqualTo("addFile");
    assertThat(d.getOrDefault(d.pathCol())).isEqualTo("file");
    assertThat(d.getOrDefault(d.contentCol())).isEqualTo("bytes");
    assertThat(d.getOrDefault(d.onBadImage())).isEqualTo("skip");
    assertThat(d.params()).extracting(p -> p.name()).containsExactlyInAnyOrder("batchSize", "contentCol",
        "modelDistribution", "modelPath", "onBadImage", "pathCol");
  }

  @Test
  void copyKeepsTheConcreteTypeAndItsParams() {
    FeatureExtractor f = new FeatureExtractor().setModelPath(MINI_VGG.toString()).setBatchSize(3);
    FeatureExtractor g = f.copy(new org.apache.spark.ml.param.ParamMap().put(f.batchSize(), (Object) 7));
    assertThat(g.uid()).isEqualTo(f.uid());
    assertThat((Integer) g.getOrDefault(g.batchSize())).isEqualTo(7);
    assertThat((Integer) f.getOrDefault(f.batchSize())).isEqualTo(3);
    assertThat(g.getOrDefault(g.modelPath())).isEqualTo(MINI_VGG.toString());
  }

  @Test
  void renamedInputColumnsAreRead() {
    Dataset<Row> renamed = LocalSpark.images(spark, input, 2).withColumnRenamed("path", "file")
        .withColumnRenamed("content", "bytes");
    List<Row> rows = new ImageClassifier().setModelPath(CLASSIFIER.toString()).setPathCol("file")
        .setContentCol("bytes").transform(renamed).collectAsList();
    assertThat(rows).hasSize(6).allMatch(r -> r.isNullAt(5));
    assertThatThrownBy(() -> new ImageClassifier().setModelPath(CLASSIFIER.toString()).transform(renamed))
        .hasMessageContaining("path");
  }
}
