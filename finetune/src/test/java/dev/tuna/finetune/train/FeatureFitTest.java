package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.EarlyStopping;
import dev.tuna.finetune.export.Classifier;
import dev.tuna.finetune.export.Prediction;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head trained on extracted features equals the head trained on the images without augmentation. */
final class FeatureFitTest {
  private static final KerasWeights MINI = KerasWeights.load(Fixtures.miniVgg("keras3.keras"));
  private static final int ALL_LAYERS = VggArchitecture.from(MINI).layers().size();
  private static final List<String> NAMES = List.of("a", "b", "c");
  private static final float[] X = Fixtures.npy("finetune/fit/x.npy").data();
  private static final float[] Y = Fixtures.npy("finetune/fit/y.npy").data();

  @TempDir
  Path tmp;

  private static FineTuner.Builder tuner() {
    return FineTuner.builder(MINI).inputShape(32, 32).classNames(NAMES).preprocessing(Preprocessing.RESCALE)
        .freezeFirst(ALL_LAYERS).optimizer(Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9)).seed(3);
  }

  /** The 8 fixture images' backbone output and labels, from a separate tuner (as an extraction job computes it). */
  private static FeatureDataset features(int from, int n) {
    float[][] f = new float[n][];
    int[] labels = new int[n];
    try (FineTuner extractor = FineTuner.builder(MINI).inputShape(32, 32).classes(2)
        .preprocessing(Preprocessing.RESCALE).build()) {
      for (int i = 0; i < n; i++) {
        float[] image = java.util.Arrays.copyOfRange(X, (from + i) * 32 * 32 * 3, (from + i + 1) * 32 * 32 * 3);
        f[i] = extractor.features(image, 1);
        for (int k = 0; k < 3; k++) {
          if (Y[(from + i) * 3 + k] == 1) {
            labels[i] = k;
          }
        }
      }
    }
    return FeatureDataset.of(f, labels, NAMES);
  }

  private static void assertClose(List<Double> actual, List<Double> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void headOnFeaturesEqualsFitOnImagesWithoutAugmentation() {
    ImageDataGenerator plain = ImageDataGenerator.builder().build();
    History onImages;
    Map<String, Weight> imageWeights;
    double moved = 0;
    try (ArrayIterator train = plain.flow(X, 8, 32, 32, 3).y(Y, 8, 3).batchSize(3).seed(7).build();
        ArrayIterator val = plain.flow(X, 8, 32, 32, 3).y(Y, 8, 3).batchSize(3).shuffle(false).build();
        FineTuner a = tuner().build()) {
      Map<String, Weight> initial = a.trainableWeights();
      onImages = a.fit(Batches.of(train), 4, Batches.of(val));
      imageWeights = a.trainableWeights();
      for (String name : initial.keySet()) {
        moved = Math.max(moved, Fixtures.maxAbsError(imageWeights.get(name).values(), initial.get(name).values()));
      }
      a.export(tmp.resolve("images"));
    }
    History onFeatures;
    try (FineTuner b = tuner().build()) {
      FeatureDataset all = features(0, 8);
      onFeatures = FeatureFit.builder(b).batchSize(3).seed(7).build().fit(all, 4, all);
      Map<String, Weight> featureWeights = b.trainableWeights();
      assertThat(featureWeights.keySet()).containsExactlyElementsOf(imageWeights.keySet())
          .contains("dense/kernel", "dense_1/bias");
      double maxWeightDiff = 0;
      for (String name : imageWeights.keySet()) {
        double d = Fixtures.maxAbsError(featureWeights.get(name).values(), imageWeights.get(name).values());
        assertThat(d).as(name).isLessThan(1e-6);
        maxWeightDiff = Math.max(maxWeightDiff, d);
      }
      System.out.printf(java.util.Locale.ROOT, "head on features vs fit on images: max|weight diff| = %.3g%n",
          maxWeightDiff);
      b.export(tmp.resolve("features"));
    }
    for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      assertThat(onImages.get(key)).as(key).hasSize(4);
      assertClose(onFeatures.get(key), onImages.get(key));
    }
    assertThat(moved).as("largest change of a trained weight").isGreaterThan(1e-3); // the equality is not trivial
    try (Classifier fromImages = Classifier.load(tmp.resolve("images"));
        Classifier fromFeatures = Classifier.load(tmp.resolve("features"))) {
      List<Prediction> p = fromImages.predict(X, 8);
      List<Prediction> q = fromFeatures.predict(X, 8);
      for (int i = 0; i < 8; i++) {
        assertThat(q.get(i).topClass()).isEqualTo(p.get(i).topClass());
        assertThat(Fixtures.maxAbsError(q.get(i).probabilities(), p.get(i).probabilities())).isLessThan(1e-6);
      }
    }
  }

  /** A model rebuilt from its Keras config (MobileNetV2, whole base frozen, GlobalAveragePooling2D head). */
  @Test
  void configModelHeadOnFeaturesEqualsFitOnImages() {
    Path mobilenet = Fixtures.resource("anycnn/files/mobilenetv2_035_32.keras");
    float[] x = Fixtures.npy("anycnn/files/sgd_step-x.npy").data();
    float[] y = Fixtures.npy("anycnn/files/sgd_step-y.npy").data();
    List<String> names = List.of("a", "b", "c");
    Optimizer sgd = Optimizer.sgd().withLearningRate(0.1).withMomentum(0.9);
    History onImages;
    try (ArrayIterator train = ImageDataGenerator.builder().build().flow(x, 4, 32, 32, 3).y(y, 4, 3).batchSize(3)
        .seed(5).build();
        FineTuner a = FineTuner.builderFor(mobilenet).classNames(names).optimizer(sgd).seed(2).build()) {
      onImages = a.fit(Batches.of(train), 3, null);
    }
    try (FineTuner b = FineTuner.builderFor(mobilenet).classNames(names).optimizer(sgd).seed(2).build()) {
      float[][] f = new float[4][];
      int[] labels = new int[4];
      for (int i = 0; i < 4; i++) {
        f[i] = b.features(java.util.Arrays.copyOfRange(x, i * 32 * 32 * 3, (i + 1) * 32 * 32 * 3), 1);
        for (int k = 0; k < 3; k++) {
          labels[i] = y[i * 3 + k] == 1 ? k : labels[i];
        }
      }
      History onFeatures = FeatureFit.builder(b).batchSize(3).seed(5).build()
          .fit(FeatureDataset.of(f, labels, names), 3, null);
      assertThat(onImages.get("loss")).hasSize(3);
      assertClose(onFeatures.get("loss"), onImages.get("loss"));
      assertClose(onFeatures.get("accuracy"), onImages.get("accuracy"));
    }
  }

  @Test
  void callbacksSeeTheFeatureTraining() {
    try (FineTuner t = tuner().build()) {
      FeatureFit fit = FeatureFit.builder(t).batchSize(4).shuffle(false).build();
      History h = fit.fit(features(0, 8), 5, null,
          EarlyStopping.builder().monitor("loss").patience(0).minDelta(100).build());
      assertThat(h.get("loss")).hasSize(2);
      assertThat(fit.steps()).isEqualTo(2);
      assertThat(fit.epochs()).isEqualTo(5);
      assertThat(fit.stopRequested()).isTrue();
    }
  }

  @Test
  void badInputIsNamed() {
    try (FineTuner partlyFrozen = tuner().build(); FineTuner lastBlockTrains = FineTuner.builder(MINI)
        .inputShape(32, 32).classNames(NAMES).build()) {
      assertThatThrownBy(() -> FeatureFit.builder(lastBlockTrains).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("freezeFirst(" + ALL_LAYERS + ")");
      FeatureFit fit = FeatureFit.builder(partlyFrozen).build();
      FeatureDataset wrongLength = FeatureDataset.of(new float[][] {{1, 2}}, new int[] {0}, NAMES);
      assertThatThrownBy(() -> fit.fit(wrongLength, 1, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("train has 2 features per sample");
      FeatureDataset wrongClasses = FeatureDataset.of(new float[][] {new float[8]},
          new int[] {0}, List.of("x", "y", "z"));
      assertThatThrownBy(() -> fit.fit(wrongClasses, 1, null)).hasMessageContaining("classes [x, y, z]");
    }
    assertThatThrownBy(() -> FeatureDataset.of(new float[][] {{1}, {2, 3}}, new int[] {0, 1}, NAMES))
        .hasMessageContaining("sample 1 has 2 values");
    assertThatThrownBy(() -> FeatureDataset.of(new float[][] {{1}}, new int[] {3}, NAMES))
        .hasMessageContaining("[0, 3) but was 3");
  }
}
