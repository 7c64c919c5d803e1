"""Step parity of both classifier heads on both kinds of backbone (finetune/src/test/resources/heads).

The lecture's head ``Flatten -> Dense(256, relu) -> Dropout -> Dense(n, softmax)`` and the keras.io head
``GlobalAveragePooling2D -> Dropout -> Dense(n, softmax)``, each on the backbone it is not the default for, trained
with ``train_on_batch`` in Keras 3 (Dropout 0, so that the steps are deterministic):

* ``vgg_gap/``: the mini-VGG of ``keras-mini-vgg/keras3.keras`` rebuilt for 64x64 inputs (the same layers and
  weights; block5_pool is 2x2x8), ``Rescaling(1/255)`` in front, ``layers[:15]`` frozen (tuna's VGG default), the
  GlobalAveragePooling2D head. Its Dense kernel comes from Keras' ``GlorotUniform(seed=HEAD_SEED)``, its bias from
  ``RandomState(HEAD_SEED).uniform(-0.1, 0.1)``; both are stored (``head_kernel.npy``, ``head_bias.npy``) and the
  Java test sets them as the initial head.
* ``mobilenetv2_flatten/``: ``MobileNetV2(alpha=0.35, include_top=False, weights=None, input_shape=(64, 64, 3))``
  with gen_anycnn.py's seeded weights (``config.json.gz`` only: Java draws the same weights), frozen and called
  with ``training=False`` (the keras.io first phase), then the Flatten-Dense head (Flatten of 2x2x1280,
  Dense(256, relu), Dense(3, softmax)). The head kernels are tuna's documented seeded Glorot-uniform drawn with
  NumPy (gen_finetune.py's ``glorot_head``): ``rs = RandomState(42)``; for ``dense`` then ``dense_1``,
  ``limit = sqrt(6 / (fan_in + fan_out))``, ``rs.uniform(-limit, limit, (fan_in, fan_out))``, float32; zero biases.

Per case: ``x.npy`` (4, 64, 64, 3) and ``y.npy`` (4, 3); ``steps.json`` (the steps, freeze point, optimizer
configs, trainable weight names, Keras' trainable / non-trainable parameter totals and the head layers' rows of
``model.summary()``; for MobileNetV2 also the totals with the layers from ``Conv_1`` on trainable except
BatchNormalization, the keras.io second phase, under ``unfrozen``); per optimizer ``<opt>.npz`` with ``loss`` (the STEPS returned losses),
``predict`` (``model.predict(x)`` after the last step) and every trainable weight ``layer/name`` (key
``layer__name``) after step 1 and step STEPS: whole tensors up to SAMPLE values, else SAMPLE seeded positions
(``__idx``) plus ``__l1_<step>``, the sum of |after - before| over the whole tensor.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from common import resources, save_gzip_text, save_json, save_npy  # noqa: E402
from gen_anycnn import config_json, flat_layers, set_seeded_weights  # noqa: E402
from gen_finetune import glorot_head  # noqa: E402
from train_steps import optimizer_meta, record_steps  # noqa: E402

OUT = resources("finetune", "heads")
MINI_VGG = os.path.join(resources("finetune", "keras-mini-vgg"), "keras3.keras")
SIZE = 64
CLASSES = 3
UNITS = 256
HEAD_SEED = 11
STEPS = 5
SAMPLE = 512
UNFREEZE = "Conv_1"
LABELS = [0, 2, 1, 2]
OPTIMIZERS = {"sgd": lambda lr: keras.optimizers.SGD(learning_rate=lr, momentum=0.9),
              "adam": lambda lr: keras.optimizers.Adam(learning_rate=lr)}


def head_rows(model, names):
    rows = []
    for name in names:
        layer = model.get_layer(name)
        rows.append({"name": name, "class": layer.__class__.__name__,
                     "output_shape": list(layer.output.shape[1:]), "params": int(layer.count_params())})
    return rows


def counts(model):
    return {"trainable": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
            "non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights))}


def vgg_gap():
    """The mini-VGG at 64x64 with the GlobalAveragePooling2D head."""
    keras.utils.clear_session()
    base = keras.models.load_model(MINI_VGG)
    inp = keras.Input((SIZE, SIZE, 3), name="image")
    h = layers.Rescaling(1.0 / 255)(inp)
    for layer in base.layers[1:]:  # the same layer objects (and weights) on a 64x64 input
        h = layer(h)
    for layer in base.layers[:15]:
        layer.trainable = False
    h = layers.GlobalAveragePooling2D(name="global_average_pooling2d")(h)
    h = layers.Dropout(0.0, name="dropout")(h)
    out = layers.Dense(CLASSES, activation="softmax", name="dense",
                       kernel_initializer=keras.initializers.GlorotUniform(seed=HEAD_SEED))(h)
    model = keras.Model(inp, out)
    dense = model.get_layer("dense")
    bias = np.random.RandomState(HEAD_SEED).uniform(-0.1, 0.1, (CLASSES,)).astype(np.float32)
    dense.bias.assign(bias)
    trained = [base.get_layer(n) for n in ("block5_conv1", "block5_conv2", "block5_conv3")] + [dense]
    return model, trained, {"head_kernel": dense.kernel.numpy(), "head_bias": bias}, \
        ["global_average_pooling2d", "dropout", "dense"], None


def mobilenet_flatten(unfreeze=None):
    """MobileNetV2 alpha 0.35 at 64x64 (seeded weights) with the Flatten-Dense head, trained from unfreeze on."""
    keras.utils.clear_session()
    base = keras.applications.MobileNetV2(alpha=0.35, include_top=False, weights=None,
                                          input_shape=(SIZE, SIZE, 3))
    set_seeded_weights(base)
    config = config_json(base)
    if unfreeze is None:
        base.trainable = False
    else:
        index = [layer.name for layer in base.layers].index(unfreeze)
        for i, layer in enumerate(base.layers):
            layer.trainable = i >= index and not isinstance(layer, layers.BatchNormalization)
    inp = keras.Input((SIZE, SIZE, 3), name="image")
    h = base(inp, training=False)
    h = layers.Flatten(name="flatten")(h)
    h = layers.Dense(UNITS, activation="relu", name="dense")(h)
    h = layers.Dropout(0.0, name="dropout")(h)
    out = layers.Dense(CLASSES, activation="softmax", name="dense_1")(h)
    model = keras.Model(inp, out)
    k1, k2 = glorot_head(int(np.prod(base.output.shape[1:])))
    model.get_layer("dense").set_weights([k1, np.zeros(UNITS, np.float32)])
    model.get_layer("dense_1").set_weights([k2, np.zeros(CLASSES, np.float32)])
    trained = [layer for layer in flat_layers(base) if layer.trainable_weights] + [model.get_layer("dense"),
                                                                                  model.get_layer("dense_1")]
    return model, trained, {}, ["flatten", "dense", "dropout", "dense_1"], config


CASES = {
    # case: (build, x in [lo, hi), preprocessing tuna applies, first trainable base layer, SGD and Adam rates)
    "vgg_gap": (vgg_gap, (0.0, 255.0), "RESCALE", "block5_conv1", 0.01, 1e-3),
    "mobilenetv2_flatten": (mobilenet_flatten, (-1.0, 1.0), "NONE", None, 1e-4, 1e-4),
}


def main():
    for case, (build, (lo, hi), pre, first, sgd_lr, adam_lr) in CASES.items():
        out = os.path.join(OUT, case)
        os.makedirs(out, exist_ok=True)
        rs = np.random.RandomState(SIZE + 7)
        x = (lo + (hi - lo) * rs.random_sample((4, SIZE, SIZE, 3))).astype(np.float32)
        y = np.eye(CLASSES, dtype=np.float32)[LABELS]
        save_npy(os.path.join(out, "x.npy"), x)
        save_npy(os.path.join(out, "y.npy"), y)
        meta = {"steps": STEPS, "first_trainable": first, "preprocessing": pre, "optimizers": {}}
        for opt_name, make_opt in OPTIMIZERS.items():
            model, trained, stored, head_names, config = build()
            if opt_name == "sgd":
                for name, value in stored.items():
                    save_npy(os.path.join(out, name + ".npy"), value)
                if config is not None:
                    save_gzip_text(os.path.join(out, "config.json.gz"), config)
                meta["counts"] = counts(model)
                meta["head"] = head_rows(model, head_names)
            named = [(f"{layer.name}/{w.name}", w) for layer in trained for w in layer.trainable_weights]
            assert len(named) == len(model.trainable_weights), (len(named), len(model.trainable_weights))
            model.compile(optimizer=make_opt(sgd_lr if opt_name == "sgd" else adam_lr),
                          loss="categorical_crossentropy")
            losses, arrays, moved = record_steps(model, named, model.non_trainable_weights, x, y, STEPS, SAMPLE)
            arrays["predict"] = model.predict(x, verbose=0)
            np.savez(os.path.join(out, f"{opt_name}.npz"), **arrays)
            meta["optimizers"][opt_name] = optimizer_meta(model, losses, named)
            print(f"{case} {opt_name}: losses {losses}, {len(named)} trainable weights, max change {moved:.3g}")
        if case == "mobilenetv2_flatten":
            # the keras.io second phase from UNFREEZE on (BatchNormalization frozen): Keras' totals
            model, _, _, _, _ = mobilenet_flatten(unfreeze=UNFREEZE)
            meta["unfrozen"] = dict(counts(model), first_trainable=UNFREEZE)
        save_json(os.path.join(out, "steps.json"), meta)


if __name__ == "__main__":
    main()
