"""Forward-parity fixtures for tuna's Keras-config interpreter (finetune/src/test/resources/anycnn).

For each case a keras.applications model is built with weights=None, every weight is then overwritten with values
drawn from a per-weight seed (so Java can draw the very same float32 values without the 14-100 MB weight files),
and Keras' predict on a small seeded batch is stored:

  <case>/config.json.gz   the model's Keras 3 config, exactly as a .keras archive stores it (gzip)
  <case>/input.npy        float32 (2, H, W, 3)
  <case>/expected.npy     float32 model.predict(input)
  <case>/summary.json     per top-level layer: name, class, output shape, params; trainable / non-trainable totals

Deterministic weights ("seeded weights"): for the j-th weight of layer L (Keras' layer.weights order, nested models
flattened, key "L/j"), seed = zlib.crc32(key) and r = numpy.random.RandomState(seed).random_sample(shape) (C
order); value = float32(lo + (hi - lo) * r) with [lo, hi] chosen by the weight's Keras name:
  depthwise kernels (SeparableConv2D's depthwise_kernel, DepthwiseConv2D's kernel):
                             a = sqrt(6 / (shape[0] * shape[1])), [-a, a]
  kernel, pointwise_kernel:  a = sqrt(6 / prod(shape[:-1])), [-a, a]
  gamma:                     [0.8, 1.2]
  moving_variance, variance: [0.5, 1.5]
  anything else (bias, beta, moving_mean, mean): [-0.1, 0.1]
  count (Normalization's int counter): 0
Besides, real files: mobilenetv2_035_32.keras (a whole MobileNetV2 alpha 0.35), nested.keras / nested.h5 /
sequential.keras (a small custom base called with training=False inside a functional model and inside a
Sequential), each with input and expected output, and damaged copies for the error tests.
"""
import io
import json
import math
import os
import shutil
import zipfile
import zlib

import h5py
import numpy as np

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# TF 2.21's oneDNN kernels crash (SIGFPE) on ResNet50 at 64x64 on this machine; the Eigen kernels do not.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
import keras  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.saving import serialization_lib  # noqa: E402

from common import resources, save_gzip_text, save_json, save_npy  # noqa: E402
from train_steps import optimizer_meta, record_steps  # noqa: E402

A = keras.applications
OUT = resources("finetune", "anycnn")


def bounds(layer_class, name, shape):
    if name == "depthwise_kernel" or (name == "kernel" and layer_class == "DepthwiseConv2D"):
        a = math.sqrt(6.0 / (shape[0] * shape[1]))
        return -a, a
    if name in ("kernel", "pointwise_kernel"):
        a = math.sqrt(6.0 / int(np.prod(shape[:-1])))
        return -a, a
    if name == "gamma":
        return 0.8, 1.2
    if name in ("moving_variance", "variance"):
        return 0.5, 1.5
    return -0.1, 0.1


def seeded(key, layer_class, name, shape):
    seed = zlib.crc32(key.encode("utf-8")) & 0xFFFFFFFF
    lo, hi = bounds(layer_class, name, shape)
    r = np.random.RandomState(seed).random_sample(int(np.prod(shape, dtype=np.int64)))
    return (lo + (hi - lo) * r).astype(np.float32).reshape(shape)


def flat_layers(model):
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            yield from flat_layers(layer)
        else:
            yield layer


def set_seeded_weights(model):
    for layer in flat_layers(model):
        values = []
        for j, w in enumerate(layer.weights):
            if w.name == "count":
                values.append(np.zeros(w.shape, dtype=w.dtype))
            else:
                values.append(seeded(f"{layer.name}/{j}", layer.__class__.__name__, w.name, tuple(w.shape)))
        if values:
            layer.set_weights(values)
        if isinstance(layer, layers.Normalization):
            # set_weights leaves Normalization's cached mean/variance at their initial 0/1; loading a weights
            # file calls finalize_state (Normalization.load_own_variables), so do the same here.
            layer.finalize_state()


def summary(model):
    rows = []
    for layer in model.layers:
        shape = layer.output.shape
        rows.append({"name": layer.name, "class": layer.__class__.__name__,
                     "output_shape": [d for d in shape[1:]], "params": int(layer.count_params())})
    trainable = int(sum(np.prod(w.shape) for w in model.trainable_weights))
    non_trainable = int(sum(np.prod(w.shape) for w in model.non_trainable_weights))
    return {"layers": rows, "trainable": trainable, "non_trainable": non_trainable}


def batch(size, preprocessing_inside):
    rs = np.random.RandomState(size)
    if preprocessing_inside:
        return (rs.random_sample((2, size, size, 3)) * 255.0).astype(np.float32)
    return (rs.random_sample((2, size, size, 3)) * 2.0 - 1.0).astype(np.float32)


def config_json(model):
    return json.dumps(serialization_lib.serialize_keras_object(model))


CASES = [
    ("vgg16_notop_32", lambda: A.VGG16(include_top=False, weights=None, input_shape=(32, 32, 3)), 32, False),
    ("vgg16_top_32", lambda: A.VGG16(include_top=True, weights=None, input_shape=(32, 32, 3)), 32, False),
    ("vgg19_notop_48", lambda: A.VGG19(include_top=False, weights=None, input_shape=(48, 48, 3)), 48, False),
    ("resnet50_notop_64", lambda: A.ResNet50(include_top=False, weights=None, input_shape=(64, 64, 3)), 64, False),
    # classifier_activation=None (also for Xception and ConvNeXtTiny below): with the seeded weights these models'
    # logits are large enough to saturate a softmax to one-hot
    ("resnet50_top_32", lambda: A.ResNet50(include_top=True, weights=None, input_shape=(32, 32, 3),
                                           classifier_activation=None), 32, False),
    ("resnet50v2_notop_64",
     lambda: A.ResNet50V2(include_top=False, weights=None, input_shape=(64, 64, 3)), 64, False),
    ("resnet50v2_top_32", lambda: A.ResNet50V2(include_top=True, weights=None, input_shape=(32, 32, 3),
                                               classifier_activation=None), 32, False),
    ("mobilenetv2_035_notop_32",
     lambda: A.MobileNetV2(alpha=0.35, include_top=False, weights=None, input_shape=(32, 32, 3)), 32, False),
    ("mobilenetv2_035_top_48",
     lambda: A.MobileNetV2(alpha=0.35, include_top=True, weights=None, input_shape=(48, 48, 3)), 48, False),
    ("mobilenetv2_100_top_64",
     lambda: A.MobileNetV2(alpha=1.0, include_top=True, weights=None, input_shape=(64, 64, 3)), 64, False),
    ("mobilenetv2_100_notop_96",
     lambda: A.MobileNetV2(alpha=1.0, include_top=False, weights=None, input_shape=(96, 96, 3)), 96, False),
    ("mobilenetv3small_top_64",
     lambda: A.MobileNetV3Small(include_top=True, weights=None, input_shape=(64, 64, 3)), 64, True),
    ("mobilenetv3small_notop_96",
     lambda: A.MobileNetV3Small(include_top=False, weights=None, input_shape=(96, 96, 3)), 96, True),
    ("efficientnetb0_top_64",
     lambda: A.EfficientNetB0(include_top=True, weights=None, input_shape=(64, 64, 3)), 64, True),
    ("efficientnetb0_notop_48",
     lambda: A.EfficientNetB0(include_top=False, weights=None, input_shape=(48, 48, 3)), 48, True),
    ("densenet121_notop_64",
     lambda: A.DenseNet121(include_top=False, weights=None, input_shape=(64, 64, 3)), 64, False),
    ("densenet121_top_32", lambda: A.DenseNet121(include_top=True, weights=None, input_shape=(32, 32, 3)), 32, False),
    ("xception_notop_71", lambda: A.Xception(include_top=False, weights=None, input_shape=(71, 71, 3)), 71, False),
    ("xception_top_96", lambda: A.Xception(include_top=True, weights=None, input_shape=(96, 96, 3),
                                           classifier_activation=None), 96, False),
    ("inceptionv3_notop_75",
     lambda: A.InceptionV3(include_top=False, weights=None, input_shape=(75, 75, 3)), 75, False),
    ("inceptionv3_top_75", lambda: A.InceptionV3(include_top=True, weights=None, input_shape=(75, 75, 3)), 75, False),
    ("convnext_tiny_notop_32",
     lambda: A.ConvNeXtTiny(include_top=False, weights=None, input_shape=(32, 32, 3)), 32, True),
    ("convnext_tiny_top_64", lambda: A.ConvNeXtTiny(include_top=True, weights=None, input_shape=(64, 64, 3),
                                                    classifier_activation=None), 64, True),
]


def write_case(name, model, x, directory=None):
    directory = directory or os.path.join(OUT, name)
    os.makedirs(directory, exist_ok=True)
    save_gzip_text(os.path.join(directory, "config.json.gz"), config_json(model))
    y = model.predict(x, verbose=0)
    save_npy(os.path.join(directory, "input.npy"), x)
    save_npy(os.path.join(directory, "expected.npy"), y.astype(np.float32))
    save_json(os.path.join(directory, "summary.json"), summary(model))
    return y


def applications(only=()):
    for name, make, size, pre in CASES:
        if only and name not in only:
            continue
        keras.utils.clear_session()
        model = make()
        set_seeded_weights(model)
        y = write_case(name, model, batch(size, pre))
        print(f"{name}: output {y.shape}, std {float(np.std(y)):.4g}, max |y| {float(np.max(np.abs(y))):.4g}, "
              f"params {model.count_params()}")


def small_base():
    inp = keras.Input((24, 24, 3), name="base_input")
    x = layers.Conv2D(8, 3, strides=2, padding="same", use_bias=False, name="stem")(inp)
    x = layers.BatchNormalization(name="stem_bn")(x)
    x = layers.ReLU(6.0, name="stem_relu")(x)
    y = layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2, name="dw")(x)
    y = layers.BatchNormalization(name="dw_bn")(y)
    y = layers.Activation("swish", name="dw_act")(y)
    y = layers.Conv2D(8, 1, name="project")(y)
    x = layers.Add(name="add")([x, y])
    x = layers.SeparableConv2D(12, 3, padding="same", activation="relu", name="sep")(x)
    s = layers.GlobalAveragePooling2D(keepdims=True, name="se_pool")(x)
    s = layers.Conv2D(12, 1, activation="hard_sigmoid", name="se_conv")(s)
    x = layers.Multiply(name="se_mul")([x, s])
    z = layers.ZeroPadding2D(((0, 1), (0, 1)), name="pad")(x)
    z = layers.AveragePooling2D(2, name="avg")(z)
    m = layers.MaxPooling2D(2, name="max")(x)
    x = layers.Concatenate(name="concat")([z, m])
    x = layers.LayerNormalization(name="ln")(x)
    x = layers.Activation("gelu", name="gelu")(x)
    return keras.Model(inp, x, name="small_base")


def small_head():
    return [layers.GlobalAveragePooling2D(name="gap"), layers.Dropout(0.2, name="drop"),
            layers.Dense(4, activation="softmax", name="predictions")]


def real_files():
    files = os.path.join(OUT, "files")
    os.makedirs(files, exist_ok=True)
    rs = np.random.RandomState(7)

    keras.utils.clear_session()
    mnv2 = A.MobileNetV2(alpha=0.35, include_top=False, weights=None, input_shape=(32, 32, 3))
    for w in mnv2.weights:  # make the file's values differ from Keras' initialisers, and BN non-trivial
        if "moving_variance" in w.path or "gamma" in w.path:
            w.assign(rs.uniform(0.5, 1.5, w.shape).astype(np.float32))
        elif "moving_mean" in w.path or "beta" in w.path:
            w.assign(rs.uniform(-0.1, 0.1, w.shape).astype(np.float32))
    x = batch(32, False)
    mnv2.save(os.path.join(files, "mobilenetv2_035_32.keras"))
    save_npy(os.path.join(files, "mobilenetv2_035_32-input.npy"), x)
    save_npy(os.path.join(files, "mobilenetv2_035_32-expected.npy"), mnv2.predict(x, verbose=0))

    keras.utils.clear_session()
    base = small_base()
    for w in base.weights:
        if "moving_variance" in w.path:
            w.assign(rs.uniform(0.5, 1.5, w.shape).astype(np.float32))
        elif "moving_mean" in w.path or "beta" in w.path or "bias" in w.path:
            w.assign(rs.uniform(-0.2, 0.2, w.shape).astype(np.float32))
    inp = keras.Input((24, 24, 3), name="image")
    h = layers.Rescaling(1.0 / 127.5, offset=-1.0, name="rescale")(inp)
    h = base(h, training=False)
    for layer in small_head():
        h = layer(h)
    nested = keras.Model(inp, h, name="nested")
    x = (np.random.RandomState(24).random_sample((3, 24, 24, 3)) * 255.0).astype(np.float32)
    nested.save(os.path.join(files, "nested.keras"))
    nested.save(os.path.join(files, "nested.h5"))
    save_npy(os.path.join(files, "nested-input.npy"), x)
    save_npy(os.path.join(files, "nested-expected.npy"), nested.predict(x, verbose=0))
    save_json(os.path.join(files, "nested-summary.json"), summary(nested))

    # a nested model as the model's output: output_layers names it with Keras' creation-node offset ("small_base", 1, 0)
    inp2 = keras.Input((24, 24, 3), name="image2")
    base_out = keras.Model(inp2, base(layers.Rescaling(1.0 / 127.5, offset=-1.0, name="rescale2")(inp2)),
                           name="nested_output")
    base_out.save(os.path.join(files, "nested_output.keras"))
    save_npy(os.path.join(files, "nested_output-expected.npy"), base_out.predict(x, verbose=0))

    # dilation, strides and valid padding in every convolution kind, plus GlobalMaxPooling2D and a rank-4 Dense
    keras.utils.clear_session()
    inp3 = keras.Input((20, 20, 3), name="dilated_input")
    d = layers.Conv2D(6, 3, dilation_rate=2, padding="same", activation="elu", name="conv_dil")(inp3)
    d = layers.DepthwiseConv2D(3, dilation_rate=2, padding="valid", name="dw_dil")(d)
    d = layers.SeparableConv2D(8, 3, dilation_rate=(2, 1), padding="same", name="sep_dil")(d)
    d = layers.Conv2D(8, (3, 2), strides=(2, 1), padding="valid", activation="tanh", name="conv_stride")(d)
    d = layers.ReLU(max_value=1.5, negative_slope=0.1, name="relu_clip")(d)
    d = layers.Dense(5, activation="softplus", name="dense4d")(d)
    d = layers.GlobalMaxPooling2D(name="gmp")(d)
    dilated = keras.Model(inp3, d, name="dilated")
    xd = (np.random.RandomState(20).random_sample((2, 20, 20, 3)) * 2 - 1).astype(np.float32)
    dilated.save(os.path.join(files, "dilated.keras"))
    save_npy(os.path.join(files, "dilated-input.npy"), xd)
    save_npy(os.path.join(files, "dilated-expected.npy"), dilated.predict(xd, verbose=0))

    seq = keras.Sequential([keras.Input((24, 24, 3), name="seq_input"), base] + small_head(), name="seq")
    for layer in seq.layers[1:]:
        layer.set_weights([np.full(w.shape, 0.01 * (i + 1), dtype=np.float32) for i, w in enumerate(layer.weights)])
    seq.save(os.path.join(files, "sequential.keras"))
    save_npy(os.path.join(files, "sequential-expected.npy"), seq.predict(x / 127.5 - 1.0, verbose=0))
    damaged(os.path.join(files, "nested.keras"), files)


def freeze_points():
    """Keras' trainable / non-trainable totals of the committed MobileNetV2 file for several freeze points."""
    path = os.path.join(OUT, "files", "mobilenetv2_035_32.keras")

    def counts(model):
        return {"trainable": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
                "non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights))}

    points = []
    model = keras.models.load_model(path)
    n = len(model.layers)
    points.append(dict(counts(model), freeze="none"))
    model.trainable = False  # the keras.io recipe: base.trainable = False
    points.append(dict(counts(model), freeze="all"))
    for first in (0, 1, 30, 100, n):
        keras.utils.clear_session()
        model = keras.models.load_model(path)
        for layer in model.layers[:first]:
            layer.trainable = False
        points.append(dict(counts(model), freeze=first))
    for name in ("block_13_expand", "Conv_1"):
        keras.utils.clear_session()
        model = keras.models.load_model(path)
        index = [layer.name for layer in model.layers].index(name)
        for i, layer in enumerate(model.layers):  # layers[:index] frozen, BatchNormalization frozen everywhere
            layer.trainable = i >= index and not isinstance(layer, layers.BatchNormalization)
        points.append(dict(counts(model), unfreeze_from=name, index=index, batch_norm_frozen=True))
    save_json(os.path.join(OUT, "files", "mobilenetv2_035_32-freeze.json"), {"layers": n, "points": points})


def sgd_step():
    """One SGD step of the keras.io recipe on the committed MobileNetV2 file: frozen base called with
    training=False, GlobalAveragePooling2D -> Dropout(0) -> Dense(3, softmax) with a seeded head."""
    files = os.path.join(OUT, "files")
    keras.utils.clear_session()
    base = keras.models.load_model(os.path.join(files, "mobilenetv2_035_32.keras"))
    base.trainable = False
    inp = keras.Input((32, 32, 3), name="image")
    h = base(inp, training=False)
    h = layers.GlobalAveragePooling2D(name="gap")(h)
    h = layers.Dropout(0.0, name="dropout")(h)
    out = layers.Dense(3, activation="softmax", name="dense")(h)
    model = keras.Model(inp, out)
    rs = np.random.RandomState(11)
    kernel = rs.uniform(-0.3, 0.3, (base.output.shape[-1], 3)).astype(np.float32)
    bias = rs.uniform(-0.1, 0.1, (3,)).astype(np.float32)
    model.get_layer("dense").set_weights([kernel, bias])
    x = (rs.random_sample((4, 32, 32, 3)) * 2.0 - 1.0).astype(np.float32)
    y = np.eye(3, dtype=np.float32)[[0, 2, 1, 2]]
    before = [w.numpy().copy() for w in base.weights]
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5, momentum=0.9), loss="categorical_crossentropy")
    loss = model.train_on_batch(x, y)
    after = [w.numpy() for w in base.weights]
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
    k2, b2 = model.get_layer("dense").get_weights()
    save_npy(os.path.join(files, "sgd_step-x.npy"), x)
    save_npy(os.path.join(files, "sgd_step-y.npy"), y)
    save_npy(os.path.join(files, "sgd_step-kernel0.npy"), kernel)
    save_npy(os.path.join(files, "sgd_step-bias0.npy"), bias)
    save_npy(os.path.join(files, "sgd_step-kernel1.npy"), k2)
    save_npy(os.path.join(files, "sgd_step-bias1.npy"), b2)
    save_json(os.path.join(files, "sgd_step.json"), {"loss": float(loss), "learning_rate": 0.5, "momentum": 0.9,
                                                     "base_weights": len(base.weights),
                                                     "max_kernel_change": float(np.abs(k2 - kernel).max())})


def sgd_step_unfrozen():
    """The same step with the keras.io second phase: layers from block_13_expand on trainable, every
    BatchNormalization frozen (inference mode, moving statistics unchanged)."""
    files = os.path.join(OUT, "files")
    keras.utils.clear_session()
    base = keras.models.load_model(os.path.join(files, "mobilenetv2_035_32.keras"))
    index = [layer.name for layer in base.layers].index("block_13_expand")
    for i, layer in enumerate(base.layers):
        layer.trainable = i >= index and not isinstance(layer, layers.BatchNormalization)
    inp = keras.Input((32, 32, 3), name="image")
    h = base(inp, training=False)
    h = layers.GlobalAveragePooling2D(name="gap")(h)
    h = layers.Dropout(0.0, name="dropout")(h)
    out = layers.Dense(3, activation="softmax", name="dense")(h)
    model = keras.Model(inp, out)
    model.get_layer("dense").set_weights([np.load(os.path.join(files, "sgd_step-kernel0.npy")),
                                          np.load(os.path.join(files, "sgd_step-bias0.npy"))])
    x = np.load(os.path.join(files, "sgd_step-x.npy"))
    y = np.load(os.path.join(files, "sgd_step-y.npy"))
    frozen_before = {w.path: w.numpy().copy() for w in base.non_trainable_weights}
    # a second-phase learning rate (the first phase used 0.5)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9), loss="categorical_crossentropy")
    loss = model.train_on_batch(x, y)
    assert all(np.array_equal(frozen_before[w.path], w.numpy()) for w in base.non_trainable_weights)
    keep = {"block_13_expand/kernel": base.get_layer("block_13_expand").kernel,
            "block_14_depthwise/kernel": base.get_layer("block_14_depthwise").kernel,
            "block_16_project/kernel": base.get_layer("block_16_project").kernel,
            "dense/kernel": model.get_layer("dense").kernel, "dense/bias": model.get_layer("dense").bias}
    np.savez(os.path.join(files, "sgd_step_unfrozen.npz"), **{k.replace("/", "__"): v.numpy() for k, v in keep.items()})
    save_json(os.path.join(files, "sgd_step_unfrozen.json"), {"loss": float(loss), "learning_rate": 0.01,
                                                              "trainable": len(model.trainable_weights)})


STEP_CASES = [
    # (case, base, input size, first trainable layer, SGD and Adam learning rates): the keras.io second phase on
    # seeded weights; ResNet50's seeded activations are large (O(1e3) before the head), hence its small rates
    ("mobilenetv2_035_32",
     lambda: A.MobileNetV2(alpha=0.35, include_top=False, weights=None, input_shape=(32, 32, 3)), 32,
     "block_15_expand", 1e-3, 1e-3),
    ("resnet50_32", lambda: A.ResNet50(include_top=False, weights=None, input_shape=(32, 32, 3)), 32,
     "conv5_block3_1_conv", 1e-6, 1e-5),
]
STEP_OPTIMIZERS = {"sgd": lambda lr: keras.optimizers.SGD(learning_rate=lr, momentum=0.9),
                   "adam": lambda lr: keras.optimizers.Adam(learning_rate=lr)}
STEPS = 5
SAMPLE = 512  # weights larger than this are compared at SAMPLE seeded positions (plus the L1 norm of the update)


def step_parity(only=()):
    """Step parity of the keras.io second phase: a seeded base (include_top=False) called with training=False,
    layers[:index(first)] frozen and every BatchNormalization frozen (inference mode, statistics fixed),
    GlobalAveragePooling2D -> Dropout(0) -> Dense(3, softmax) with a seeded head; STEPS train_on_batch steps of
    each optimizer on one batch. Stored per case (steps/<case>/): the base config, the batch, the head, and per
    optimizer <opt>.npz with the losses and, for every trainable weight "layer/name" (key layer__name), its values
    after step 1 and step STEPS (all of them, or SAMPLE seeded positions __idx plus __l1_1 / __l1_N, the sum of
    |after - before| over the whole tensor)."""
    for case, make, size, first, sgd_lr, adam_lr in STEP_CASES:
        if only and case not in only:
            continue
        out = os.path.join(OUT, "steps", case)
        os.makedirs(out, exist_ok=True)
        rs = np.random.RandomState(size + 1)
        x = (rs.random_sample((4, size, size, 3)) * 2.0 - 1.0).astype(np.float32)
        y = np.eye(3, dtype=np.float32)[[0, 2, 1, 2]]
        meta = {"first_trainable": first, "steps": STEPS, "optimizers": {}}
        for opt_name, make_opt in STEP_OPTIMIZERS.items():
            keras.utils.clear_session()
            base = make()
            set_seeded_weights(base)
            if opt_name == "sgd":
                save_gzip_text(os.path.join(out, "config.json.gz"), config_json(base))
                save_npy(os.path.join(out, "x.npy"), x)
                save_npy(os.path.join(out, "y.npy"), y)
            index = [layer.name for layer in base.layers].index(first)
            for i, layer in enumerate(base.layers):
                layer.trainable = i >= index and not isinstance(layer, layers.BatchNormalization)
            inp = keras.Input((size, size, 3), name="image")
            h = base(inp, training=False)
            h = layers.GlobalAveragePooling2D(name="gap")(h)
            h = layers.Dropout(0.0, name="dropout")(h)
            outp = layers.Dense(3, activation="softmax", name="dense")(h)
            model = keras.Model(inp, outp)
            hr = np.random.RandomState(11)
            # scaled by the pooled features' spread so that the first loss is O(1) for every base
            spread = float(np.std(np.mean(base.predict(x, verbose=0), axis=(1, 2))))
            kernel = (hr.uniform(-0.3, 0.3, (base.output.shape[-1], 3)) / max(spread, 1e-3)).astype(np.float32)
            bias = hr.uniform(-0.1, 0.1, (3,)).astype(np.float32)
            model.get_layer("dense").set_weights([kernel, bias])
            if opt_name == "sgd":
                save_npy(os.path.join(out, "head_kernel.npy"), kernel)
                save_npy(os.path.join(out, "head_bias.npy"), bias)
            named = [(f"{layer.name}/{w.name}", w) for layer in list(flat_layers(base)) + [model.get_layer("dense")]
                     for w in layer.trainable_weights]
            model.compile(optimizer=make_opt(sgd_lr if opt_name == "sgd" else adam_lr),
                          loss="categorical_crossentropy")
            losses, arrays, moved = record_steps(model, named, base.non_trainable_weights, x, y, STEPS, SAMPLE)
            np.savez(os.path.join(out, f"{opt_name}.npz"), **arrays)
            meta["optimizers"][opt_name] = optimizer_meta(model, losses, named)
            print(f"{case} {opt_name}: losses {losses}, {len(named)} trainable weights, max change {moved:.3g}")
        save_json(os.path.join(out, "steps.json"), meta)


def bn_training():
    """BatchNormalization in training mode: model.fit's train_on_batch on a small functional model with a trainable
    BatchNormalization (batch moments, moving statistics updated), one inside a nested model called with
    training=False and one with trainable=False; SGD with momentum, 5 steps. Keras 3.15.1's functional call passes
    the outer training=True of train_on_batch to every layer call (operation_fn overrides the stored
    training=False), so the nested BatchNormalization trains in training mode too; only trainable=False keeps a
    BatchNormalization in inference mode."""
    files = os.path.join(OUT, "files")
    keras.utils.clear_session()
    keras.utils.set_random_seed(5)
    inner_in = keras.Input((6, 6, 4), name="inner_input")
    z = layers.Conv2D(4, 1, name="inner_conv")(inner_in)
    z = layers.BatchNormalization(momentum=0.8, name="inner_bn")(z)
    inner = keras.Model(inner_in, z, name="inner")
    inp = keras.Input((12, 12, 3), name="image")
    h = layers.Conv2D(4, 3, strides=2, padding="same", name="conv")(inp)
    h = layers.BatchNormalization(momentum=0.9, epsilon=0.01, name="bn")(h)
    h = layers.ReLU(name="relu")(h)
    h = inner(h, training=False)
    h = layers.BatchNormalization(name="bn_frozen")(h)
    h = layers.GlobalAveragePooling2D(name="gap")(h)
    out = layers.Dense(3, name="logits")(h)
    model = keras.Model(inp, out, name="bn_training")
    model.get_layer("bn_frozen").trainable = False
    rs = np.random.RandomState(12)
    for layer in flat_layers(model):
        if isinstance(layer, layers.BatchNormalization):
            g, b, m, v = layer.get_weights()
            layer.set_weights([rs.uniform(0.8, 1.2, g.shape), rs.uniform(-0.1, 0.1, b.shape),
                               rs.uniform(-0.2, 0.2, m.shape), rs.uniform(0.5, 1.5, v.shape)])
    model.save(os.path.join(files, "bn_training.keras"))
    x = (rs.random_sample((8, 12, 12, 3)) * 2.0 - 1.0).astype(np.float32)
    y = np.eye(3, dtype=np.float32)[rs.randint(0, 3, 8)]
    save_npy(os.path.join(files, "bn_training-x.npy"), x)
    save_npy(os.path.join(files, "bn_training-y.npy"), y)
    before = {f"{layer.name}/{w.name}": w.numpy().copy() for layer in flat_layers(model) for w in layer.weights}
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    arrays, losses = {}, []
    for step in range(1, 6):
        losses.append(float(model.train_on_batch(x, y)))
        if step in (1, 5):
            for layer in flat_layers(model):
                for w in layer.weights:
                    arrays[f"{layer.name}__{w.name}__{step}"] = w.numpy()
    after = {f"{layer.name}/{w.name}": w.numpy() for layer in flat_layers(model) for w in layer.weights}
    for n in ("bn_frozen/moving_mean", "bn_frozen/moving_variance", "bn_frozen/gamma"):
        assert np.array_equal(before[n], after[n]), n
    for n in ("bn/moving_mean", "inner_bn/moving_mean"):
        assert not np.array_equal(before[n], after[n]), n
    arrays["loss"] = np.array(losses, np.float32)
    np.savez(os.path.join(files, "bn_training.npz"), **arrays)
    print("bn_training losses", losses, "moving_mean change",
          float(np.abs(before["bn/moving_mean"] - after["bn/moving_mean"]).max()))


def finetune_bn():
    """FineTuner's second phase with unfrozen BatchNormalization: a small base "finetune_bn" (Input(12, 12, 3) ->
    Conv2D "stem" -> BatchNormalization "stem_bn" -> ReLU -> Conv2D 1x1 "conv" -> BatchNormalization(momentum 0.9,
    epsilon 0.01) "bn" -> ReLU -> inner(x, training=False) [Conv2D 1x1 -> BatchNormalization(momentum 0.8)
    "inner_bn"] -> BatchNormalization "bn_frozen" saved with trainable=False), called as base(x, training=False) under
    GlobalAveragePooling2D -> Dropout(0) -> Dense(3, softmax), layers from "conv" on trainable (bn_frozen keeps its
    saved flag), three train_on_batch steps of SGD(0.1, momentum 0.9). Case "fit": the BatchNormalization layers
    trainable, which Keras 3.15.1's fit runs in training mode despite training=False (keras-team/keras#20285);
    case "frozen": every BatchNormalization trainable=False (inference mode, the keras.io guide's intent)."""
    files = os.path.join(OUT, "files")
    keras.utils.clear_session()
    keras.utils.set_random_seed(7)
    inner_in = keras.Input((6, 6, 4), name="inner_input")
    z = layers.Conv2D(4, 1, name="inner_conv")(inner_in)
    z = layers.BatchNormalization(momentum=0.8, name="inner_bn")(z)
    inner = keras.Model(inner_in, z, name="inner")
    inp = keras.Input((12, 12, 3), name="image")
    h = layers.Conv2D(4, 3, strides=2, padding="same", name="stem")(inp)
    h = layers.BatchNormalization(name="stem_bn")(h)
    h = layers.ReLU(name="stem_relu")(h)
    h = layers.Conv2D(4, 1, name="conv")(h)
    h = layers.BatchNormalization(momentum=0.9, epsilon=0.01, name="bn")(h)
    h = layers.ReLU(name="relu")(h)
    h = inner(h, training=False)
    h = layers.BatchNormalization(name="bn_frozen")(h)
    base = keras.Model(inp, h, name="finetune_bn")
    base.get_layer("bn_frozen").trainable = False
    rs = np.random.RandomState(21)
    for layer in flat_layers(base):
        if isinstance(layer, layers.BatchNormalization):
            g, b, m, v = layer.get_weights()
            layer.set_weights([rs.uniform(0.8, 1.2, g.shape), rs.uniform(-0.1, 0.1, b.shape),
                               rs.uniform(-0.2, 0.2, m.shape), rs.uniform(0.5, 1.5, v.shape)])
    path = os.path.join(files, "finetune_bn.keras")
    base.save(path)
    x = (rs.random_sample((8, 12, 12, 3)) * 2.0 - 1.0).astype(np.float32)
    y = np.eye(3, dtype=np.float32)[rs.randint(0, 3, 8)]
    kernel = rs.uniform(-0.5, 0.5, (4, 3)).astype(np.float32)
    bias = rs.uniform(-0.1, 0.1, (3,)).astype(np.float32)
    for case, bn_trains in (("fit", True), ("frozen", False)):
        keras.utils.clear_session()
        b = keras.models.load_model(path)
        index = [layer.name for layer in b.layers].index("conv")
        for i, layer in enumerate(b.layers):
            is_bn = isinstance(layer, layers.BatchNormalization)
            layer.trainable = i >= index and layer.name != "bn_frozen" and (bn_trains or not is_bn)
        if not bn_trains:
            b.get_layer("inner").get_layer("inner_bn").trainable = False
        m_in = keras.Input((12, 12, 3), name="image")
        m = b(m_in, training=False)
        m = layers.GlobalAveragePooling2D(name="gap")(m)
        m = layers.Dropout(0.0, name="dropout")(m)
        out = layers.Dense(3, activation="softmax", name="dense")(m)
        model = keras.Model(m_in, out)
        model.get_layer("dense").set_weights([kernel, bias])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                      loss="categorical_crossentropy")
        named = [(f"{layer.name}/{w.name}", w) for layer in flat_layers(model) for w in layer.weights]
        before = {n: w.numpy().copy() for n, w in named}
        arrays, losses = {}, []
        for step in range(1, 4):
            losses.append(float(model.train_on_batch(x, y)))
            if step in (1, 3):
                for n, w in named:
                    arrays[f"{n.replace('/', '__')}__{step}"] = w.numpy()
        arrays["loss"] = np.array(losses, np.float32)
        arrays["predict"] = model.predict(x, verbose=0)
        arrays["trainable_params"] = np.array([sum(int(np.prod(w.shape)) for w in model.trainable_weights)],
                                              np.float32)
        arrays["non_trainable_params"] = np.array(
            [sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)], np.float32)
        moved = float(np.abs(before["bn/moving_mean"] - arrays["bn__moving_mean__3"]).max())
        assert (moved > 0) == bn_trains, (case, moved)
        assert np.array_equal(before["stem_bn/moving_mean"], arrays["stem_bn__moving_mean__3"])
        np.savez(os.path.join(files, f"finetune_bn-{case}.npz"), **arrays)
        print("finetune_bn", case, "losses", losses, "bn moving_mean change", moved,
              "trainable", arrays["trainable_params"], "non-trainable", arrays["non_trainable_params"])
    save_npy(os.path.join(files, "finetune_bn-x.npy"), x)
    save_npy(os.path.join(files, "finetune_bn-y.npy"), y)
    save_npy(os.path.join(files, "finetune_bn-kernel.npy"), kernel)
    save_npy(os.path.join(files, "finetune_bn-bias.npy"), bias)


def rewrite_weights(src, dst, edit):
    """Copies the .keras archive src to dst with model.weights.h5 changed by edit(h5py.File)."""
    with zipfile.ZipFile(src) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    buf = io.BytesIO(entries["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        edit(f)
    entries["model.weights.h5"] = buf.getvalue()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries.items():
            z.writestr(zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0)), data)


def damaged(src, files):
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)

    def find(f, name):
        hits = []
        f.visititems(lambda p, o: hits.append(p) if isinstance(o, h5py.Group) and o.attrs.get("name") == name
                     else None)
        return f[hits[0]]

    def missing(f):
        del find(f, "project")["1"]

    def extra(f):
        find(f, "project").create_dataset("2", data=np.zeros((8,), np.float32))

    def wrong_shape(f):
        g = find(f, "project")
        del g["0"]
        g.create_dataset("0", data=np.zeros((1, 1, 16, 9), np.float32))

    rewrite_weights(src, os.path.join(bad, "missing-weight.keras"), missing)
    rewrite_weights(src, os.path.join(bad, "extra-weight.keras"), extra)
    rewrite_weights(src, os.path.join(bad, "wrong-shape.keras"), wrong_shape)
    with open(src, "rb") as f:
        data = f.read()
    with open(os.path.join(bad, "truncated.keras"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    import sys
    if len(sys.argv) < 2 or sys.argv[1] == "files":
        real_files()
    if len(sys.argv) < 2 or sys.argv[1] == "freeze":
        freeze_points()
    if len(sys.argv) < 2 or sys.argv[1] == "sgd":
        sgd_step()
        sgd_step_unfrozen()
    if len(sys.argv) < 2 or sys.argv[1] == "bn":
        bn_training()
    if len(sys.argv) < 2 or sys.argv[1] == "finetune_bn":
        finetune_bn()
    if len(sys.argv) < 2 or sys.argv[1] == "steps":
        step_parity(sys.argv[2:])
    if len(sys.argv) < 2 or sys.argv[1] == "apps":
        applications(sys.argv[2:])
    shutil.rmtree(os.path.join(OUT, "__pycache__"), ignore_errors=True)
