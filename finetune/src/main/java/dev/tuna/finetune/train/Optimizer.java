package dev.tuna.finetune.train;

import static dev.tuna.core.internal.Preconditions.requireArgument;

/**
 * A Keras 3 optimizer with its defaults and update formula: {@link Sgd} (optionally momentum and Nesterov),
 * {@link Adam} and {@link RmsProp}. Values are immutable; {@code withX} returns a copy.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam, Optimizer.RmsProp {
  /**
   * The initial learning rate.
   *
   * @return the learning rate, positive
   */
  double learningRate();

  /**
   * A copy with another initial learning rate.
   *
   * @param lr the learning rate, positive and finite
   * @return the copy
   */
  Optimizer withLearningRate(double lr);

  /**
   * Keras {@code SGD()}: learning rate 0.01, momentum 0, no Nesterov.
   *
   * @return the default SGD optimizer
   */
  static Sgd sgd() {
    return new Sgd(0.01, 0, false);
  }

  /**
   * Keras {@code Adam()}: learning rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7.
   *
   * @return the default Adam optimizer
   */
  static Adam adam() {
    return new Adam(0.001, 0.9, 0.999, 1e-7);
  }

  /**
   * Keras {@code RMSprop()}: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7 (not centered).
   *
   * @return the default RMSprop optimizer
   */
  static RmsProp rmsprop() {
    return new RmsProp(0.001, 0.9, 0, 1e-7);
  }

  /** Keras' {@code learning_rate}: positive and finite. */
  private static void requireLearningRate(double learningRate) {
    requireArgument(learningRate > 0 && !Double.isInfinite(learningRate), "learningRate must be > 0 but was %s",
        learningRate);
  }

  /** Keras' {@code momentum} of SGD and RMSprop: in [0, 1). */
  private static void requireMomentum(double momentum) {
    requireArgument(momentum >= 0 && momentum < 1, "momentum must be in [0.0, 1.0) but was %s", momentum);
  }

  /** Keras' {@code epsilon} of Adam and RMSprop: positive and finite. */
  private static void requireEpsilon(double epsilon) {
    requireArgument(epsilon > 0 && epsilon < Double.MAX_VALUE, "epsilon must be in (0.0, inf) but was %s", epsilon);
  }

  /**
   * SGD. With momentum {@code m = momentum*m - lr*g}, then {@code w += m} or, with Nesterov,
   * {@code w += momentum*m - lr*g}; without, {@code w -= lr*g}.
   */
  record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {
    /**
     * Checks the values.
     *
     * @param learningRate Keras' {@code learning_rate}
     * @param momentum Keras' {@code momentum}
     * @param nesterov Keras' {@code nesterov}
     * @throws IllegalArgumentException unless {@code learningRate > 0} and finite and {@code 0 <= momentum < 1}
     */
    public Sgd {
      requireLearningRate(learningRate);
      requireMomentum(momentum);
    }

    /**
     * A copy with another learning rate.
     *
     * @param lr Keras' {@code learning_rate}, positive
     * @return the new optimizer
     */
    public Sgd withLearningRate(double lr) {
      return new Sgd(lr, momentum, nesterov);
    }

    /**
     * A copy with another momentum.
     *
     * @param value Keras' {@code momentum}, in [0, 1)
     * @return the new optimizer
     */
    public Sgd withMomentum(double value) {
      return new Sgd(learningRate, value, nesterov);
    }

    /**
     * A copy with Nesterov momentum switched on or off.
     *
     * @param on Keras' {@code nesterov}
     * @return the new optimizer
     */
    public Sgd withNesterov(boolean on) {
      return new Sgd(learningRate, momentum, on);
    }
  }

  /**
   * Adam, Keras 3 form: {@code alpha = lr*sqrt(1-beta2^t)/(1-beta1^t)}, {@code m += (g-m)(1-beta1)},
   * {@code v += (g²-v)(1-beta2)}, {@code w -= alpha*m/(sqrt(v)+epsilon)}.
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
    /**
     * Checks the values.
     *
     * @param learningRate Keras' {@code learning_rate}
     * @param beta1 Keras' {@code beta_1}
     * @param beta2 Keras' {@code beta_2}
     * @param epsilon Keras' {@code epsilon}
     * @throws IllegalArgumentException unless {@code learningRate > 0} and finite, {@code beta1} and {@code beta2} in
     *     (0, 1) and {@code epsilon} positive and finite
     */
    public Adam {
      requireLearningRate(learningRate);
      requireArgument(beta1 > 0 && beta1 < 1, "beta1 must be in (0.0, 1.0) but was %s", beta1);
      requireArgument(beta2 > 0 && beta2 < 1, "beta2 must be in (0.0, 1.0) but was %s", beta2);
      requireEpsilon(epsilon);
    }

    /**
     * A copy with another learning rate.
     *
     * @param lr Keras' {@code learning_rate}, positive
     * @return the new optimizer
     */
    public Adam withLearningRate(double lr) {
      return new Adam(lr, beta1, beta2, epsilon);
    }

    /**
     * A copy with another first-moment decay.
     *
     * @param value Keras' {@code beta_1}, in (0, 1)
     * @return the new optimizer
     */
    public Adam withBeta1(double value) {
      return new Adam(learningRate, value, beta2, epsilon);
    }

    /**
     * A copy with another second-moment decay.
     *
     * @param value Keras' {@code beta_2}, in (0, 1)
     * @return the new optimizer
     */
    public Adam withBeta2(double value) {
      return new Adam(learningRate, beta1, value, epsilon);
    }

    /**
     * A copy with another epsilon.
     *
     * @param value Keras' {@code epsilon}, positive
     * @return the new optimizer
     */
    public Adam withEpsilon(double value) {
      return new Adam(learningRate, beta1, beta2, value);
    }
  }

  /**
   * RMSprop, Keras 3 form: {@code v = rho*v + (1-rho)g²}, {@code inc = lr*g/sqrt(v+epsilon)}; then
   * {@code w -= inc}, or with momentum {@code mom = momentum*mom + inc; w -= mom}.
   */
  record RmsProp(double learningRate, double rho, double momentum, double epsilon) implements Optimizer {
    /**
     * Checks the values.
     *
     * @param learningRate Keras' {@code learning_rate}
     * @param rho Keras' {@code rho}
     * @param momentum Keras' {@code momentum}
     * @param epsilon Keras' {@code epsilon}
     * @throws IllegalArgumentException unless {@code learningRate > 0} and finite, {@code rho} in (0, 1), {@code
     *     momentum} in [0, 1) and {@code epsilon} positive and finite
     */
    public RmsProp {
      requireLearningRate(learningRate);
      requireArgument(rho > 0 && rho < 1, "rho must be in (0.0, 1.0) but was %s", rho);
      requireMomentum(momentum);
      requireEpsilon(epsilon);
    }

    /**
     * A copy with another learning rate.
     *
     * @param lr Keras' {@code learning_rate}, positive
     * @return the new optimizer
     */
    public RmsProp withLearningRate(double lr) {
      return new RmsProp(lr, rho, momentum, epsilon);
    }

    /**
     * A copy with another discounting factor.
     *
     * @param value Keras' {@code rho}, in (0, 1)
     * @return the new optimizer
     */
    public RmsProp withRho(double value) {
      return new RmsProp(learningRate, value, momentum, epsilon);
    }

    /**
     * A copy with another momentum.
     *
     * @param value Keras' {@code momentum}, in [0, 1)
     * @return the new optimizer
     */
    public RmsProp withMomentum(double value) {
      return new RmsProp(learningRate, rho, value, epsilon);
    }

    /**
     * A copy with another epsilon.
     *
     * @param value Keras' {@code epsilon}, positive
     * @return the new optimizer
     */
    public RmsProp withEpsilon(double value) {
      return new RmsProp(learningRate, rho, momentum, value);
    }
  }
}
