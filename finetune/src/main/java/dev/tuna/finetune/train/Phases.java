package dev.tuna.finetune.train;

import dev.tuna.finetune.internal.graph.ModelConfig;
import dev.tuna.finetune.internal.graph.ModelFiles;
import dev.tuna.finetune.load.Weight;
import dev.tuna.finetune.model.BatchNormTraining;
import dev.tuna.finetune.model.Head;
import dev.tuna.finetune.model.Layer;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.Unfreeze;
import dev.tuna.finetune.model.VggArchitecture;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keras.io two-phase recipe: phase 1 trains with the builder's freeze point and optimizer; phase 2 (optional)
 * unfreezes from an earlier layer and trains on with a fresh optimizer, as Keras' {@code compile} after changing
 * {@code trainable} does (new slots, iteration counter at 0). Opens the {@link TrainGraph} of either phase.
 */
final class Phases {
  /** The second phase: where it unfreezes, how many epochs, with which optimizer. */
  record Second(Unfreeze unfreeze, int epochs, Optimizer optimizer) {}

  private final VggArchitecture arch;
  private final Path model;
  private final int height;
  private final int width;
  private final Preprocessing preprocessing;
  private final Head head;
  private final long seed;
  private final int threads;
  private final Optimizer optimizer;
  private final int frozen1;
  private final String unfreeze1;
  private final Second second;
  private final int frozen2;
  private final String unfreeze2;
  private final BatchNormTraining batchNorm;

  /**
   * Resolves both phases' freeze points; {@code layerNames} are the base's layers in Keras order.
   *
   * @throws IllegalArgumentException if the second phase names no layer of the base
   */
  Phases(VggArchitecture arch, Path model, List<String> layerNames, int height, int width,
      Preprocessing preprocessing, Head head, long seed, int threads, Optimizer optimizer, int frozen1,
      String unfreeze1, Second second, BatchNormTraining batchNorm) {
    this.arch = arch;
    this.batchNorm = batchNorm;
    this.model = model;
    this.height = height;
    this.width = width;
    this.preprocessing = preprocessing;
    this.head = head;
    this.seed = seed;
    this.threads = threads;
    this.optimizer = optimizer;
    this.frozen1 = frozen1;
    this.unfreeze1 = unfreeze1;
    this.second = second;
    if (second != null) {
      this.frozen2 = second.unfreeze().firstTrained(layerNames);
      this.unfreeze2 = layerNames.get(frozen2);
    } else {
      this.frozen2 = -1;
      this.unfreeze2 = null;
    }
  }

  /** {@return the base's layer names in Keras order} */
  static List<String> layerNames(VggArchitecture arch) {
    return arch.layers().stream().map(Layer::name).toList();
  }

  /** {@return the top-level layer names of a model from its Keras config} */
  static List<String> layerNames(ModelFiles.Loaded saved) {
    return ModelConfig.parse(saved.config()).layers().stream().map(ModelConfig.Layer::name).toList();
  }

  /** {@return the number of phases, 1 or 2} */
  int count() {
    return second == null ? 1 : 2;
  }

  /** {@return the epochs of phase 2, 0 without it} */
  int secondEpochs() {
    return second == null ? 0 : second.epochs();
  }

  /** {@return the first trained layer of a config model's {@code phase}, null when its base is wholly frozen} */
  String unfreezeFrom(int phase) {
    return phase == 1 ? unfreeze1 : unfreeze2;
  }

  /** {@return how the unfrozen BatchNormalization layers of a config model train} */
  BatchNormTraining batchNorm() {
    return batchNorm;
  }

  /** {@return the optimizer of {@code phase}} */
  Optimizer optimizer(int phase) {
    return phase == 1 ? optimizer : second.optimizer();
  }

  /**
   * The frozen leading layers of {@code phase} for a VGG backbone; for a config model, pass the opened graph's
   * count instead ({@link #frozenLayers(int, TrainGraph)}).
   */
  int frozenLayers(int phase, TrainGraph g) {
    if (arch != null) {
      return phase == 1 ? frozen1 : frozen2;
    }
    String from = phase == 1 ? unfreeze1 : unfreeze2;
    return from == null ? g.net.baseLayerCount() : g.net.baseLayerIndex(from);
  }

  /** Opens the graph of a VGG backbone's {@code phase}; {@code init} holds every weight (base and head). */
  TrainGraph openVgg(int phase, Map<String, Weight> init) {
    return new TrainGraph(new TrainGraph.Spec(arch, height, width, preprocessing, phase == 1 ? frozen1 : frozen2,
        null, null, head, optimizer(phase), seed, threads, batchNorm), init);
  }

  /** Opens the graph of a config model's {@code phase} from {@code saved}; {@code headInit} may be null. */
  TrainGraph openConfig(int phase, ModelFiles.Loaded saved, Map<String, Weight> headInit) {
    return new TrainGraph(new TrainGraph.Spec(null, height, width, preprocessing, 0, saved,
        phase == 1 ? unfreeze1 : unfreeze2, head, optimizer(phase), seed, threads, batchNorm), headInit);
  }

  /**
   * The graph of {@code phase} holding the current weights of {@code old} (which is then closed): a fresh
   * optimizer, and the head's dropout stream continued where {@code old} left it.
   */
  TrainGraph open(int phase, TrainGraph old) {
    Map<String, Weight> current = old.net.read(old.session);
    TrainGraph g;
    if (arch != null) {
      Map<String, Weight> init = new LinkedHashMap<>(arch.weights());
      init.putAll(current);
      g = openVgg(phase, init);
    } else {
      try (ModelFiles.Loaded saved = ModelFiles.read(model)) {
        g = openConfig(phase, saved, null);
      }
    }
    try {
      g.net.assign(g.session, current, false);
      g.skipDropout(old.dropoutDrawn());
    } catch (RuntimeException | Error e) {
      g.close();
      throw e;
    }
    old.close();
    return g;
  }

  /** {@return a description of the phases for checkpoint checks and messages} */
  String describe() {
    return "phase 1 " + (arch != null ? "layers[:" + frozen1 + "] frozen" : unfreeze1 == null ? "base frozen"
        : "from " + unfreeze1) + ", " + optimizer + (second == null ? "" : "; phase 2 from " + unfreeze2 + ", "
        + second.optimizer());
  }
}
