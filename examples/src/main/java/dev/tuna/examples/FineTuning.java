package dev.tuna.examples;

import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.examples.internal.DemoResources;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.callbacks.ProgressBar;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.Batches;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.History;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Notebook 2, fine-tuning: the embedded mini-VGG (pretrained by real Keras on 8 Fashion-MNIST classes) learns the 2
 * held-out classes from 20 images each, with the lecture's augmentation, layers[:15] frozen and the best epoch
 * kept by val_loss.
 */
public final class FineTuning {
  /** The Keras history, the best checkpoint and the classes in label order. */
  public record Result(History history, Path bestModel, List<String> classNames) {}

  private FineTuning() {}

  /**
   * Runs the example and prints the validation accuracy per epoch and the best checkpoint.
   *
   * @param args as {@link #runExample}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Result r = runExample(args);
    System.out.println("val_accuracy per epoch: " + r.history().get("val_accuracy") + ", best: " + r.bestModel());
  }

  /**
   * Arguments: [epochs (20)] [output directory (temporary)].
   *
   * @param args the optional epoch count and output directory
   * @return the history, best checkpoint and class names
   * @throws IOException if a file cannot be read or written
   */
  public static Result runExample(String... args) throws IOException {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tuna-finetune-");
    Path data = DemoResources.extractTo(out.resolve("embedded"));
    ImageDataGenerator augment = ImageDataGenerator.builder().rotationRange(30).widthShiftRange(0.2)
        .heightShiftRange(0.2).shearRange(10).zoomRange(0.2).horizontalFlip(true).build();  // no rescale: see below
    try (DirectoryIterator train = augment.flowFromDirectory(data.resolve("data/train")).targetSize(64, 64)
            .batchSize(32).seed(42).build();
        DirectoryIterator test = ImageDataGenerator.builder().build().flowFromDirectory(data.resolve("data/test"))
            .targetSize(64, 64).batchSize(32).shuffle(false).build();
        FineTuner tuner = FineTuner.builder(KerasWeights.load(data.resolve("backbone"))).inputShape(64, 64)
            .classNames(List.copyOf(train.classIndices().keySet())).freezeFirst(15)
            .preprocessing(Preprocessing.RESCALE)                       // = rescale=1./255, inside the model
            .optimizer(Optimizer.sgd().withLearningRate(0.01).withMomentum(0.9))  // lecture: 0.001, 0.1 (see README)
            .seed(42).build()) {
      ModelCheckpoint best = ModelCheckpoint.builder(out.resolve("best")).monitor("val_loss").saveBestOnly(true)
          .build();
      History h = tuner.fit(Batches.of(train), epochs, Batches.of(test), new ProgressBar(), best);
      return new Result(h, best.lastSaved(), tuner.classNames());
    }
  }
}
