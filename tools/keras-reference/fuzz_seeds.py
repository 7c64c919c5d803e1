"""Writes the Keras seed inputs of finetune's fuzz targets (see FUZZING.md at the repository root).

Seeds only need to be valid files of each layout, not golden values, so this script is not part of generate.sh:
    TF_CPP_MIN_LOG_LEVEL=2 python tools/keras-reference/fuzz_seeds.py
(in the reference venv; the .keras archive carries a save date, so it is not byte-identical on re-run).
"""
import os
import shutil

import h5py
import keras
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "finetune", "src", "test", "resources")
LOAD = os.path.join(ROOT, "dev", "tuna", "finetune", "load")
H5 = os.path.join(LOAD, "H5FuzzTestInputs", "h5")
ARCHIVE = os.path.join(LOAD, "KerasArchiveFuzzTestInputs", "kerasArchive")
SAVED_MODEL = os.path.join(LOAD, "SavedModelFuzzTestInputs", "savedModel")
FINDINGS = os.path.join(ROOT, "fuzz-findings")


def main():
    for d in (H5, ARCHIVE, SAVED_MODEL, FINDINGS):
        os.makedirs(d, exist_ok=True)
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((2, 2, 1)), keras.layers.Conv2D(2, 2, name="block1_conv1"),
                          keras.layers.Flatten(), keras.layers.Dense(2, name="fc")])
    m.save_weights(os.path.join(H5, "tiny.weights.h5"))
    m.save(os.path.join(ARCHIVE, "tiny.keras"))
    # Keras 2 weights layout (layer_names / weight_names attributes), as legacy h5 files have it
    with h5py.File(os.path.join(H5, "tiny-keras2.h5"), "w") as f:
        f.attrs["layer_names"] = [b"block1_conv1", b"fc"]
        f.attrs["backend"] = b"tensorflow"
        for layer in m.layers:
            if not layer.weights:
                continue
            g = f.create_group(layer.name)
            names = [f'{layer.name}/{"kernel" if len(w.shape) > 1 else "bias"}:0'.encode() for w in layer.weights]
            g.attrs["weight_names"] = names
            for n, w in zip(names, layer.weights):
                g.create_dataset(n.decode(), data=np.asarray(w.numpy(), dtype=np.float32))
    # a dataset declaring 20000 x 20000 x 3 floats that were never written (HDF5 fill values): 16 KB on disk
    huge = os.path.join(FINDINGS, "h5-huge-shape.weights.h5")
    shutil.copy(os.path.join(H5, "tiny.weights.h5"), huge)
    with h5py.File(huge, "r+") as f:
        g = f["layers/dense/vars"]
        del g["0"]
        g.create_dataset("0", shape=(20000, 20000, 3), dtype="<f4", chunks=(1, 1, 3))
    shutil.copy(huge, os.path.join(H5, "h5-huge-shape.weights.h5"))
    # SavedModel seeds: one byte naming the replaced file (0 saved_model.pb, 1 variables.index, 2 the data), then
    # the file of the small non-VGG export
    files = ["saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001"]
    for i, (name, f) in enumerate(zip(["pb", "index", "data"], files)):
        with open(os.path.join(ROOT, "non-vgg-export", f), "rb") as src:
            data = src.read()
        with open(os.path.join(SAVED_MODEL, name), "wb") as out:
            out.write(bytes([i]) + data)


if __name__ == "__main__":
    main()
