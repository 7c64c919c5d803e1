package dev.tuna.finetune.train;

/**
 * A Keras 3 optimizer with its defaults and update formula: {@link Sgd} (optionally momentum and Nesterov),
 * {@link Adam} and {@link RmsProp}. Values are immutable; {@code withX} returns a copy.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam, Optimizer.RmsProp {
  /** The initial learning rate. */
  double learningRate();

  /** Keras {@code SGD()}: learning rate 0.01, momentum 0, no Nesterov. */
  static Sgd sgd() {
    return new Sgd(0.01, 0, false);
  }

  /** Keras {@code Adam()}: learning rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. */
  static Adam adam() {
    return new Adam(0.001, 0.9, 0.999, 1e-7);
  }

  /** Keras {@code RMSprop()}: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7 (not centered). */
  static RmsProp rmsprop() {
    return new RmsProp(0.001, 0.9, 0, 1e-7);
  }

  /**
   * SGD. With momentum {@code m = momentum*m - lr*g}, then {@code w += m} or, with Nesterov,
   * {@code w += momentum*m - lr*g}; without, {@code w -= lr*g}.
   */
  record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {
    public Sgd {
      Checks.learningRate(learningRate);
      Checks.range("momentum", momentum, 0, 1, true);
    }

    public Sgd withLearningRate(double lr) {
      return new Sgd(lr, momentum, nesterov);
    }

    public Sgd withMomentum(double value) {
      return new Sgd(learningRate, value, nesterov);
    }

    public Sgd withNesterov(boolean on) {
      return new Sgd(learningRate, momentum, on);
    }
  }

  /**
   * Adam, Keras 3 form: {@code alpha = lr*sqrt(1-beta2^t)/(1-beta1^t)}, {@code m += (g-m)(1-beta1)},
   * {@code v += (g²-v)(1-beta2)}, {@code w -= alpha*m/(sqrt(v)+epsilon)}.
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
    public Adam {
      Checks.learningRate(learningRate);
      Checks.range("beta1", beta1, 0, 1, false);
      Checks.range("beta2", beta2, 0, 1, false);
      Checks.range("epsilon", epsilon, 0, Double.MAX_VALUE, false);
    }

    public Adam withLearningRate(double lr) {
      return new Adam(lr, beta1, beta2, epsilon);
    }

    public Adam withBeta1(double value) {
      return new Adam(learningRate, value, beta2, epsilon);
    }

    public Adam withBeta2(double value) {
      return new Adam(learningRate, beta1, value, epsilon);
    }

    public Adam withEpsilon(double value) {
      return new Adam(learningRate, beta1, beta2, value);
    }
  }

  /**
   * RMSprop, Keras 3 form: {@code v = rho*v + (1-rho)g²}, {@code inc = lr*g/sqrt(v+epsilon)}; then
   * {@code w -= inc}, or with momentum {@code mom = momentum*mom + inc; w -= mom}.
   */
  record RmsProp(double learningRate, double rho, double momentum, double epsilon) implements Optimizer {
    public RmsProp {
      Checks.learningRate(learningRate);
      Checks.range("rho", rho, 0, 1, false);
      Checks.range("momentum", momentum, 0, 1, true);
      Checks.range("epsilon", epsilon, 0, Double.MAX_VALUE, false);
    }

    public RmsProp withLearningRate(double lr) {
      return new RmsProp(lr, rho, momentum, epsilon);
    }

    public RmsProp withRho(double value) {
      return new RmsProp(learningRate, value, momentum, epsilon);
    }

    public RmsProp withMomentum(double value) {
      return new RmsProp(learningRate, rho, value, epsilon);
    }

    public RmsProp withEpsilon(double value) {
      return new RmsProp(learningRate, rho, momentum, value);
    }
  }
}
