"""Exports a full-size, seeded VGG16 (weights=None, no top, 150x150x3) with Keras 3 `model.export()`, together with
an input batch and Keras' output for it. Used by tuna's finetune integration test when the Python oracle is available:
    python export_vgg16.py OUT_DIR      -> OUT_DIR/vgg16/ (SavedModel), OUT_DIR/x.npy, OUT_DIR/y.npy
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import keras  # noqa: E402
import numpy as np  # noqa: E402


def main(out):
    keras.utils.set_random_seed(0)
    model = keras.applications.VGG16(weights=None, include_top=False, input_shape=(150, 150, 3))
    x = np.random.RandomState(0).uniform(0, 255, (2, 150, 150, 3)).astype("float32")
    y = model.predict(x, verbose=0)
    model.export(os.path.join(out, "vgg16"), verbose=False)
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "y.npy"), y)


if __name__ == "__main__":
    main(sys.argv[1])
