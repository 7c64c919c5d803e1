package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.image.ImageLayout;
import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.callbacks.ModelCheckpoint;
import dev.tuna.finetune.callbacks.ReduceLROnPlateau;
import dev.tuna.finetune.callbacks.TerminateOnNaN;
import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.HeadInit;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.VggArchitecture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FineTunerTest {
  private static final KerasWeights MINI = KerasWeights.load(Fixtures.miniVgg("keras2-weights.h5"));

  @TempDir
  Path tmp;

  static ImageBatch sparseBatch() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    return ImageBatch.of(32, 32, 3, x, new float[] {0, 1, 2, 1}, new int[] {4}, null, new int[] {0, 1, 2, 3});
  }

  private FineTuner.Builder mini() {
    return mini(32, 32);
  }

  private FineTuner.Builder mini(int height, int width) {
    return FineTuner.builder(MINI).inputShape(height, width).preprocessing(Preprocessing.RESCALE);
  }

  @Test
  void defaults() {
    assertThat(FineTuner.DEFAULT_INPUT_SIZE).isEqualTo(150);
    assertThat(Head.DEFAULT_UNITS).isEqualTo(256);
    assertThat(Head.DEFAULT_DROPOUT).isEqualTo(0.5);
    assertThat(Optimizer.sgd()).isEqualTo(new Optimizer.Sgd(0.01, 0, false));
    assertThat(Optimizer.adam()).isEqualTo(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-7));
    assertThat(Optimizer.rmsprop()).isEqualTo(new Optimizer.RmsProp(0.001, 0.9, 0, 1e-7));
    try (FineTuner t = mini().classes(2).build()) {
      assertThat(t.frozenLayers()).isEqualTo(15);
      assertThat(t.optimizer()).isEqualTo(Optimizer.rmsprop());
      assertThat(t.classNames()).containsExactly("0", "1");
      assertThat(t.learningRate()).isEqualTo((double) 0.001f);
    }
  }

  @Test
  void evaluate_deterministicBatches_reusesFrozenFeatures() {
    ImageBatch real = sparseBatch();
    ImageBatch other = ImageBatch.of(32, 32, 3, new float[real.images().length], real.labels(), new int[] {4},
        null, new int[] {0, 1, 2, 3});
    int[] calls = {0};
    Batches swapping = new Batches() {
      @Override
      public int batchCount() {
        return 1;
      }

      @Override
      public ImageBatch batch(int index) {
        return calls[0]++ == 0 ? real : other;
      }

      @Override
      public boolean deterministic() {
        return true;
      }
    };
    try (FineTuner t = mini().classes(3).build()) {
      var first = t.evaluate(swapping);
      assertThat(t.evaluate(swapping)).isEqualTo(first);
      assertThat(calls[0]).as("the second evaluation reads no batch").isEqualTo(1);
      assertThat(t.evaluate(Batches.of(List.of(real)))).isEqualTo(first);
      assertThat(t.evaluate(Batches.of(List.of(other)))).isNotEqualTo(first);
    }
  }

  @Test
  void build_withoutHead_rejected() {
    assertThatThrownBy(() -> mini().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("head must be set: call classes(n), classNames(list) or head(Head)");
  }

  @Test
  void build_classNamesDisagreeWithHead_rejected() {
    assertThatThrownBy(() -> mini().head(Head.of(3)).classNames(List.of("a", "b")).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("classNames has 2 names but the head has 3 classes");
  }

  @Test
  void build_inputTooSmallForFivePools_rejected() {
    assertThatThrownBy(() -> mini(16, 40).classes(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inputShape must be at least 32x32 for 5 pooling blocks but was 16x40");
  }

  @Test
  void build_nonVggBase_rejected() {
    KerasWeights dense = KerasWeights.load(Fixtures.resource("non-vgg-export"));
    assertThatThrownBy(() -> FineTuner.builder(dense).classes(2).build())
        .isInstanceOf(KerasModelException.class).hasMessageContaining("is not a VGG network");
  }

  @Test
  void build_badHeadWeights_throwsAndClosesSessionAndGraph() {
    Map<String, Weight> wrong = Map.of("dense/bias", Weight.of("dense/bias", new long[] {256}, new float[256]));
    // The bound only guards against the hang of a graph closed while its session is open; it is no speed check.
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      assertThatThrownBy(() -> mini().classes(2).headWeights(wrong).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value for weight");
      int fanIn = VggArchitecture.from(MINI).outputChannels(); // 32x32 pools down to 1x1
      Map<String, Weight> badShape = new HashMap<>(HeadInit.glorotUniform(0, fanIn, Head.of(2)));
      badShape.put("dense/bias", Weight.of("dense/bias", new long[] {3}, new float[3]));
      assertThatThrownBy(() -> mini().classes(2).headWeights(badShape).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight dense/bias has shape [3]");
      try (FineTuner t = mini().classes(2).build()) {
        assertThat(t.head().classes()).as("a good build after the failed ones").isEqualTo(2);
      }
    });
  }

  @Test
  void closeAfterFailure_closesSessionThenGraph_keepsCloseFailuresAsSuppressed() {
    List<String> closed = new ArrayList<>();
    AutoCloseable session = () -> {
      closed.add("session");
      throw new IllegalStateException("session close failed");
    };
    AutoCloseable graph = () -> closed.add("graph");
    RuntimeException cause = new IllegalArgumentException("bad weights");
    FineTuner.closeAfterFailure(session, graph, cause);
    assertThat(closed).containsExactly("session", "graph");
    assertThat(cause.getSuppressed()).singleElement().extracting(Throwable::getMessage)
        .isEqualTo("session close failed");
    closed.clear();
    FineTuner.closeAfterFailure(null, graph, cause);
    assertThat(closed).containsExactly("graph");
  }

  @Test
  void optimizer_invalidArguments_rejected() {
    assertThatThrownBy(() -> Optimizer.sgd().withLearningRate(0))
        .hasMessage("learningRate must be > 0 but was 0.0");
    assertThatThrownBy(() -> Optimizer.sgd().withMomentum(1.5))
        .hasMessage("momentum must be in [0.0, 1.0) but was 1.5");
    assertThatThrownBy(() -> Head.of(3).withDropout(1)).hasMessage("dropout must be in [0, 1) but was 1.0");
    assertThatThrownBy(() -> Head.of(1)).hasMessage("classes must be >= 2 but was 1");
  }

  @Test
  void trainOnBatch_wrongImageSize_explains() {
    try (FineTuner t = mini(64, 64).classes(3).build()) {
      assertThatThrownBy(() -> t.trainOnBatch(sparseBatch()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("images must hold 4 samples of 64x64x3 (49152 floats) but had 12288 floats");
    }
  }

  @Test
  void channelsFirstBatch_rejectedInsteadOfTrainedOn() {
    ImageBatch nhwc = sparseBatch();
    ImageBatch nchw = ImageBatch.of(ImageLayout.NCHW, 32, 32, 3, nhwc.images(), nhwc.labels(), new int[] {4}, null,
        new int[] {0, 1, 2, 3});
    try (FineTuner t = mini().classes(3).build()) {
      String message = "FineTuner needs channels_last (NHWC) batches but got a NCHW batch; build the generator "
          + "with dataFormat(DataFormat.CHANNELS_LAST)";
      assertThatThrownBy(() -> t.trainOnBatch(nchw)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
      assertThatThrownBy(() -> t.evaluate(Batches.of(List.of(nchw)))).hasMessage(message);
      assertThatThrownBy(() -> t.fit(Batches.of(List.of(nchw)), 1, null)).hasMessage(message);
      assertThat(t.trainOnBatch(nhwc)).containsKeys("loss", "accuracy");
    }
  }

  @Test
  void trainOnBatch_sparseLabelsEqualOneHot() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    float[] y = Fixtures.npy("finetune/batch-y.npy").data();
    ImageBatch oneHot = ImageBatch.of(32, 32, 3, x, y, new int[] {4, 3}, null, new int[] {0, 1, 2, 3});
    try (FineTuner a = mini().classes(3).seed(1).build(); FineTuner b = mini().classes(3).seed(1).build()) {
      assertThat(a.trainOnBatch(sparseBatch())).isEqualTo(b.trainOnBatch(oneHot));
    }
  }

  @Test
  void trainOnBatch_labelOutOfRange_rejected() {
    float[] x = Fixtures.npy("finetune/batch-x.npy").data();
    ImageBatch bad = ImageBatch.of(32, 32, 3, x, new float[] {0, 1, 5, 1}, new int[] {4}, null, new int[4]);
    try (FineTuner t = mini().classes(3).build()) {
      assertThatThrownBy(() -> t.trainOnBatch(bad))
          .hasMessage("label of sample 2 must be a class index in [0, 3) but was 5.0");
    }
  }

  @Test
  void dropout_activeInTrainingOnly_andSeeded() {
    try (FineTuner d1 = mini().head(Head.of(3)).seed(3).build();
        FineTuner d2 = mini().head(Head.of(3)).seed(3).build();
        FineTuner none = mini().head(Head.of(3).withDropout(0)).seed(3).build()) {
      double withDropout = d1.trainOnBatch(sparseBatch()).get("loss");
      assertThat(d2.trainOnBatch(sparseBatch()).get("loss")).isEqualTo(withDropout);
      assertThat(none.trainOnBatch(sparseBatch()).get("loss")).isNotEqualTo(withDropout);
      float[] x = sparseBatch().images();
      assertThat(d1.predict(x, 4)).containsExactly(d1.predict(x, 4));
    }
  }

  @Test
  void fit_callbacksChangeLearningRateAndCheckpoint() {
    Batches train = Batches.of(List.of(sparseBatch()));
    Path best = tmp.resolve("best");
    ModelCheckpoint checkpoint = ModelCheckpoint.builder(best).monitor("loss").saveBestOnly(true).build();
    try (FineTuner t = mini().classes(3).optimizer(Optimizer.sgd().withLearningRate(1e-6)).build()) {
      History h = t.fit(train, 3, train, checkpoint,
          ReduceLROnPlateau.builder().monitor("val_loss").patience(0).minDelta(10).factor(0.5).build());

      assertThat(h.get("learning_rate")).containsExactly((double) 1e-6f, (double) 1e-6f, (double) 5e-7f);
      assertThat(t.learningRate()).isEqualTo((double) (float) (5e-7f * 0.5));
      assertThat(best.resolve("saved_model.pb")).isRegularFile();
      assertThat(checkpoint.lastSaved()).isEqualTo(best);
    }
  }

  @Test
  void fit_terminateOnNaN_stopsInFirstEpoch() {
    Batches train = Batches.of(List.of(sparseBatch(), sparseBatch(), sparseBatch()));
    TerminateOnNaN nan = new TerminateOnNaN();
    try (FineTuner t = FineTuner.builder(MINI).inputShape(32, 32).classes(3).freezeFirst(0)
        .preprocessing(Preprocessing.NONE)
        .optimizer(Optimizer.sgd().withLearningRate(1e30)).build()) {
      History h = t.fit(train, 5, null, nan);
      assertThat(h.epochs()).containsExactly(0);
      assertThat(nan.terminatedAt()).isBetween(0, 2);
      assertThat(t.stopRequested()).isTrue();
    }
  }
}
