"""Fixtures of `tuna layers` (examples/src/test/resources/layers/): specs written by Keras and Keras' outputs.

Each case builds Keras 3.15.1 layers, writes `<case>/spec.json` exactly as a Keras user would,
    json.dump([{"class_name": type(l).__name__, "config": l.get_config()} for l in layers], f),
and calls `keras.layers.Pipeline(layers)` `calls` times in training mode on the same inputs, writing Keras' outputs:
`<case>/out/images_<k>.npy`, `labels_<k>.npy`, `masks_<k>.npy` (float32, as Keras returns them) and
`boxes_<k>.json` ({"boxes", "labels"}, float32 values as Python floats). Inputs: `<case>/x.npy` (float32 NHWC),
`labels.npy`, `masks.npy`, `boxes.json` (ragged lists, densified with Keras' own `densify_bounding_boxes`).
- `geometry`: RandomFlip, RandomRotation (constant fill), RandomContrast with `bounding_box_format="xyxy"`; int32
  class-id labels, uint8 masks, ragged xyxy boxes. Two calls.
- `mix`: MixUp, RandomBrightness with one-hot float32 labels, one call.
- `int_labels/cases.json`: MixUp and CutMix (two seeds each) called in training mode on integer class-id labels
  (`int_labels/labels_<dtype>_<shape>.npy`: int32, int64 and uint8, shapes (N,) and (N, 1)): Keras 3.15.1 on
  TensorFlow raises (TF's `Mul` takes no integer tensor), and each case stores TF's message; in inference mode the
  same call returns the labels unchanged, in their dtype (asserted here).
"""
import json
import os
import re

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.layers.preprocessing.image_preprocessing.bounding_boxes.validation import (  # noqa: E402
    densify_bounding_boxes)

from common import resources, save_npy  # noqa: E402

OUT = resources("examples", "layers")
L = keras.layers


def write_case(name, layers, x, calls, labels=None, masks=None, boxes=None):
    d = os.path.join(OUT, name)
    os.makedirs(os.path.join(d, "out"), exist_ok=True)
    with open(os.path.join(d, "spec.json"), "w") as f:
        json.dump([{"class_name": type(l).__name__, "config": l.get_config()} for l in layers], f)
    save_npy(os.path.join(d, "x.npy"), x)
    data = {"images": x}
    if labels is not None:
        save_npy(os.path.join(d, "labels.npy"), labels)
        data["labels"] = labels
    if masks is not None:
        save_npy(os.path.join(d, "masks.npy"), masks)
        data["segmentation_masks"] = masks
    if boxes is not None:
        with open(os.path.join(d, "boxes.json"), "w") as f:
            json.dump(boxes, f)
        dense = densify_bounding_boxes({"boxes": boxes["boxes"], "labels": boxes["labels"]}, is_batched=True,
                                       max_boxes=0, backend=keras.ops)
        data["bounding_boxes"] = {"boxes": np.asarray(dense["boxes"]), "labels": np.asarray(dense["labels"])}
    pipeline = L.Pipeline(layers)
    for k in range(calls):
        call = {k: v for k, v in data.items() if k != "bounding_boxes"}
        if boxes is not None:  # a fresh dict each call: Keras converts the nested box dict in place
            call["bounding_boxes"] = dict(data["bounding_boxes"])
        out = pipeline(call, training=True)
        save_npy(os.path.join(d, "out", f"images_{k}.npy"), np.asarray(out["images"], "float32"))
        if labels is not None:
            save_npy(os.path.join(d, "out", f"labels_{k}.npy"), np.asarray(out["labels"]))
        if masks is not None:
            save_npy(os.path.join(d, "out", f"masks_{k}.npy"), np.asarray(out["segmentation_masks"]))
        if boxes is not None:
            with open(os.path.join(d, "out", f"boxes_{k}.json"), "w") as f:
                json.dump({"boxes": np.asarray(out["bounding_boxes"]["boxes"], "float32").tolist(),
                           "labels": np.asarray(out["bounding_boxes"]["labels"]).tolist()}, f)


def int_label_cases(x):
    """Keras' MixUp and CutMix on integer labels: the error TF raises in training mode, per layer, seed and dtype."""
    d = os.path.join(OUT, "int_labels")
    os.makedirs(d, exist_ok=True)
    inputs = []
    for dtype, shape in (("int32", (3,)), ("int32", (3, 1)), ("int64", (3,)), ("uint8", (3, 1))):
        name = f"labels_{dtype}_{'x'.join(map(str, shape))}.npy"
        y = np.array([2, 0, 1], dtype).reshape(shape)
        save_npy(os.path.join(d, name), y)
        inputs.append((name, y))
    cases = []
    for cls in ("MixUp", "CutMix"):
        for seed in (1, 7):
            for name, y in inputs:
                layer = getattr(L, cls)(seed=seed)
                same = layer({"images": x, "labels": y}, training=False)["labels"]
                assert same.dtype == y.dtype and np.array_equal(np.asarray(same), y), (cls, name)
                try:
                    layer({"images": x, "labels": y}, training=True)
                except Exception as e:  # noqa: BLE001 - TF's InvalidArgumentError, wrapped by Keras
                    text = re.sub(r"\x1b\[[0-9;]*m", "", str(e))
                    found = re.search(r"cannot compute Mul as input .*? \[Op:Mul\]", text)
                    assert found and f"calling {cls}.call()" in text, text
                    cases.append({"spec": [{"class_name": cls, "config": layer.get_config()}], "labels": name,
                                  "dtype": str(y.dtype), "shape": list(y.shape), "error": found.group(0)})
                    continue
                raise AssertionError(f"{cls} took {name}")
    with open(os.path.join(d, "cases.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")


def main():
    rs = np.random.RandomState(11)
    x = rs.uniform(0, 255, (3, 13, 17, 3)).astype("float32")
    masks = rs.randint(0, 4, (3, 13, 17, 1)).astype("uint8")
    boxes = {"boxes": [[[1.5, 2.0, 9.0, 8.5], [10.0, 3.0, 16.5, 12.0]], [[0.0, 0.0, 6.0, 5.0]],
                       [[2.0, 4.0, 14.0, 11.0], [12.0, 8.0, 17.0, 13.0]]],
             "labels": [[1, 2], [0], [2, 1]]}
    write_case("geometry", [L.RandomFlip(seed=3, bounding_box_format="xyxy"),
                            L.RandomRotation(0.15, fill_mode="constant", fill_value=20.0, seed=4,
                                             bounding_box_format="xyxy"),
                            L.RandomContrast(0.4, seed=5, bounding_box_format="xyxy")],
               x, 2, labels=np.array([2, 0, 1], "int32"), masks=masks, boxes=boxes)
    write_case("mix", [L.MixUp(alpha=0.4, seed=8), L.RandomBrightness(0.3, seed=9)], x, 1,
               labels=np.eye(3, dtype="float32"))
    int_label_cases(x)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
