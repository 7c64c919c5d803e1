package dev.tuna.examples.cli;

import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.train.Optimizer;
import java.util.Locale;

/** Parsing of the option values the fine-tuning subcommands share. */
final class Options {
  private Options() {}

  /**
   * A {@code --preprocess} value; {@code auto} is {@link Preprocessing#auto} of {@code modelName} (the Keras model
   * name; "vgg" for a VGG backbone known by its weights).
   */
  static Preprocessing preprocessing(String value, String modelName) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "auto" -> Preprocessing.auto(modelName);
      case "caffe" -> Preprocessing.CAFFE;
      case "tf" -> Preprocessing.TF;
      case "torch" -> Preprocessing.TORCH;
      case "rescale" -> Preprocessing.RESCALE;
      case "none" -> Preprocessing.NONE;
      default -> throw new IllegalArgumentException("--preprocess must be auto, caffe, tf, torch, rescale or none "
          + "but was " + value);
    };
  }

  /** Keras' optimizer with the given learning rate; momentum null means the default (0.1 for SGD, 0 for RMSprop). */
  static Optimizer optimizer(String name, double learningRate, Double momentum) {
    return dev.tuna.spark.Main.optimizer(name, learningRate, momentum);
  }
}
