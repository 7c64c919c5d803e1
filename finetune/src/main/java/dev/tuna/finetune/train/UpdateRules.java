package dev.tuna.finetune.train;

import dev.tuna.finetune.internal.Network.Param;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras 3 optimizer update formulas as graph ops on {@code VariableV2}s, with slots named
 * {@code <variable>_<slot>}. Updates wait for every gradient, then {@code iterations} is incremented.
 */
final class UpdateRules {
  private UpdateRules() {}

  /** An optimizer slot variable, named {@code <variable>_<slot>}. */
  record Slot(String name, Variable<TFloat32> variable, long[] shape) {}

  /** The update step; every slot variable it creates is added to {@code slots}. */
  static Op build(Ops tf, Optimizer optimizer, List<Param> vars, Output<?>[] grads, Operand<TFloat32> lr,
      Variable<TInt64> iterations, List<Slot> slots) {
    // Every update waits for every gradient: forward reads of a VariableV2 may alias its buffer.
    Ops dep = tf.withControlDependencies(identities(tf, grads));
    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> step = tf.dtypes.cast(tf.math.add(tf.identity(iterations), tf.constant(1L)), TFloat32.class);
    for (int i = 0; i < vars.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
      updates.add(update(tf, dep, optimizer, vars.get(i), g, lr, step, slots));
    }
    Op applied = tf.withControlDependencies(updates).withName("apply_updates").noOp();
    return tf.withControlDependencies(List.of(applied)).withName("train_step")
        .assignAdd(iterations, tf.constant(1L));
  }

  private static List<Op> identities(Ops tf, Output<?>[] grads) {
    List<Op> out = new ArrayList<>();
    for (Output<?> g : grads) {
      out.add(tf.identity(g));
    }
    return out;
  }

  private static Op update(Ops base, Ops tf, Optimizer optimizer, Param p, Operand<TFloat32> g, Operand<TFloat32> lr,
      Operand<TFloat32> step, List<Slot> slots) {
    Variable<TFloat32> w = p.variable();
    if (optimizer instanceof Optimizer.Sgd sgd) {
      if (sgd.momentum() == 0) {
        return tf.assignSub(w, tf.math.mul(g, lr));
      }
      Operand<TFloat32> momentum = f(tf, sgd.momentum());
      Variable<TFloat32> m = slot(base, slots, p, "momentum");
      Operand<TFloat32> mNew = tf.identity(tf.assign(m,
          tf.math.sub(tf.math.mul(tf.identity(m), momentum), tf.math.mul(g, lr))));
      return sgd.nesterov()
          ? tf.assignAdd(w, tf.math.sub(tf.math.mul(mNew, momentum), tf.math.mul(g, lr)))
          : tf.assignAdd(w, mNew);
    }
    if (optimizer instanceof Optimizer.Adam adam) {
      Operand<TFloat32> b1Power = tf.math.pow(f(tf, adam.beta1()), step);
      Operand<TFloat32> b2Power = tf.math.pow(f(tf, adam.beta2()), step);
      Operand<TFloat32> one = tf.constant(1f);
      Operand<TFloat32> alpha = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, b2Power))),
          tf.math.sub(one, b1Power));
      Variable<TFloat32> m = slot(base, slots, p, "momentum");
      Variable<TFloat32> v = slot(base, slots, p, "velocity");
      Operand<TFloat32> mNew = tf.identity(tf.assignAdd(m,
          tf.math.mul(tf.math.sub(g, tf.identity(m)), f(tf, 1 - adam.beta1()))));
      Operand<TFloat32> vNew = tf.identity(tf.assignAdd(v,
          tf.math.mul(tf.math.sub(tf.math.square(g), tf.identity(v)), f(tf, 1 - adam.beta2()))));
      return tf.assignSub(w, tf.math.div(tf.math.mul(mNew, alpha),
          tf.math.add(tf.math.sqrt(vNew), f(tf, adam.epsilon()))));
    }
    Optimizer.RmsProp rms = (Optimizer.RmsProp) optimizer;
    Variable<TFloat32> v = slot(base, slots, p, "velocity");
    Operand<TFloat32> vNew = tf.identity(tf.assign(v, tf.math.add(tf.math.mul(f(tf, rms.rho()), tf.identity(v)),
        tf.math.mul(f(tf, 1 - rms.rho()), tf.math.square(g)))));
    Operand<TFloat32> increment = tf.math.div(tf.math.mul(lr, g),
        tf.math.sqrt(tf.math.add(vNew, f(tf, rms.epsilon()))));
    if (rms.momentum() > 0) {
      Variable<TFloat32> mom = slot(base, slots, p, "momentum");
      Operand<TFloat32> momNew = tf.identity(tf.assign(mom,
          tf.math.add(tf.math.mul(f(tf, rms.momentum()), tf.identity(mom)), increment)));
      return tf.assignSub(w, momNew);
    }
    return tf.assignSub(w, increment);
  }

  private static Operand<TFloat32> f(Ops tf, double v) {
    return tf.constant((float) v);
  }

  private static Variable<TFloat32> slot(Ops tf, List<Slot> slots, Param p, String name) {
    Variable<TFloat32> v = tf.withName(p.name() + "_" + name)
        .variable(tf.zeros(tf.constant(Shape.of(p.shape())), TFloat32.class));
    slots.add(new Slot(p.name() + "_" + name, v, p.shape()));
    return v;
  }
}
