package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.ArrayIterator;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.LayerIterator;
import dev.tuna.augment.layers.MixUp;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.augment.layers.RandomFlip;
import dev.tuna.augment.layers.RandomRotation;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Training input through Keras 3 layers: fit sees exactly the batches the layers make of the flow's batches. */
final class LayerBatchesTest {
  private static Pipeline layers() {
    return Pipeline.of(RandomFlip.builder().seed(4).build(), RandomRotation.builder(0.1).seed(5).build(),
        MixUp.builder().seed(6).build());
  }

  private static List<Double> fit(Function<ArrayIterator, Batches> train) {
    float[] x = Fixtures.npy("finetune/fit/x.npy").data();
    float[] y = Fixtures.npy("finetune/fit/y.npy").data();
    ImageDataGenerator augment = ImageDataGenerator.builder().horizontalFlip(true).build();
    try (ArrayIterator flow = augment.flow(x, 8, 32, 32, 3).y(y, 8, 3).batchSize(4).seed(1).build();
        FineTuner tuner = FineTuner.builder(KerasWeights.load(Fixtures.miniVgg("keras3.keras")))
            .inputShape(32, 32).classNames(List.of("a", "b", "c")).preprocessing(Preprocessing.RESCALE)
            .optimizer(Optimizer.sgd().withMomentum(0.9)).seed(3).build()) {
      return tuner.fit(train.apply(flow), 2, null).get("loss");
    }
  }

  @Test
  void fitOnLayerBatchesEqualsFitOnTheLayersAppliedByHand() {
    List<Double> decorated = fit(flow -> Batches.of(LayerIterator.of(flow, layers())));
    List<Double> byHand = fit(flow -> {
      Pipeline p = layers();
      return new Batches() {
        @Override
        public int batchCount() {
          return flow.batchCount();
        }

        @Override
        public ImageBatch batch(int index) {
          ImageBatch b = flow.get(index);
          LayerBatch out = p.apply(LayerBatch.of(b.images(), b.size(), b.height(), b.width(), b.channels())
              .withLabels(b.labels(), b.labelShape()[1]));
          return ImageBatch.of(b.height(), b.width(), b.channels(), out.images(), out.labels(), b.labelShape(),
              null, b.indices());
        }

        @Override
        public ImageBatch signatureBatch(int index) {
          return flow.get(index); // Keras reads the PyDataset for its output signature without the model's layers
        }

        @Override
        public void onEpochEnd() {
          flow.onEpochEnd();
        }
      };
    });
    List<Double> plain = fit(Batches::of);
    assertThat(decorated).hasSize(2).allMatch(Double::isFinite);
    assertThat(decorated).isEqualTo(byHand);
    assertThat(decorated).isNotEqualTo(plain);
  }
}
