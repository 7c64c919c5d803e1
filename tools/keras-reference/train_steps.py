"""Recording of train_on_batch steps for the step-parity fixtures (gen_anycnn.py steps, gen_heads.py).

``record_steps`` runs STEPS ``train_on_batch`` calls of a compiled model on one batch and keeps, for every trainable
weight ``layer/name`` (key ``layer__name``), its values after step 1 and the last step: the whole tensor up to
``sample`` values, else ``sample`` positions ``__idx`` (drawn with ``RandomState(crc32("layer/name"))``, sorted,
stored as float32) plus ``__l1_<step>``, the sum of |after - before| over the whole tensor. It asserts that the
frozen weights are bit-identical after the steps.
"""
import zlib

import numpy as np

OPTIMIZER_KEYS = ("learning_rate", "momentum", "beta_1", "beta_2", "epsilon", "nesterov")


def record_steps(model, named, frozen_weights, x, y, steps, sample):
    """Trains the compiled model ``steps`` times on (x, y); named: [("layer/name", variable)] of the trainable
    weights. Returns (losses, arrays, moved): the returned losses, the arrays of the module doc plus ``loss``, and
    the largest change of any trainable value."""
    frozen = {w.path: w.numpy().copy() for w in frozen_weights}
    before = {n: w.numpy().copy() for n, w in named}
    losses, arrays = [], {}
    for step in range(1, steps + 1):
        losses.append(float(model.train_on_batch(x, y)))
        if step not in (1, steps):
            continue
        for n, w in named:
            key = n.replace("/", "__")
            v = w.numpy().reshape(-1)
            if v.size <= sample:
                arrays[f"{key}__{step}"] = v
            else:
                idx = np.sort(np.random.RandomState(zlib.crc32(n.encode("utf-8"))).choice(v.size, sample,
                                                                                           replace=False))
                arrays[f"{key}__idx"] = idx.astype(np.float32)  # < 2^24: exact in float32
                arrays[f"{key}__{step}"] = v[idx]
                arrays[f"{key}__l1_{step}"] = np.array(
                    [np.abs(v.astype(np.float64) - before[n].reshape(-1)).sum()], np.float32)
    assert all(np.array_equal(frozen[w.path], w.numpy()) for w in frozen_weights)
    arrays["loss"] = np.array(losses, np.float32)
    moved = max(float(np.abs(w.numpy() - before[n]).max()) for n, w in named)
    return losses, arrays, moved


def optimizer_meta(model, losses, named):
    """The steps.json entry of one optimizer: its Keras config (the keys tuna reads), the losses and the trainable
    weight names."""
    config = {k: (float(v) if isinstance(v, (float, np.floating)) else v)
              for k, v in model.optimizer.get_config().items() if k in OPTIMIZER_KEYS}
    return {"config": config, "losses": losses, "trainable": [n for n, _ in named]}
