package dev.tuna.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.finetune.Fixtures;
import dev.tuna.finetune.Fixtures.Npy;
import dev.tuna.finetune.internal.Network;
import dev.tuna.finetune.internal.Tensors;
import dev.tuna.finetune.internal.graph.GraphInterpreter;
import dev.tuna.finetune.internal.graph.GraphInterpreter.TrainingMode;
import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.internal.graph.WeightBinder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * BatchNormalization in training mode against Keras 3.15.1 {@code train_on_batch} (gen_anycnn.py bn): a small
 * functional model {@code Conv2D(strides 2) → BatchNormalization(momentum 0.9) → ReLU → inner(x, training=False)
 * [Conv2D 1×1 → BatchNormalization(momentum 0.8)] → BatchNormalization(trainable=False) → GAP → Dense}, SGD with
 * momentum, five steps on one batch: every weight, the moving statistics included, within 1e-5 of Keras after step 1
 * and step 5. The model's graph comes from the interpreter in a training mode; the step is the optimizer's update
 * rules and the layers' state updates, as a trainer runs them.
 */
class BatchNormTrainingTest {
  private static final String DIR = "anycnn/files/";

  /** A graph built for training, with Keras' loss and an SGD step. */
  private static final class Trainer implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session;
    final GraphInterpreter.Built built;
    final Placeholder<TFloat32> labels;
    final Operand<TFloat32> loss;
    final Op step;

    Trainer(TrainingMode mode, double learningRate, double momentum) {
      try (ModelFiles.Loaded loaded = ModelFiles.read(Fixtures.resource(DIR + "bn_training.keras"))) {
        Ops tf = Ops.create(graph);
        built = GraphInterpreter.build(tf, ModelConfig.parse(loaded.config()), loaded.weights(), "conv", mode);
        labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
        loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(built.outputs().get(0), labels).loss(),
            tf.constant(0));
        List<Network.Param> trainable = new ArrayList<>();
        for (WeightBinder.Param p : built.binder().params()) {
          if (p.spec().trainable()) {
            trainable.add(new Network.Param(p.spec().layer() + "_" + p.spec().name(), p.variable(), p.read(),
                p.value(), p.assign(), p.spec().shape(), true));
          }
        }
        Output<?>[] xs = trainable.stream().map(p -> p.read().asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, xs, null);
        Variable<TInt64> iterations = tf.variable(tf.constant(0L));
        Op update = UpdateRules.build(tf, Optimizer.sgd().withLearningRate(learningRate).withMomentum(momentum),
            trainable, grads, tf.constant((float) learningRate), iterations, new ArrayList<>());
        List<Op> all = new ArrayList<>(built.updates());
        all.add(update);
        step = tf.withControlDependencies(all).noOp();
        session = new Session(graph);
        session.initialize();
        GraphInterpreter.initialize(built, session);
      }
    }

    float train(Npy x, Npy y) {
      try (TFloat32 in = Tensors.of(x.shape(), x.data()); TFloat32 t = Tensors.of(y.shape(), y.data());
          TFloat32 on = TFloat32.scalarOf(1f);
          Result r = session.runner().feed(built.inputs().get(0), in).feed(labels, t)
              .feed(built.training(), on).fetch(loss).addTarget(step).run()) {
        return Tensors.scalar(r.get(0));
      }
    }

    Map<String, float[]> weights() {
      Map<String, float[]> out = new LinkedHashMap<>();
      Session.Runner runner = session.runner();
      built.binder().params().forEach(p -> runner.fetch(p.read()));
      try (Result r = runner.run()) {
        for (int i = 0; i < built.binder().params().size(); i++) {
          WeightBinder.Param p = built.binder().params().get(i);
          out.put(p.spec().layer() + "/" + p.spec().name(), Tensors.values((TFloat32) r.get(i)));
        }
      }
      return out;
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void movingStatisticsAndWeightsEqualKerasTrainOnBatch() {
    Npy x = Fixtures.npy(DIR + "bn_training-x.npy");
    Npy y = Fixtures.npy(DIR + "bn_training-y.npy");
    Map<String, Npy> want = Fixtures.npz(Fixtures.resource(DIR + "bn_training.npz"));
    float[] losses = want.get("loss").data();
    try (Trainer t = new Trainer(TrainingMode.KERAS3_FIT, 0.1, 0.9)) {
      assertThat(t.built.updates()).as("two trainable BatchNormalization layers, two statistics each").hasSize(4);
      Map<String, float[]> before = t.weights();
      for (int step = 1; step <= 5; step++) {
        float loss = t.train(x, y);
        assertThat(loss).as("loss of step %d", step).isCloseTo(losses[step - 1], Offset.offset(1e-5f));
        if (step != 1 && step != 5) {
          continue;
        }
        double worstStats = 0;
        double worst = 0;
        for (var e : t.weights().entrySet()) {
          float[] expected = want.get(e.getKey().replace("/", "__") + "__" + step).data();
          double diff = Fixtures.maxAbsError(e.getValue(), expected);
          assertThat(diff).as("%s after step %d", e.getKey(), step).isLessThanOrEqualTo(1e-5);
          if (e.getKey().contains("/moving_")) {
            worstStats = Math.max(worstStats, diff);
          } else {
            worst = Math.max(worst, diff);
          }
        }
        System.out.printf(Locale.ROOT, "BatchNormalization training mode, step %d: max |tuna - keras| moving "
            + "statistics %.3g, other weights %.3g%n", step, worstStats, worst);
      }
      Map<String, float[]> after = t.weights();
      for (String n : List.of("bn/moving_mean", "bn/moving_variance", "inner_bn/moving_mean")) {
        assertThat(Fixtures.maxAbsError(after.get(n), before.get(n))).as(n + " moved").isGreaterThan(1e-3);
      }
      for (String n : List.of("bn_frozen/moving_mean", "bn_frozen/moving_variance", "bn_frozen/gamma")) {
        assertThat(Arrays.equals(after.get(n), before.get(n))).as(n + " unchanged").isTrue();
      }
    }
  }

  @Test
  void callArgumentsKeepANestedTrainingFalseCallInInferenceMode() {
    Npy x = Fixtures.npy(DIR + "bn_training-x.npy");
    Npy y = Fixtures.npy(DIR + "bn_training-y.npy");
    try (Trainer t = new Trainer(TrainingMode.CALL_ARGUMENTS, 0.1, 0.9)) {
      assertThat(t.built.updates()).as("only the outer trainable BatchNormalization").hasSize(2);
      Map<String, float[]> before = t.weights();
      t.train(x, y);
      t.train(x, y);
      Map<String, float[]> after = t.weights();
      assertThat(Fixtures.maxAbsError(after.get("bn/moving_mean"), before.get("bn/moving_mean"))).isGreaterThan(1e-3);
      for (String n : List.of("inner_bn/moving_mean", "inner_bn/moving_variance", "bn_frozen/moving_mean")) {
        assertThat(Arrays.equals(after.get(n), before.get(n))).as(n + " unchanged").isTrue();
      }
      assertThat(Arrays.equals(after.get("inner_bn/gamma"), before.get("inner_bn/gamma"))).as("inner gamma trains")
          .isFalse();
    }
  }

  @Test
  void inferenceBuildHasNoTrainingSwitch() {
    try (Trainer t = new Trainer(TrainingMode.INFERENCE, 0.1, 0.9)) {
      assertThat(t.built.training()).isNull();
      assertThat(t.built.updates()).isEmpty();
    }
  }
}
