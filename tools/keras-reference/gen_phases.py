"""Keras' parameter counts for tuna's two-phase fine-tuning (finetune/src/test/resources/phases/counts.json).

The keras.io recipe on the committed models: inputs -> base(x, training=False) -> head, phase 1 with
base.trainable = False, phase 2 with base.trainable = True and base.layers[:k] frozen (and, for the model built from
its config, every BatchNormalization frozen, as tuna keeps them). For each case: the whole model's trainable and
non-trainable totals per phase, and k.
  mini_vgg:  the mini VGG (keras-mini-vgg/keras3.keras), head Flatten -> Dense(256, relu) -> Dropout(0.5) ->
             Dense(3, softmax); phase 1 layers[:15] frozen (the lecture), phase 2 from block4_conv1.
  mobilenet: MobileNetV2 alpha 0.35 at 32x32 (anycnn/files/mobilenetv2_035_32.keras), head
             GlobalAveragePooling2D -> Dropout(0.2) -> Dense(3, softmax); phase 1 the whole base frozen, phase 2
             from block_13_expand, the last 20 layers, and from the first layer named block_16*.
Also keras.applications.imagenet_utils.preprocess_input of one seeded 32x32 RGB image in [0, 255] for each mode
(phases/preprocess-x.npy, -caffe.npy, -tf.npy, -torch.npy).
"""
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
from keras import layers  # noqa: E402

from common import resources, save_json, save_npy  # noqa: E402


def counts(model):
    return {"trainable": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
            "non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights))}


def build(base, head):
    inputs = keras.Input(base.input_shape[1:])
    x = base(inputs, training=False)
    if head == "flatten":
        x = layers.Flatten()(x)
        x = layers.Dense(256, activation="relu")(x)
        x = layers.Dropout(0.5)(x)
    else:
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dropout(0.2)(x)
    return keras.Model(inputs, layers.Dense(3, activation="softmax")(x))


def phase_two(base, k, batch_norm_frozen):
    base.trainable = True
    for i, layer in enumerate(base.layers):
        layer.trainable = i >= k and not (batch_norm_frozen and isinstance(layer, layers.BatchNormalization))


def case(path, head, first, points, batch_norm_frozen):
    out = {}
    base = keras.models.load_model(path)
    model = build(base, head)
    names = [layer.name for layer in base.layers]
    if first is None:
        base.trainable = False
    else:
        for layer in base.layers[:first]:
            layer.trainable = False
    out["phase1"] = counts(model)
    out["layers"] = len(names)
    for key, k in points(names).items():
        keras.utils.clear_session()
        base = keras.models.load_model(path)
        model = build(base, head)
        phase_two(base, k, batch_norm_frozen)
        out[key] = dict(counts(model), index=k)
    return out


def main():
    vgg = os.path.join(resources("finetune", "keras-mini-vgg"), "keras3.keras")
    mobilenet = os.path.join(resources("finetune", "anycnn", "files"), "mobilenetv2_035_32.keras")
    result = {
        "mini_vgg": case(vgg, "flatten", 15, lambda n: {"from_block4_conv1": n.index("block4_conv1")}, False),
        "mobilenet": case(mobilenet, "gap", None, lambda n: {
            "from_block_13_expand": n.index("block_13_expand"),
            "last_20": len(n) - 20,
            "prefix_block_16": next(i for i, name in enumerate(n) if name.startswith("block_16"))}, True),
    }
    save_json(os.path.join(resources("finetune", "phases"), "counts.json"), result)
    x = np.random.RandomState(0).uniform(0, 255, (1, 32, 32, 3)).astype("float32")
    out = resources("finetune", "phases")
    save_npy(os.path.join(out, "preprocess-x.npy"), x)
    for mode in ("caffe", "tf", "torch"):
        y = keras.applications.imagenet_utils.preprocess_input(x.copy(), mode=mode)
        save_npy(os.path.join(out, "preprocess-%s.npy" % mode), np.asarray(y, dtype="float32"))


if __name__ == "__main__":
    main()
