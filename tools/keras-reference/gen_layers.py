"""Golden fixtures for Keras 3's augmentation layers (keras.layers.RandomFlip, RandomContrast, ...), TF backend.

Writes augment/src/test/resources/layers/: inputs/*.npy (float32 NHWC batches, masks), layers.json (one entry per
case: the layer class, its constructor kwargs (with data_format="channels_first" the inputs are transposed to NCHW
and the outputs are NCHW), the input files, the targets passed, and per call the training flag
and the output files) and out/*.npy (images, labels and masks per call). Each case builds ONE layer object and calls
it `calls` times on the same input, so the layer's SeedGenerator stream advances as in Keras. Boxes are written
inline in layers.json (float32 values as Python floats).
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from common import resources, save_json, save_npy  # noqa: E402

OUT = resources("augment", "layers")

# name -> (batch, height, width, channels); values uniform in [0, 255), non-integer.
INPUTS = {
    "x3": (3, 13, 17, 3),
    "x4": (4, 13, 17, 3),
    "x2": (2, 11, 8, 3),
    "x1": (1, 7, 9, 3),
    "x5": (2, 37, 45, 3),
}


def make_inputs():
    rs = np.random.RandomState(2024)
    arrays = {}
    for name, shape in INPUTS.items():
        x = rs.uniform(0, 255, shape).astype("float32")
        arrays[name] = x
        save_npy(os.path.join(OUT, "inputs", name + ".npy"), x)
        n, h, w, _ = shape
        m = rs.randint(0, 3, (n, h, w, 1)).astype("float32")
        arrays[name + "_masks"] = m
        save_npy(os.path.join(OUT, "inputs", name + "_masks.npy"), m)
        arrays[name + "_labels"] = np.eye(n, 3, dtype="float32")[:, :3] if n >= 3 else np.eye(n, n, dtype="float32")
        # two boxes per image in xyxy pixels, the second one partly outside the image
        boxes = []
        for i in range(n):
            boxes.append([[1.5 + i, 2.0, 6.25 + i, 8.5], [w - 3.0, h - 4.0, w + 2.0, h + 1.0]])
        arrays[name + "_boxes"] = np.array(boxes, "float32")
        arrays[name + "_box_labels"] = np.array([[1, 2]] * n, "int32")
    return arrays


# (id, class, kwargs, input, value scale (1 or 1/255), targets, training flags per call)
ALL = ("labels", "masks")
CASES = [
    ("flip_hv_s7", "RandomFlip", {"seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("flip_h_s1", "RandomFlip", {"mode": "horizontal", "seed": 1}, "x4", 1, ALL, [True, False, True]),
    ("flip_v_s42", "RandomFlip", {"mode": "vertical", "seed": 42}, "x2", 1, ALL, [True, True]),
    ("flip_boxes_s3", "RandomFlip", {"seed": 3, "bounding_box_format": "xyxy"}, "x4", 1, ALL + ("boxes",),
     [True, True, True]),
    ("flip_h_boxes_rel_s5", "RandomFlip", {"mode": "horizontal", "seed": 5, "bounding_box_format": "rel_xyxy"},
     "x3", 1, ("boxes",), [True, True]),
] + [
    (f"flip_boxes_{fmt}_s{11 + i}", "RandomFlip", {"seed": 11 + i, "bounding_box_format": fmt}, "x3", 1, ("boxes",),
     [True, True])
    for i, fmt in enumerate(["yxyx", "xywh", "center_xywh", "center_yxhw", "rel_yxyx", "rel_xywh", "rel_center_xywh"])
] + [
    ("mixup_boxes_s5", "MixUp", {"seed": 5, "bounding_box_format": "xyxy"}, "x3", 1, ("labels", "boxes"), [True]),
    ("flip_1_s9", "RandomFlip", {"seed": 9}, "x1", 1, (), [True, True, True, True]),
    ("brightness_s7", "RandomBrightness", {"factor": 0.2, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("brightness_pair_s1", "RandomBrightness", {"factor": (-0.6, 0.9), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("brightness_unit_s42", "RandomBrightness", {"factor": 0.5, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     ALL, [True, True]),
    ("contrast_s7", "RandomContrast", {"factor": 0.5, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("contrast_pair_s1", "RandomContrast", {"factor": (0.8, 0.3), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("contrast_unit_s42", "RandomContrast", {"factor": 0.9, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     (), [True, True]),
    ("contrast_large_s3", "RandomContrast", {"factor": 0.7, "seed": 3}, "x5", 1, (), [True, True]),
    ("grayscale_s7", "RandomGrayscale", {"factor": 0.5, "seed": 7}, "x4", 1, (), [True, True, True]),
    ("grayscale_s1", "RandomGrayscale", {"factor": 0.8, "seed": 1}, "x3", 1, (), [True, False, True]),
    ("grayscale_large_s5", "RandomGrayscale", {"factor": 1.0, "seed": 5}, "x5", 1, (), [True]),
    ("grayscale_unit_s42", "RandomGrayscale", {"factor": 1.0, "seed": 42}, "x1", 1 / 255, (), [True]),
    ("erasing_s7", "RandomErasing", {"seed": 7}, "x4", 1, ALL, [True, True, True]),
    ("erasing_fill_s1", "RandomErasing", {"factor": 0.9, "scale": (0.1, 0.5), "fill_value": 40.0, "seed": 1}, "x3",
     1, (), [True, False, True]),
    ("erasing_unit_s42", "RandomErasing", {"factor": (0.5, 1.0), "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     (), [True, True]),
    ("mixup_s7", "MixUp", {"seed": 7}, "x4", 1, ("labels",), [True, True, True]),
    ("mixup_alpha_s1", "MixUp", {"alpha": 0.8, "seed": 1}, "x3", 1, ("labels",), [True, False, True]),
    ("mixup_2_s42", "MixUp", {"alpha": 2.5, "seed": 42}, "x2", 1, ("labels", "masks"), [True, True]),
    ("cutmix_s7", "CutMix", {"seed": 7}, "x4", 1, ("labels",), [True, True, True]),
    ("cutmix_factor_s1", "CutMix", {"factor": 0.4, "seed": 1}, "x3", 1, ("labels", "masks"), [True, False, True]),
    ("cutmix_2_s42", "CutMix", {"factor": (0.3, 0.9), "seed": 42}, "x2", 1, ("labels",), [True, True]),
    ("hue_s7", "RandomHue", {"factor": 0.5, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("hue_pair_s1", "RandomHue", {"factor": (0.2, 0.9), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("hue_unit_s42", "RandomHue", {"factor": 1.0, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255, (), [True, True]),
    ("saturation_s7", "RandomSaturation", {"factor": 0.5, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("saturation_pair_s1", "RandomSaturation", {"factor": (0.1, 0.9), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("saturation_unit_s42", "RandomSaturation", {"factor": 0.8, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     (), [True, True]),
    ("jitter_s7", "RandomColorJitter", {"brightness_factor": 0.2, "contrast_factor": 0.5, "saturation_factor": 0.5,
                                        "hue_factor": 0.3, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("jitter_bc_s1", "RandomColorJitter", {"brightness_factor": (-0.3, 0.3), "contrast_factor": 0.4, "seed": 1},
     "x4", 1, (), [True, False, True]),
    ("jitter_unit_s42", "RandomColorJitter", {"value_range": (0, 1), "saturation_factor": 0.7, "hue_factor": 0.6,
                                              "seed": 42}, "x2", 1 / 255, (), [True, True]),
] + [
    # channels_first: the same layers on NCHW batches (inputs and outputs transposed)
    ("cf_flip_s21", "RandomFlip", {"seed": 21, "data_format": "channels_first", "bounding_box_format": "xyxy"}, "x3",
     1, ALL + ("boxes",), [True, True]),
    ("cf_brightness_s22", "RandomBrightness", {"factor": 0.3, "seed": 22, "data_format": "channels_first"}, "x2", 1,
     (), [True, True]),
    ("cf_contrast_s23", "RandomContrast", {"factor": 0.6, "seed": 23, "data_format": "channels_first"}, "x3", 1, (),
     [True, True]),
    ("cf_contrast_large_s4", "RandomContrast", {"factor": 0.7, "seed": 4, "data_format": "channels_first"}, "x5", 1,
     (), [True, True]),
    ("cf_grayscale_large_s6", "RandomGrayscale", {"factor": 1.0, "seed": 6, "data_format": "channels_first"}, "x5",
     1, (), [True]),
    ("cf_grayscale_s24", "RandomGrayscale", {"factor": 0.6, "seed": 24, "data_format": "channels_first"}, "x4", 1,
     (), [True, True]),
    ("cf_erasing_s25", "RandomErasing", {"seed": 25, "data_format": "channels_first"}, "x4", 1, ALL, [True, True]),
    ("cf_mixup_s26", "MixUp", {"seed": 26, "data_format": "channels_first"}, "x3", 1, ("labels",), [True, True]),
    ("cf_cutmix_s27", "CutMix", {"seed": 27, "data_format": "channels_first"}, "x4", 1, ALL, [True, True]),
    ("cf_hue_s28", "RandomHue", {"factor": 0.7, "seed": 28, "data_format": "channels_first"}, "x3", 1, (),
     [True, True]),
    ("cf_saturation_s29", "RandomSaturation", {"factor": 0.7, "seed": 29, "data_format": "channels_first"}, "x2", 1,
     (), [True, True]),
] + [
    ("pipeline_s7", "Pipeline", {"layers": [("RandomFlip", {"seed": 7}), ("RandomContrast", {"factor": 0.3, "seed": 8}),
                                            ("RandomBrightness", {"factor": 0.2, "seed": 9})]},
     "x3", 1, ALL, [True, True, True]),
    ("pipeline_mix_s1", "Pipeline", {"layers": [("RandomGrayscale", {"factor": 0.5, "seed": 1}),
                                                ("RandomErasing", {"seed": 2}), ("MixUp", {"seed": 3})]},
     "x4", 1, (), [True, False, True]),
]


def build(cls, kwargs):
    if cls == "Pipeline":
        return keras.layers.Pipeline([build(c, k) for c, k in kwargs["layers"]])
    return getattr(keras.layers, cls)(**kwargs)


def jsonable(kwargs):
    if isinstance(kwargs, dict):
        return {k: jsonable(v) for k, v in kwargs.items()}
    if isinstance(kwargs, (list, tuple)):
        return [jsonable(v) for v in kwargs]
    return kwargs


def floats(a):
    return [float(v) for v in np.asarray(a, np.float32).ravel()]


def main():
    arrays = make_inputs()
    entries = []
    for cid, cls, kwargs, inp, scale, targets, flags in CASES:
        layer = build(cls, kwargs)
        x = (arrays[inp] * np.float32(scale)).astype("float32")
        cf = kwargs.get("data_format") == "channels_first"
        if cf:
            x = np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2)))
        entry = {"id": cid, "class": cls, "config": jsonable(kwargs), "input": inp, "scale": float(np.float32(scale)),
                 "targets": list(targets), "calls": []}
        for call, training in enumerate(flags):
            if targets:
                data = {"images": x}
                if "labels" in targets:
                    data["labels"] = arrays[inp + "_labels"]
                if "masks" in targets:
                    m = arrays[inp + "_masks"]
                    data["segmentation_masks"] = np.ascontiguousarray(np.transpose(m, (0, 3, 1, 2))) if cf else m
                if "boxes" in targets:
                    h, w = INPUTS[inp][1], INPUTS[inp][2]
                    boxes = np.asarray(keras.utils.bounding_boxes.convert_format(
                        arrays[inp + "_boxes"], source="xyxy", target=kwargs["bounding_box_format"], height=h,
                        width=w), "float32")
                    data["bounding_boxes"] = {"boxes": boxes, "labels": arrays[inp + "_box_labels"]}
                    entry["boxes_in"] = floats(boxes)
                    entry["box_labels_in"] = arrays[inp + "_box_labels"].ravel().tolist()
                out = layer(data, training=training)
            else:
                out = {"images": layer(x, training=training)}
            rec = {"training": training}
            base = f"out/{cid}_{call}"
            save_npy(os.path.join(OUT, base + "_images.npy"), np.asarray(out["images"], "float32"))
            rec["images"] = base + "_images.npy"
            if "labels" in out and "labels" in targets:
                save_npy(os.path.join(OUT, base + "_labels.npy"), np.asarray(out["labels"], "float32"))
                rec["labels"] = base + "_labels.npy"
            if "segmentation_masks" in out:
                save_npy(os.path.join(OUT, base + "_masks.npy"), np.asarray(out["segmentation_masks"], "float32"))
                rec["masks"] = base + "_masks.npy"
            if "bounding_boxes" in out:
                rec["boxes"] = floats(out["bounding_boxes"]["boxes"])
                rec["box_labels"] = np.asarray(out["bounding_boxes"]["labels"]).ravel().tolist()
            entry["calls"].append(rec)
        entries.append(entry)
    save_json(os.path.join(OUT, "layers.json"),
              {"versions": {"keras": keras.__version__, "tensorflow": tf.__version__, "numpy": np.__version__},
               "inputs": {k: list(v) for k, v in INPUTS.items()}, "cases": entries})
    print("wrote", len(entries), "cases to", OUT)


if __name__ == "__main__":
    main()


# Constructor arguments Keras rejects, with its message (layers/errors.json).
ERRORS = [
    ("RandomBrightness", {"factor": 1.5}),
    ("RandomBrightness", {"factor": (-2, -1.5)}),
    ("RandomContrast", {"factor": 1.5}),
    ("RandomContrast", {"factor": -0.1}),
    ("RandomHue", {"factor": 2}),
    ("RandomSaturation", {"factor": 1.2}),
    ("RandomGrayscale", {"factor": 1.5}),
    ("RandomGrayscale", {"factor": -0.5}),
    ("RandomErasing", {"factor": 2}),
    ("RandomErasing", {"scale": (1.5, 2)}),
    ("CutMix", {"factor": -1}),
    ("RandomColorJitter", {"brightness_factor": 2}),
    ("RandomColorJitter", {"hue_factor": (1.5, 2)}),
]


def write_errors():
    out = []
    for cls, kwargs in ERRORS:
        try:
            getattr(keras.layers, cls)(**kwargs)
            raise AssertionError(f"{cls}({kwargs}) was accepted")
        except ValueError as e:
            out.append({"class": cls, "config": jsonable(kwargs), "message": str(e)})
    save_json(os.path.join(OUT, "errors.json"), {"versions": {"keras": keras.__version__}, "errors": out})


if __name__ == "__main__":
    write_errors()
