"""Golden values for the finetune module, produced by real Keras 3 (TF backend).

Writes under ``finetune/src/test/resources/``:

* ``keras-mini-vgg/``: copied from ``shared/fixtures/keras-mini-vgg`` (or ``$TUNA_MINI_VGG``).
* ``keras3-classifier-export/``: the untrained Keras classifier below (rescale variant, Dropout(0.5)),
  ``model.export``-ed.
* ``non-vgg-export/`` and ``non-vgg.weights.h5``: a small Dense model exported with ``model.export`` and
  ``save_weights``; loaders must reject it as "not a VGG network".
* ``finetune/``: the fine-tuning parity fixtures built on ``keras-mini-vgg/keras3.keras`` (copied from
  ``shared/fixtures/keras-mini-vgg``):
  - ``batch-x.npy`` float32 (4, 32, 32, 3) in [0, 255), ``batch-y.npy`` float32 (4, 3) one-hot;
  - ``initial-probs-rescale.npy`` / ``initial-probs-caffe.npy``: ``model.predict`` before training;
  - ``<optimizer>/step<k>/<layer>__<kernel|bias>.npy`` for k in (1, 5): the trainable weights after k
    ``train_on_batch`` calls, plus ``<optimizer>/losses.npy`` (the k-th call's returned loss);
  - ``sample-weight/``: one SGD(momentum) ``train_on_batch`` with ``sample_weight=[1, .5, 2, 0]``;
  - ``fit/history.json``: ``model.fit`` (8 samples, batch 4, 2 epochs, no shuffle, validation on 4 samples).

The model is ``Input(32,32,3) -> Rescaling(1/255) | caffe -> mini-VGG (layers[:15] frozen) -> Flatten ->
Dense(256, relu, name="dense") -> Dropout(0.0) -> Dense(3, softmax, name="dense_1")``. Dropout is 0 so that
training is deterministic. The head kernels are tuna's seeded Glorot-uniform, reproduced here with numpy's
RandomState: ``limit = sqrt(6 / (fan_in + fan_out))``, ``rs.uniform(-limit, limit, (fan_in, fan_out))`` for
``dense`` then ``dense_1``, float32, zero biases.
"""
import json
import math
import os
import shutil

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras
import numpy as np

from common import ROOT, resources, save_json, save_npy

SEED = 42
CLASSES = 3
UNITS = 256
FREEZE = 15
CAFFE_MEAN = [103.939, 116.779, 123.68]
TRAINABLE = ["block5_conv1", "block5_conv2", "block5_conv3", "dense", "dense_1"]
OPTIMIZERS = {
    "sgd-momentum": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
    "sgd-nesterov": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
    "adam": lambda: keras.optimizers.Adam(learning_rate=1e-3),
    "rmsprop": lambda: keras.optimizers.RMSprop(learning_rate=1e-3),
}


def glorot_head(fan_in):
    """tuna's seeded Glorot-uniform Flatten-Dense head (HeadInit): RandomState(SEED), dense then dense_1."""
    rs = np.random.RandomState(SEED)
    l1 = math.sqrt(6.0 / (fan_in + UNITS))
    k1 = rs.uniform(-l1, l1, (fan_in, UNITS)).astype(np.float32)
    l2 = math.sqrt(6.0 / (UNITS + CLASSES))
    k2 = rs.uniform(-l2, l2, (UNITS, CLASSES)).astype(np.float32)
    return k1, k2


class Caffe(keras.layers.Layer):
    """keras.applications.vgg16.preprocess_input as a layer: RGB -> BGR, minus the ImageNet BGR means."""

    def call(self, x):
        x = x[..., ::-1]
        return x - keras.ops.convert_to_tensor(CAFFE_MEAN, dtype="float32")


def build(base_path, preprocessing, dropout=0.0):
    base = keras.models.load_model(base_path)
    for layer in base.layers[:FREEZE]:
        layer.trainable = False
    inp = keras.Input((32, 32, 3), name="image")
    x = keras.layers.Rescaling(1.0 / 255)(inp) if preprocessing == "rescale" else Caffe()(inp)
    x = base(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(UNITS, activation="relu", name="dense")(x)
    x = keras.layers.Dropout(dropout)(x)
    out = keras.layers.Dense(CLASSES, activation="softmax", name="dense_1")(x)
    model = keras.Model(inp, out)
    k1, k2 = glorot_head(int(np.prod(base.output.shape[1:])))
    model.get_layer("dense").set_weights([k1, np.zeros(UNITS, np.float32)])
    model.get_layer("dense_1").set_weights([k2, np.zeros(CLASSES, np.float32)])
    return model, base


def weights_of(model, base):
    out = {}
    for name in TRAINABLE:
        layer = base.get_layer(name) if name.startswith("block") else model.get_layer(name)
        kernel, bias = layer.get_weights()
        out[name + "__kernel"] = kernel
        out[name + "__bias"] = bias
    return out


def non_vgg(root):
    inp = keras.Input((8,), name="features")
    x = keras.layers.Dense(4, activation="relu", name="hidden")(inp)
    out = keras.layers.Dense(2, activation="softmax", name="logits")(x)
    model = keras.Model(inp, out)
    path = os.path.join(root, "non-vgg-export")
    shutil.rmtree(path, ignore_errors=True)
    model.export(path, verbose=False)
    model.save_weights(os.path.join(root, "non-vgg.weights.h5"))


def copy_mini_vgg(root):
    """Copies shared/fixtures/keras-mini-vgg (tf_keras files cannot be produced here) next to our fixtures."""
    src = os.environ.get("TUNA_MINI_VGG", os.path.join(ROOT, "..", "shared", "fixtures", "keras-mini-vgg"))
    dst = os.path.join(root, "keras-mini-vgg")
    if os.path.isdir(src):
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)
        for dirpath, _, files in os.walk(dst):
            os.chmod(dirpath, 0o755)
            for f in files:
                os.chmod(os.path.join(dirpath, f), 0o644)
    elif not os.path.isdir(dst):
        raise SystemExit(f"keras-mini-vgg fixtures not found at {src}; set TUNA_MINI_VGG")


def main():
    root = resources("finetune")
    copy_mini_vgg(root)
    base_path = os.path.join(root, "keras-mini-vgg", "keras3.keras")
    non_vgg(root)
    out = resources("finetune", "finetune")

    rs = np.random.RandomState(7)
    x = rs.uniform(0, 255, (4, 32, 32, 3)).astype(np.float32)
    labels = [0, 1, 2, 1]
    y = np.eye(CLASSES, dtype=np.float32)[labels]
    save_npy(os.path.join(out, "batch-x.npy"), x)
    save_npy(os.path.join(out, "batch-y.npy"), y)

    for pre in ("rescale", "caffe"):
        model, _ = build(base_path, pre)
        save_npy(os.path.join(out, f"initial-probs-{pre}.npy"), model.predict(x, verbose=0))
    # The whole (untrained) Keras classifier, exported: Classifier must serve it, KerasWeights must find the
    # nested VGG's weights in it.
    model, _ = build(base_path, "rescale", dropout=0.5)  # Dropout adds an int64 seed-generator variable
    export_dir = os.path.join(root, "keras3-classifier-export")
    shutil.rmtree(export_dir, ignore_errors=True)
    model.export(export_dir, verbose=False)

    for opt_name, make in OPTIMIZERS.items():
        model, base = build(base_path, "rescale")
        frozen_before = [w.copy() for l in base.layers[:FREEZE] for w in l.get_weights()]
        model.compile(optimizer=make(), loss="categorical_crossentropy", metrics=["accuracy"])
        losses = []
        for step in range(1, 6):
            loss = model.train_on_batch(x, y, return_dict=True)["loss"]
            losses.append(loss)
            if step in (1, 5):
                for key, value in weights_of(model, base).items():
                    save_npy(os.path.join(out, opt_name, f"step{step}", key + ".npy"), value)
        frozen_after = [w for l in base.layers[:FREEZE] for w in l.get_weights()]
        assert all(np.array_equal(a, b) for a, b in zip(frozen_before, frozen_after))
        save_npy(os.path.join(out, opt_name, "losses.npy"), np.array(losses, np.float32))

    # Sample weights: one SGD(momentum) step, Keras' sum_over_batch_size of the weighted losses.
    model, base = build(base_path, "rescale")
    model.compile(optimizer=OPTIMIZERS["sgd-momentum"](), loss="categorical_crossentropy", metrics=["accuracy"])
    sw = np.array([1.0, 0.5, 2.0, 0.0], np.float32)
    logs = model.train_on_batch(x, y, sample_weight=sw, return_dict=True)
    save_npy(os.path.join(out, "sample-weight", "sample-weight.npy"), sw)
    save_npy(os.path.join(out, "sample-weight", "loss.npy"), np.array([logs["loss"]], np.float32))
    for key, value in weights_of(model, base).items():
        save_npy(os.path.join(out, "sample-weight", "step1", key + ".npy"), value)

    # model.fit with validation: Keras' epoch aggregation of loss and accuracy.
    rs = np.random.RandomState(11)
    fx = rs.uniform(0, 255, (8, 32, 32, 3)).astype(np.float32)
    fy = np.eye(CLASSES, dtype=np.float32)[[0, 1, 2, 0, 1, 2, 0, 1]]
    vx = rs.uniform(0, 255, (4, 32, 32, 3)).astype(np.float32)
    vy = np.eye(CLASSES, dtype=np.float32)[[2, 1, 0, 0]]
    model, base = build(base_path, "rescale")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(fx, fy, batch_size=4, epochs=2, shuffle=False, validation_data=(vx, vy), verbose=0)
    fit_dir = os.path.join(out, "fit")
    save_npy(os.path.join(fit_dir, "x.npy"), fx)
    save_npy(os.path.join(fit_dir, "y.npy"), fy)
    save_npy(os.path.join(fit_dir, "val-x.npy"), vx)
    save_npy(os.path.join(fit_dir, "val-y.npy"), vy)
    save_json(os.path.join(fit_dir, "history.json"), {k: [float(v) for v in vs] for k, vs in history.history.items()})

    # Trainable/non-trainable totals as Keras reports them for the frozen base (summary() numbers).
    model, base = build(base_path, "rescale")
    save_json(os.path.join(out, "counts.json"), {
        "base_trainable": int(sum(np.prod(w.shape) for w in base.trainable_weights)),
        "base_non_trainable": int(sum(np.prod(w.shape) for w in base.non_trainable_weights)),
        "model_trainable": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
        "model_non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights)),
    })
    print("wrote", out)


if __name__ == "__main__":
    main()
