"""The embedded data and pretrained backbone of ``tuna demo``, produced by real Keras 3 (TF backend).

Writes under ``examples/src/main/resources/dev/tuna/examples/demo/``:

* ``chelsea.png``: scikit-image's ``chelsea`` cat photo (CC0, Stefan van der Walt), downscaled to 150x225.
* ``backbone/``: a VGG16-topology backbone (layer names ``block1_conv1`` ... ``block5_pool``, filters
  8/16/32/64/64 instead of 64/128/256/512/512) pretrained on 8 of the 10 Fashion-MNIST classes at 64x64 RGB and
  exported with Keras 3 ``model.export()``. Preprocessing is ``x / 255`` (tuna's ``Preprocessing.RESCALE``).
* ``data/{train,test}/{sandal,ankle_boot}/*.png``: 20 + 20 images per held-out class (Sandal, Ankle boot), never
  seen in pretraining, upscaled to 64x64 like the pretraining data.
* ``index.txt``: every file above, one relative path per line (a jar cannot list its own directories).
* ``NOTICE``: where the photo and the images come from, with their licences.

and under ``examples/src/test/resources/demo/`` the golden values the examples' tests compare with:

* ``features-x.npy`` (4, 64, 64, 3) float32 RGB in [0, 255] (four demo test images),
  ``features-y.npy``: ``backbone.predict(x / 255)``, (4, 2, 2, 64);
* ``summary.json``: Keras' per-layer parameter counts and the totals with ``layers[:15]`` frozen.

Fashion-MNIST (MIT, Zalando Research) comes from Debian's ``dataset-fashion-mnist`` package
(``/usr/share/datasets/fashion-mnist``); the photo from ``python3-skimage``. Deterministic: fixed seeds and
``enable_op_determinism``; about three minutes on two cores.
"""
import gzip
import os
import shutil
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras
import numpy as np
import tensorflow as tf
from PIL import Image

from common import ROOT, save_json, save_npy

SEED = 20261128
SIZE = 64
FILTERS = (8, 16, 32, 64, 64)
CONVS = (2, 2, 3, 3, 3)
CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot"]
HELD_OUT = (5, 9)  # sandal, ankle_boot: the fine-tuning task
PRETRAIN_PER_CLASS = 2000
PRETRAIN_EPOCHS = 6
DEMO_PER_CLASS = 20
FREEZE = 15
FASHION = os.environ.get("TUNA_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
PHOTO = os.environ.get("TUNA_CHELSEA", "/usr/lib/python3/dist-packages/skimage/data/chelsea.png")
OUT = os.path.join(ROOT, "examples", "src", "main", "resources", "dev", "tuna", "examples", "demo")
TEST_OUT = os.path.join(ROOT, "examples", "src", "test", "resources", "demo")


def idx(name):
    with gzip.open(os.path.join(FASHION, name), "rb") as f:
        data = f.read()
    if name.endswith("labels-idx1-ubyte.gz"):
        return np.frombuffer(data, np.uint8, offset=8)
    return np.frombuffer(data, np.uint8, offset=16).reshape(-1, 28, 28)


def upscale(grey28):
    """28x28 grey uint8 -> SIZE x SIZE grey uint8 (PIL bilinear), the form stored and trained on."""
    return np.asarray(Image.fromarray(grey28, "L").resize((SIZE, SIZE), Image.BILINEAR))


def to_rgb(greys):
    return np.repeat(greys[..., None], 3, axis=-1).astype(np.float32)


def backbone():
    inp = keras.Input((SIZE, SIZE, 3), name="input_1")
    x = inp
    for b, (convs, filters) in enumerate(zip(CONVS, FILTERS), start=1):
        for i in range(1, convs + 1):
            x = keras.layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"block{b}_conv{i}")(x)
        x = keras.layers.MaxPooling2D(2, strides=2, name=f"block{b}_pool")(x)
    return keras.Model(inp, x, name="vgg16_mini")


def pretrain(images, labels):
    keep = [c for c in range(10) if c not in HELD_OUT]
    picked = np.concatenate([np.flatnonzero(labels == c)[:PRETRAIN_PER_CLASS] for c in keep])
    picked.sort()
    x = to_rgb(np.stack([upscale(images[i]) for i in picked]))
    y = np.array([keep.index(c) for c in labels[picked]])
    base = backbone()
    inp = keras.Input((SIZE, SIZE, 3), name="image")
    h = keras.layers.Rescaling(1.0 / 255)(inp)
    h = base(h)
    h = keras.layers.Flatten()(h)
    h = keras.layers.Dense(128, activation="relu")(h)
    h = keras.layers.Dropout(0.3)(h)
    out = keras.layers.Dense(len(keep), activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, batch_size=64, epochs=PRETRAIN_EPOCHS, shuffle=True, verbose=2)
    return base, model, keep


def write_png(path, grey):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(grey, "L").save(path, optimize=True)


def require_inputs():
    """Stops with one message naming the Debian packages (or variables) when an input file is missing."""
    missing = []
    if not os.path.isfile(os.path.join(FASHION, "train-images-idx3-ubyte.gz")):
        missing.append(("dataset-fashion-mnist", "TUNA_FASHION_MNIST", FASHION))
    if not os.path.isfile(PHOTO):
        missing.append(("python3-skimage", "TUNA_CHELSEA", PHOTO))
    if missing:
        raise SystemExit("gen_demo.py: missing " + "; ".join(f"{path} (apt-get install {pkg}, or set {var})"
                                                            for pkg, var, path in missing))


def main():
    require_inputs()
    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    started = time.time()
    train_x, train_y = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    test_x, test_y = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")

    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    files = []

    photo = Image.open(PHOTO).convert("RGB").resize((225, 150), Image.LANCZOS)
    photo.save(os.path.join(OUT, "chelsea.png"), optimize=True)
    files.append("chelsea.png")

    base, model, keep = pretrain(train_x, train_y)
    kept = np.isin(test_y, keep)
    tx = to_rgb(np.stack([upscale(g) for g in test_x[kept]]))
    ty = np.array([keep.index(c) for c in test_y[kept]])
    loss, acc = model.evaluate(tx, ty, batch_size=256, verbose=0)
    print(f"pretraining: 8-class test accuracy {acc:.4f} (loss {loss:.4f}) on {len(ty)} images")
    base.export(os.path.join(OUT, "backbone"), verbose=False)

    demo = {}
    for split, (xs, ys) in (("train", (train_x, train_y)), ("test", (test_x, test_y))):
        for c in HELD_OUT:
            for k, i in enumerate(np.flatnonzero(ys == c)[:DEMO_PER_CLASS]):
                rel = f"data/{split}/{CLASSES[c]}/{CLASSES[c]}_{k:02d}.png"
                grey = upscale(xs[i])
                write_png(os.path.join(OUT, rel), grey)
                demo[rel] = grey

    with open(os.path.join(OUT, "NOTICE"), "w") as f:
        f.write("chelsea.png: scikit-image sample image 'chelsea' by Stefan van der Walt, CC0 (no copyright "
                "restrictions), downscaled.\n"
                "data/ and backbone/: Fashion-MNIST, Copyright (c) 2017 Zalando SE, MIT licence "
                "(https://github.com/zalandoresearch/fashion-mnist); images upscaled to 64x64; the backbone was "
                "trained on 8 of its classes by tools/keras-reference/gen_demo.py.\n")
    files.append("NOTICE")
    for dirpath, _, names in os.walk(OUT):
        for n in names:
            rel = os.path.relpath(os.path.join(dirpath, n), OUT)
            if rel not in files and rel != "index.txt":
                files.append(rel)
    with open(os.path.join(OUT, "index.txt"), "w") as f:
        f.write("\n".join(sorted(files)) + "\n")

    # Golden values for the examples' tests.
    names = sorted(r for r in demo if r.startswith("data/test/"))[::10][:4]
    fx = to_rgb(np.stack([demo[r] for r in names]))
    fy = base.predict(fx / np.float32(255), verbose=0)
    save_npy(os.path.join(TEST_OUT, "features-x.npy"), fx)
    save_npy(os.path.join(TEST_OUT, "features-y.npy"), fy.astype(np.float32))
    rows = []
    for i, layer in enumerate(base.layers):
        rows.append({"index": i, "name": layer.name, "params": int(layer.count_params()),
                     "output_shape": list(layer.output.shape[1:])})
    for layer in base.layers[:FREEZE]:
        layer.trainable = False
    save_json(os.path.join(TEST_OUT, "summary.json"), {
        "input": [SIZE, SIZE, 3], "freeze": FREEZE, "layers": rows,
        "total_params": int(base.count_params()),
        "trainable_params": int(sum(np.prod(w.shape) for w in base.trainable_weights)),
        "non_trainable_params": int(sum(np.prod(w.shape) for w in base.non_trainable_weights)),
        "features_files": names, "pretrain_test_accuracy": float(acc)})
    print(f"gen_demo: wrote {len(files)} files under {OUT} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
