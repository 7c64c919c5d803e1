package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import dev.tuna.finetune.train.Batches;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.History;
import dev.tuna.finetune.train.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features on Spark, head on the driver: the model tuna finetune trains on the images without augmentation. */
class HeadJobTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path train;
  static Path validation;

  @BeforeAll
  static void start() throws Exception {
    spark = LocalSpark.session("local[2]");
    train = LocalSpark.classFolders(tmp.resolve("train"), 3, 4, 20, 18, 21);
    // nested folders, one named like a prefix of the other: flowFromDirectory's order of directories
    for (String dir : List.of("n", "n m")) {
      Path d = LocalSpark.classFolders(train.resolve("class1").resolve(dir), 1, 1, 17, 21, dir.length());
      Files.move(d.resolve("class0/img0.png"), d.resolve("img0.png"));
      Files.delete(d.resolve("class0"));
    }
    validation = LocalSpark.classFolders(tmp.resolve("validation"), 3, 2, 19, 22, 22);
  }

  private static Path features(Path images, String name) {
    Path out = tmp.resolve(name);
    new FeatureExtractor().setModelPath(ModelTransformersTest.MINI_VGG.toString()).setInputSize(32, 32)
        .setPreprocessing("rescale").setBatchSize(5).setBaseDir(images.toString())
        .transform(LocalSpark.images(spark, images, 3)).write().parquet(out.toUri().toString());
    return out;
  }

  private static Optimizer optimizer() {
    return Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9);
  }

  @Test
  void headOnSparkFeaturesEqualsFinetuneOnImagesWithoutAugmentation() throws Exception {
    Path out = tmp.resolve("head");
    HeadJob.Summary s = HeadJob.builder().features(features(train, "train.parquet"))
        .validation(features(validation, "validation.parquet")).model(ModelTransformersTest.MINI_VGG)
        .output(out).targetSize(32, 32).preprocessing("rescale").optimizer(optimizer()).epochs(3).batchSize(5)
        .seed(9).build().run();
    assertThat(s.samples()).isEqualTo(14);
    assertThat(s.validationSamples()).isEqualTo(6);
    assertThat(s.classNames()).containsExactly("class0", "class1", "class2");
    assertThat(out.resolve("history.json")).exists();

    KerasWeights vgg = KerasWeights.load(ModelTransformersTest.MINI_VGG);
    ImageDataGenerator plain = ImageDataGenerator.builder().build();
    Path expectedModel = tmp.resolve("on-images");
    History expected;
    try (DirectoryIterator t = plain.flowFromDirectory(train).targetSize(32, 32).batchSize(5).seed(9).build();
        DirectoryIterator v = plain.flowFromDirectory(validation).targetSize(32, 32).batchSize(5).shuffle(false)
            .build();
        FineTuner tuner = FineTuner.builder(vgg).inputShape(32, 32).classNames(s.classNames())
            .freezeFirst(VggArchitecture.from(vgg).layers().size()).optimizer(optimizer())
            .preprocessing(Preprocessing.RESCALE).seed(9).build()) {
      expected = tuner.fit(Batches.of(t), 3, Batches.of(v),
          dev.tuna.finetune.callbacks.ModelCheckpoint.builder(expectedModel).monitor("val_loss").saveBestOnly(true)
              .build());
    }
    for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      List<Double> actual = s.history().get(key);
      assertThat(actual).as(key).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(actual.get(i)).as(key + " " + i).isCloseTo(expected.get(key).get(i), Offset.offset(1e-6));
      }
    }
    try (Classifier a = Classifier.load(out.resolve("model")); Classifier b = Classifier.load(expectedModel);
        var files = Files.walk(validation)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Prediction p = a.predict(dev.tuna.core.io.ImageLoader.builder().targetSize(32, 32).build().load(f));
        Prediction q = b.predict(dev.tuna.core.io.ImageLoader.builder().targetSize(32, 32).build().load(f));
        assertThat(p.topClass()).isEqualTo(q.topClass());
        for (int k = 0; k < 3; k++) {
          assertThat(p.probabilities()[k]).isCloseTo(q.probabilities()[k], Offset.offset(1e-6f));
        }
      }
    }
  }

  @Test
  void badInputIsNamedAndLeavesNoOutput() throws Exception {
    Path out = tmp.resolve("refused");
    assertThatThrownBy(() -> HeadJob.builder().features(tmp.resolve("missing")).model(ModelTransformersTest.MINI_VGG)
        .output(out).build().run()).hasMessageContaining("--features " + tmp.resolve("missing") + " does not exist");
    Path wrongSize = features(validation, "wrong-size.parquet");
    assertThatThrownBy(() -> HeadJob.builder().features(wrongSize).model(ModelTransformersTest.MINI_VGG).output(out)
        .targetSize(64, 64).preprocessing("rescale").build().run()).hasMessageContaining("features per sample");
    assertThat(out).doesNotExist();
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".refused"));
    }
    assertThatThrownBy(() -> HeadJob.builder().model(ModelTransformersTest.MINI_VGG).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("features must be set");
  }
}
