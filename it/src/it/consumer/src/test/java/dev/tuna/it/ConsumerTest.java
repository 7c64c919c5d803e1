package dev.tuna.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.Batches;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.History;
import dev.tuna.finetune.train.Optimizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tuna from a consumer's point of view: augment a directory of images, fine-tune a Keras VGG, classify. */
class ConsumerTest {
  @TempDir
  static Path data;

  /** Two classes of 40x48 PNGs: reddish and bluish noise, four images each. */
  @BeforeAll
  static void writeImages() throws IOException {
    Random random = new Random(7);
    String[] classes = {"cats", "dogs"};
    for (int c = 0; c < classes.length; c++) {
      Path dir = Files.createDirectories(data.resolve("train").resolve(classes[c]));
      for (int i = 0; i < 4; i++) {
        BufferedImage image = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
          for (int x = 0; x < 48; x++) {
            int strong = 150 + random.nextInt(100);
            int weak = random.nextInt(100);
            int g = random.nextInt(256);
            image.setRGB(x, y, c == 0 ? (strong << 16) | (g << 8) | weak : (weak << 16) | (g << 8) | strong);
          }
        }
        ImageIO.write(image, "png", dir.resolve("img" + i + ".png").toFile());
      }
    }
  }

  private static ImageDataGenerator augmentation() {
    return ImageDataGenerator.builder().rotationRange(20).zoomRange(0.1).horizontalFlip(true).build();
  }

  private static DirectoryIterator flow(ImageDataGenerator generator) {
    return generator.flowFromDirectory(data.resolve("train")).targetSize(32, 32).batchSize(4).seed(42).build();
  }

  @Test
  void flowFromDirectory_augmentsSeededBatches() {
    try (DirectoryIterator first = flow(augmentation()); DirectoryIterator again = flow(augmentation());
        DirectoryIterator plain = flow(ImageDataGenerator.builder().build())) {
      assertThat(first.classIndices()).isEqualTo(Map.of("cats", 0, "dogs", 1));
      assertThat(first.batchCount()).isEqualTo(2);
      ImageBatch batch = first.get(0);
      assertThat(batch.shape()).containsExactly(4, 32, 32, 3);
      assertThat(batch.labelShape()).containsExactly(4, 2);
      float[] labels = batch.labels();
      for (int i = 0; i < 4; i++) {
        assertThat(labels[2 * i] + labels[2 * i + 1]).isEqualTo(1f);
      }
      for (float v : batch.images()) {
        assertThat(v).isBetween(0f, 255f);
      }
      // same seed, same pixels; augmentation changes them
      assertThat(again.get(0).images()).containsExactly(batch.images());
      assertThat(plain.get(0).indices()).containsExactly(batch.indices());
      assertThat(plain.get(0).images()).isNotEqualTo(batch.images());
    }
  }

  @Test
  void fineTunesTheMiniVgg_exportsAndClassifies(@TempDir Path out) throws URISyntaxException {
    Path weights = Path.of(ConsumerTest.class.getResource("/mini-vgg.keras").toURI());
    try (DirectoryIterator train = flow(augmentation());
        FineTuner tuner = FineTuner.builder(KerasWeights.load(weights))
            .inputShape(32, 32).classNames(List.of("cats", "dogs")).freezeFirst(15)
            .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.sgd().withLearningRate(0.01))
            .seed(42).build()) {
      History history = tuner.fit(Batches.of(train), 1, null);
      assertThat(history.get("loss")).hasSize(1).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
      assertThat(history.get("accuracy")).hasSize(1).allSatisfy(acc -> assertThat(acc).isBetween(0.0, 1.0));
      tuner.export(out.resolve("model"));
    }
    try (Classifier classifier = Classifier.load(out.resolve("model"));
        DirectoryIterator images = flow(ImageDataGenerator.builder().build())) {
      assertThat(classifier.classNames()).containsExactly("cats", "dogs");
      assertThat(classifier.height()).isEqualTo(32);
      Prediction p = classifier.predict(images.get(0).image(0));
      assertThat(p.probabilities()).hasSize(2);
      assertThat(p.probability("cats") + p.probability("dogs")).isCloseTo(1f, within(1e-5f));
    }
  }
}
