"""Whole-fit parity: Keras 3 ``model.fit`` over an augmenting ``flow()`` iterator (a PyDataset), TF backend.

Writes ``finetune/src/test/resources/finetune/whole-fit/``:

* ``x.npy`` float32 (10, 32, 32, 3), integer values 0..255; ``y.npy`` float32 (10, 3) one-hot.
* ``<case>/history.json``: ``model.fit(it, epochs=3, shuffle=..., verbose=0).history`` (``loss``, ``accuracy``);
* ``<case>/calls.json``: what ``fit`` asked of the iterator, in order: ``calls`` (``[index, total_batches_seen]``
  of every ``__getitem__``, ``total_batches_seen`` before the call), ``on_epoch_end`` (how many ``__getitem__``
  calls preceded each ``on_epoch_end``), ``shuffles`` (each ``random.shuffle`` result of the PyDataset adapter);
* ``shuffle/weights/<layer>__<kernel|bias>.npy``: the trainable weights after the fit.

Cases (all: ``ImageDataGenerator(rotation_range=20, horizontal_flip=True).flow(x, y, batch_size=4, shuffle=True)``,
the ``gen_finetune.py`` model with the rescale preprocessing, Dropout(0) and tuna's seeded Glorot head,
``SGD(0.01, momentum=0.9)``, ``keras.utils.set_random_seed(42)`` (the head's seed too) right before ``fit``):

* ``shuffle``: ``flow(seed=7)``, ``fit(shuffle=True)`` (Keras' default);
* ``no-shuffle``: ``flow(seed=7)``, ``fit(shuffle=False)``;
* ``unseeded``: ``flow(seed=None)`` (the iterator draws from NumPy's global state, seeded by ``set_random_seed``),
  ``fit(shuffle=True)``.

The script asserts that nothing drew from Python's ``random`` between ``set_random_seed`` and the first shuffle.
oneDNN is off (``TF_ENABLE_ONEDNN_OPTS=0``), as for the other training fixtures.
"""
import os
import random

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras
import numpy as np
from keras.src.legacy.preprocessing.image import ImageDataGenerator, NumpyArrayIterator

from common import resources, save_json, save_npy
from gen_finetune import CLASSES, SEED, build, weights_of

PYTHON_SEED = SEED  # tuna's FineTuner seed: the head's Glorot draws and Python's random
FLOW_SEED = 7
EPOCHS = 3
BATCH = 4
N = 10


class Recorder:
    """Wraps NumpyArrayIterator.__getitem__ / on_epoch_end and random.shuffle to log what fit does."""

    def __init__(self):
        self.calls, self.ends, self.shuffles, self.states = [], [], [], []
        self._get = NumpyArrayIterator.__getitem__
        self._end = NumpyArrayIterator.on_epoch_end
        self._shuffle = random.shuffle

    def __enter__(self):
        rec = self

        def getitem(it, idx):
            rec.calls.append([int(idx), int(it.total_batches_seen)])
            return rec._get(it, idx)

        def on_epoch_end(it):
            rec.ends.append(len(rec.calls))
            return rec._end(it)

        def shuffle(x, *args):
            rec.states.append(random.getstate())
            rec._shuffle(x, *args)
            rec.shuffles.append([int(v) for v in x])

        NumpyArrayIterator.__getitem__ = getitem
        NumpyArrayIterator.on_epoch_end = on_epoch_end
        random.shuffle = shuffle
        return self

    def __exit__(self, *exc):
        NumpyArrayIterator.__getitem__ = self._get
        NumpyArrayIterator.on_epoch_end = self._end
        random.shuffle = self._shuffle

    def json(self):
        return {"calls": self.calls, "on_epoch_end": self.ends, "shuffles": self.shuffles}


def run(base_path, x, y, flow_seed, shuffle):
    model, base = build(base_path, "rescale")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    gen = ImageDataGenerator(rotation_range=20, horizontal_flip=True)
    it = gen.flow(x, y, batch_size=BATCH, shuffle=True, seed=flow_seed)
    with Recorder() as rec:
        keras.utils.set_random_seed(PYTHON_SEED)
        fresh = random.getstate()
        history = model.fit(it, epochs=EPOCHS, shuffle=shuffle, verbose=0)
    if rec.states:
        assert rec.states[0] == fresh, "something drew from Python's random before fit's first shuffle"
    hist = {k: [float(v) for v in vs] for k, vs in history.history.items()}
    return hist, rec.json(), weights_of(model, base)


def main():
    root = resources("finetune")
    base_path = os.path.join(root, "keras-mini-vgg", "keras3.keras")
    out = resources("finetune", "finetune", "whole-fit")
    rs = np.random.RandomState(21)
    x = rs.randint(0, 256, (N, 32, 32, 3)).astype(np.float32)
    y = np.eye(CLASSES, dtype=np.float32)[rs.randint(0, CLASSES, N)]
    save_npy(os.path.join(out, "x.npy"), x)
    save_npy(os.path.join(out, "y.npy"), y)
    for case, flow_seed, shuffle in (("shuffle", FLOW_SEED, True), ("no-shuffle", FLOW_SEED, False),
                                     ("unseeded", None, True)):
        hist, calls, weights = run(base_path, x, y, flow_seed, shuffle)
        save_json(os.path.join(out, case, "history.json"), hist)
        save_json(os.path.join(out, case, "calls.json"), calls)
        if case == "shuffle":
            for key, value in weights.items():
                save_npy(os.path.join(out, case, "weights", key + ".npy"), value)
        print(case, hist["loss"])
    print("wrote", out)


if __name__ == "__main__":
    main()
